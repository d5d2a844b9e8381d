"""Which people, organizations and initiatives an article's text names, so
that an editor can link them (README, "Editorial workflow").

``names`` loads what is looked for (every entity's names and how entities
relate), ``finder`` finds those names in a text by the matching rules its
docstring describes, ``evaluation`` measures the finder against the links
editors made, ``links`` reads those links.
"""

from .evaluation import Evaluation, Score, evaluate
from .finder import Mention, MentionFinder
from .links import INITIATIVE, KINDS, LINK_FIELDS, ORGANIZATION, PERSON, EntityRef, links_of
from .names import EntityData, load_entity_names

__all__ = [
    "INITIATIVE",
    "KINDS",
    "LINK_FIELDS",
    "ORGANIZATION",
    "PERSON",
    "EntityData",
    "EntityRef",
    "Evaluation",
    "Mention",
    "MentionFinder",
    "Score",
    "evaluate",
    "links_of",
    "load_entity_names",
]
