"""A URLconf that serves the dashboard under another path (for URL tests)."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("events.urls"))]
