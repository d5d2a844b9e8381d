"""``{% cached_fragment name value... %}…{% endcached_fragment %}``: a part of
a page rendered once per content version, language and the given values.

Unlike Django's ``{% cache %}``, the key carries the content version, so the
fragment is never stale, and a cache that is down means rendering it, not
an error. For parts that cost much to build and depend only on published
content and the values named (the filter form and its choices, say).
"""

from django import template
from django.utils.translation import get_language

from .. import versions

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, vary_on: list):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context) -> str:
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        values = [str(value.resolve(context)) for value in self.vary_on]
        key = "\x1f".join(["fragment", self.name, get_language(), *values])
        return versions.cached(
            key, lambda: self.nodelist.render(context), version=versions.for_request(request)
        )


@register.tag
def cached_fragment(parser, token) -> CachedFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
