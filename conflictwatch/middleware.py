"""A Content-Security-Policy header on every response.

Django 5.2 has no CSP support of its own. Pages load scripts only from our
own static files (no inline script, no CDN), so an article that smuggles
markup past an escaping mistake still cannot run code. Map tiles may come
from the configured tile host.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _tile_origin(url: str) -> str:
    """Return the scheme://host of a tile URL template, `{s}` as a wildcard."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}.", "*.").replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def content_security_policy() -> str:
    """Return the policy for this deployment's settings."""
    tiles = _tile_origin(settings.CONFLICTWATCH_TILE_URL)
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        # Leaflet and the admin set inline styles.
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: {tiles}".strip(),
        "connect-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
