"""Writing the search index: articles and entities to their search keys.

Every write path keeps the index current through the receivers in
signals.py (saves, loaddata, link changes, renames, deletions). Code that
writes around signals (``bulk_create``, ``QuerySet.update`` on text fields)
calls ``index_articles`` itself, as ``generate_articles`` does;
``manage.py rebuild_search_index`` rebuilds everything.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import transaction
from django.db.models import Prefetch

from articles import entities
from articles.models import Article

from .analysis import LANGUAGES, index_keys, name_keys
from .models import EntityDocument, SearchDocument

BATCH_SIZE = 500

# EntityDocument.kind → the entity model.
KIND_MODELS = {t.kind: t.model for t in entities.ENTITY_TYPES}

Progress = Callable[[int], None]


def _chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    iterator = iter(ids)
    while batch := list(islice(iterator, size)):
        yield batch


def entity_text(entity) -> str:
    """All the names of a person, organization or initiative, in every language."""
    fields = entities.type_of(entity).names
    return " ".join(
        getattr(entity, f"{field}_{code}") or "" for field in fields for code in LANGUAGES
    )


def _entity_prefetches() -> list[Prefetch]:
    prefetches = []
    for entity_type in entities.ENTITY_TYPES:
        columns = [f"{name}_{code}" for name in entity_type.names for code in LANGUAGES]
        queryset = entity_type.model.objects.only("pk", *columns)
        prefetches.append(Prefetch(entity_type.link, queryset=queryset))
    return prefetches


def article_names(article: Article) -> str:
    """Name keys of every entity linked to ``article`` (prefetched)."""
    text = " ".join(
        entity_text(entity) for link in entities.LINKS for entity in getattr(article, link).all()
    )
    return name_keys(text)


def _documents_prefetch() -> Prefetch:
    Document = Article._meta.get_field("documents").related_model
    return Prefetch("documents", queryset=Document.objects.only("pk", "text", "text_language"))


def document_keys(article: Article) -> list[str]:
    """Keys of the text of the article's documents (prefetched), each in its
    own language, or as every language when that is unknown: a story is
    found through the rulings and reports attached to it, like its body."""
    keys = []
    for document in article.documents.all():
        if not document.text:
            continue
        codes = [document.text_language] if document.text_language in LANGUAGES else LANGUAGES
        keys.extend(index_keys(document.text, code) for code in codes)
    return keys


def build_document(article: Article) -> SearchDocument:
    """The search document of an article whose entities and documents are
    prefetched."""
    parts = {"titles": [], "leads": [], "bodies": []}
    languages = []
    for code in LANGUAGES:
        texts = [article.field_text(field, code) for field in ("title", "lead", "body")]
        if any(texts):
            languages.append(code)
        for part, text in zip(parts.values(), texts, strict=True):
            part.append(index_keys(text, code))
    parts["bodies"].extend(document_keys(article))
    return SearchDocument(
        article_id=article.pk,
        names=article_names(article),
        languages=" ".join(languages),
        **{name: " ".join(filter(None, keys)) for name, keys in parts.items()},
    )


def index_articles(
    ids: Iterable[int] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> int:
    """(Re)write the search documents of the given articles (all by default).

    Works in batches, one transaction each; ``progress`` is called with the
    number done after each batch. Returns how many documents were written.
    """
    if ids is None:
        ids = Article.objects.order_by("pk").values_list("pk", flat=True).iterator()
    done = 0
    for batch in _chunks(ids, batch_size):
        articles = Article.objects.filter(pk__in=batch).prefetch_related(
            *_entity_prefetches(), _documents_prefetch()
        )
        documents = [build_document(article) for article in articles]
        with transaction.atomic():
            SearchDocument.objects.bulk_create(
                documents,
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["names", "titles", "leads", "bodies", "languages", "updated_at"],
            )
        done += len(documents)
        if progress:
            progress(done)
    return done


def refresh_names(ids: Iterable[int], *, batch_size: int = BATCH_SIZE) -> int:
    """Rewrite only the name keys of the given articles: after an entity is
    renamed, its (possibly many) articles' text need not be analysed again."""
    ids = list(ids)
    done = 0
    for batch in _chunks(ids, batch_size):
        articles = (
            Article.objects.filter(pk__in=batch, search_document__isnull=False)
            .only("pk")
            .prefetch_related(*_entity_prefetches())
        )
        documents = [SearchDocument(article_id=a.pk, names=article_names(a)) for a in articles]
        with transaction.atomic():
            SearchDocument.objects.bulk_update(documents, ["names"])
        done += len(documents)
    missing = Article.objects.filter(pk__in=ids, search_document__isnull=True)
    return done + index_articles(missing.values_list("pk", flat=True))


def index_entities(entities: Iterable) -> int:
    """(Re)write the entity documents of people, organizations or initiatives."""
    documents = [
        EntityDocument(
            kind=kind_of(entity), object_id=entity.pk, names=f" {name_keys(entity_text(entity))} "
        )
        for entity in entities
    ]
    EntityDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["names"],
    )
    return len(documents)


def kind_of(entity) -> str:
    return entities.type_of(entity).kind


def rebuild(*, progress: Progress | None = None, batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Rebuild the whole index: every entity, then every article.

    Returns (entities, articles) written. Documents of deleted rows go too.
    """
    entities_written = 0
    with transaction.atomic():
        EntityDocument.objects.all().delete()
        for model in KIND_MODELS.values():
            entities_written += index_entities(model.objects.all())
    SearchDocument.objects.exclude(article__in=Article.objects.all()).delete()
    articles = index_articles(progress=progress, batch_size=batch_size)
    return entities_written, articles
