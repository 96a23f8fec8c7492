"""ConflictWatch, the Django project; `celery -A conflictwatch` finds its app here."""

from conflictwatch.celery import app as celery_app

__all__ = ["celery_app"]
