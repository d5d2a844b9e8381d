from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from ..media.models import Document
from ..models import Initiative, Organization, Person
from .rendering import target_url

MODELS = {
    "person": Person,
    "organization": Organization,
    "initiative": Initiative,
    "document": Document,
}


@require_safe
def entity_link(request, kind: str, pk: int):
    """``go/<kind>/<id>/``, the stored form of a body's entity link: the
    entity's page in the reader's language (pages link it directly; this
    serves the links wherever a body is shown unrendered)."""
    model = MODELS.get(kind)
    if model is None:
        raise Http404("No such kind of link.")
    return redirect(target_url(kind, get_object_or_404(model, pk=pk)))
