"""The image library: pictures with their texts in every language."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import renditions
from .fields import SanitizedFileField
from .naming import clean_stem, image_path
from .uploads import ACCEPTED_TYPES, sanitize_image

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def clean_image_upload(upload, name: str) -> tuple[bytes, str, dict]:
    """What the image field stores: the upload without its metadata."""
    clean = sanitize_image(upload, name)
    facts = {
        "width": clean.width,
        "height": clean.height,
        "file_size": len(clean.content),
        "mime_type": clean.mime_type,
        # New pixels: the renditions of the old ones no longer apply.
        "renditions_ready": False,
        "processing_error": "",
    }
    return clean.content, f"{clean_stem(name, 'image')}.{clean.extension}", facts


class ImageQuerySet(models.QuerySet):
    def search(self, text: str) -> "ImageQuerySet":
        condition = Q(title__icontains=text) | Q(credit__icontains=text)
        for code in LANGUAGE_CODES:
            condition |= Q(**{f"alt_{code}__icontains": text})
            condition |= Q(**{f"caption_{code}__icontains": text})
        return self.filter(condition)


class Image(models.Model):
    file = SanitizedFileField(
        _("file"),
        upload_to=image_path,
        cleaner=clean_image_upload,
        accept=ACCEPTED_TYPES,
        help_text=_(
            "JPEG, PNG or WebP. Location and camera data are removed when the file is stored."
        ),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For finding the image in the library.")
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer, agency or copyright holder, e.g. “Photo: Azattyq”."),
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point, across (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Where the subject is, 0 (left) to 100 (right): crops keep it in view."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point, down (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 (top) to 100 (bottom)."),
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    mime_type = models.CharField(_("type"), max_length=40, blank=True, editable=False)
    renditions_ready = models.BooleanField(_("renditions made"), default=False, editable=False)
    processing_error = models.TextField(_("processing error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if focal_point_changed(self):
            # The crops follow the focal point: they must be made again.
            self.renditions_ready = False
        super().save(*args, **kwargs)
        self._loaded_focal_point = (self.focal_x, self.focal_y)

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        image._loaded_focal_point = (image.__dict__.get("focal_x"), image.__dict__.get("focal_y"))
        return image

    @property
    def focal_anchor(self) -> tuple[float, float]:
        """The focal point as the fractions pilkit's crops take."""
        x = 50 if self.focal_x is None else self.focal_x
        y = 50 if self.focal_y is None else self.focal_y
        return (x / 100, y / 100)

    @property
    def aspect_ratio(self) -> float:
        return self.width / self.height if self.height else 1.0

    def renditions(self, shape: str, format: str) -> list[renditions.Rendition]:
        return renditions.renditions(self, shape, format)

    def missing_translations(self) -> list[str]:
        """The languages without alternative text."""
        return [code for code in LANGUAGE_CODES if not getattr(self, f"alt_{code}", "")]


def focal_point_changed(image: Image) -> bool:
    loaded = getattr(image, "_loaded_focal_point", None)
    return loaded is not None and loaded != (image.focal_x, image.focal_y)
