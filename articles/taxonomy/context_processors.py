def navigation(request):
    """The sections of the site's navigation, read only when the header's
    cached fragment is built (a lazy queryset)."""
    from .models import Section

    return {"navigation_sections": Section.objects.all()}
