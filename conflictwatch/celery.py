"""The Celery app: extraction runs in workers when CELERY_BROKER_URL is set.

Start a worker with `celery -A conflictwatch worker -Q extraction`. The
configuration is the CELERY_* part of conflictwatch/settings.py; the tasks are
in events/tasks.py. Importing this module connects nothing and loads nothing.
"""

import logging
import os
import time

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

logger = logging.getLogger(__name__)

app = Celery("conflictwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_process_init.connect
def warm_spacy_model(**kwargs) -> None:
    """Load the spaCy model once in each new worker process, before any task."""
    from django.conf import settings

    from events.extraction.nlp import get_nlp

    started = time.monotonic()
    get_nlp(settings.SPACY_MODEL)
    logger.info(
        "spaCy model %s loaded in %.1fs",
        settings.SPACY_MODEL,
        time.monotonic() - started,
    )
