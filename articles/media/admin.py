"""The media library in the admin: images and documents, found by their
texts and by where they are used."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from . import usage
from .models import Document, Image
from .pictures import picture
from .services import MetadataError, remove_metadata


class UsageFilter(admin.SimpleListFilter):
    title = _("used as")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [*usage.kinds(model_admin.model), ("none", _("not used"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(usage.unused(queryset.model))
        if value in dict(usage.kinds(queryset.model)):
            return queryset.filter(**{f"{value}__isnull": False}).distinct()
        return queryset


def _use_links(obj) -> str:
    links = []
    for use in usage.uses(obj):
        try:
            url = reverse(
                f"admin:{use._meta.app_label}_{use._meta.model_name}_change", args=[use.pk]
            )
        except NoReverseMatch:
            continue
        links.append((url, use._meta.verbose_name, use))
    if not links:
        return _("Not used anywhere.")
    return format_html(
        "<ul>{}</ul>",
        format_html_join("", '<li>{}: <a href="{}">{}</a></li>', ((v, u, o) for u, v, o in links)),
    )


class UseCountMixin:
    def get_queryset(self, request):
        counts = {
            f"uses_{name}": Count(name, distinct=True) for name, _label in usage.kinds(self.model)
        }
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description=_("uses"))
    def use_count(self, obj) -> int:
        return sum(getattr(obj, f"uses_{name}", 0) for name, _label in usage.kinds(self.model))

    @admin.display(description=_("used in"))
    def used_in(self, obj) -> str:
        return _use_links(obj) if obj.pk else "—"


@admin.register(Image)
class ImageAdmin(UseCountMixin, TabbedTranslationAdmin):
    list_display = (
        "thumbnail",
        "title",
        "size",
        "credit",
        "translations",
        "use_count",
        "renditions_ready",
    )
    list_display_links = ("thumbnail", "title")
    list_filter = (UsageFilter, "renditions_ready")
    search_fields = (
        "title",
        "credit",
        "alt_kk",
        "alt_ru",
        "alt_en",
        "caption_kk",
        "caption_ru",
        "caption_en",
    )
    readonly_fields = (
        "preview",
        "size",
        "file_size",
        "mime_type",
        "renditions_ready",
        "processing_error",
        "used_in",
    )
    fieldsets = (
        (None, {"fields": ("file", "preview", "title", "alt", "caption", "credit")}),
        (_("Crops"), {"fields": ("focal_x", "focal_y")}),
        (
            _("File"),
            {"fields": ("size", "file_size", "mime_type", "renditions_ready", "processing_error")},
        ),
        (_("Where it is used"), {"fields": ("used_in",)}),
    )

    @admin.display(description=_("image"))
    def thumbnail(self, obj) -> str:
        return self._img(obj, "square", 64)

    @admin.display(description=_("preview"))
    def preview(self, obj) -> str:
        return self._img(obj, "full", 320) if obj.pk else "—"

    def _img(self, obj, shape: str, width: int) -> str:
        if not obj.file:
            return "—"
        shown = picture(obj, shape)
        height = round(width * shown.height / shown.width) if shown.width else width
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy">', shown.src, width, height
        )

    @admin.display(description=_("size"))
    def size(self, obj) -> str:
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description=_("alternative text"))
    def translations(self, obj) -> str:
        missing = obj.missing_translations()
        return format_html_join(
            " ",
            '<span class="translation-status {}" title="{}">{}</span>',
            (
                (
                    "missing" if code in missing else "complete",
                    _("missing") if code in missing else _("complete"),
                    code,
                )
                for code in usage.LANGUAGE_CODES
            ),
        )


class DocumentForm(forms.ModelForm):
    remove_metadata = forms.BooleanField(
        label=_("Remove the embedded metadata when saving"),
        required=False,
        help_text=_(
            "PDF: removes the author, creator, producer, title, subject, keywords and dates, "
            "and the XMP metadata. Word and Excel: removes the author, last editor, title, "
            "subject, keywords, dates, application, company and manager. Metadata inside "
            "embedded images or fonts, the authors of comments and tracked changes, and what "
            "the text itself says stay as they are."
        ),
    )

    class Meta:
        model = Document
        # The admin's fieldsets decide the full list of fields.
        fields = ("file",)


@admin.register(Document)
class DocumentAdmin(UseCountMixin, TabbedTranslationAdmin):
    form = DocumentForm
    list_display = (
        "title",
        "document_date",
        "kind",
        "page_count",
        "text_status",
        "has_metadata",
        "use_count",
    )
    list_filter = (UsageFilter, "text_status")
    search_fields = (
        "title_kk",
        "title_ru",
        "title_en",
        "description_kk",
        "description_ru",
        "description_en",
        "text",
    )
    date_hierarchy = "document_date"
    actions = ("remove_metadata_action",)
    readonly_fields = (
        "kind",
        "page_count",
        "text_status",
        "text_error",
        "text_language",
        "embedded_metadata",
        "text_excerpt",
        "used_in",
    )
    fieldsets = (
        (None, {"fields": ("file", "title", "description", "document_date")}),
        (
            _("Embedded metadata"),
            {"fields": ("embedded_metadata", "remove_metadata")},
        ),
        (
            _("Text"),
            {
                "fields": (
                    "kind",
                    "page_count",
                    "text_status",
                    "text_error",
                    "text_language",
                    "text_excerpt",
                )
            },
        ),
        (_("Where it is used"), {"fields": ("used_in",)}),
    )

    @admin.display(description=_("type"))
    def kind(self, obj) -> str:
        return f"{obj.type_display}, {obj.size_display}" if obj.file_size else "—"

    @admin.display(description=_("metadata"), boolean=True)
    def has_metadata(self, obj) -> bool:
        return bool(obj.metadata)

    @admin.display(description=_("embedded metadata"))
    def embedded_metadata(self, obj) -> str:
        if obj.text_status == Document.TextStatus.PENDING:
            return _("Read when the document is processed, in a few moments.")
        if not obj.metadata:
            return _("None found.")
        return format_html(
            "<dl>{}</dl>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", sorted(obj.metadata.items())),
        )

    @admin.display(description=_("text"))
    def text_excerpt(self, obj) -> str:
        if not obj.text:
            return "—"
        return format_html("<pre>{}</pre>", obj.text[:2000])

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("remove_metadata"):
            self._remove_metadata(request, [obj])

    @admin.action(description=_("Remove the embedded metadata"), permissions=["change"])
    def remove_metadata_action(self, request, queryset):
        self._remove_metadata(request, queryset.filter(~Q(metadata={})))

    def _remove_metadata(self, request, documents) -> None:
        done = 0
        for document in documents:
            try:
                remove_metadata(document)
            except MetadataError as error:
                self.message_user(
                    request,
                    _("“%(document)s” could not be rewritten: %(error)s")
                    % {"document": document, "error": error},
                    messages.ERROR,
                )
                continue
            done += 1
        self.message_user(
            request,
            ngettext(
                "Embedded metadata removed from %(count)d document.",
                "Embedded metadata removed from %(count)d documents.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
