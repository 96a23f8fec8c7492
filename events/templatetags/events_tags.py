"""Template helpers: links that keep the filter."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def query_with(query: str, **changes) -> str:
    """Return `query` (a query string) with `changes` set; None/'' removes a key."""
    params = QueryDict(query, mutable=True)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    return params.urlencode()
