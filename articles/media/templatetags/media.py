"""``{% picture %}``: an image of the library as a responsive <picture>."""

from django import template

from ..pictures import SharedImage
from ..pictures import picture as build_picture
from ..pictures import shared_image as build_shared_image

register = template.Library()


@register.inclusion_tag("media/picture.html")
def picture(image, shape="full", sizes="100vw", loading="lazy", alt=None, css_class=""):
    """``loading="eager"`` for a picture at the top of the page (the lead
    image), which also asks for it first; "lazy" for the others."""
    return {
        "picture": build_picture(image, shape),
        "alt": image.alt if alt is None else alt,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }


@register.simple_tag(takes_context=True)
def shared_image(context, image):
    """The image link previews show, with an absolute URL."""
    shared = build_shared_image(image)
    request = context.get("request")
    url = request.build_absolute_uri(shared.url) if request else shared.url
    return SharedImage(url, shared.width, shared.height, shared.mime_type, shared.size)
