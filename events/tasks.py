"""Celery tasks: one article's extraction, sent by `articles_extract_or_queue`.

The message is acknowledged only after the task ends (`acks_late`), and given
back to the broker if the worker process dies (`reject_on_worker_lost`): a
killed worker loses nothing, the article is extracted once more elsewhere.
That is safe because `extraction_store` replaces the article's rows in one
transaction: a second run leaves the rows a single run leaves.
"""

from celery import shared_task
from celery.utils.log import get_task_logger
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError

from events.models import Article
from events.services.extraction import article_extract, extraction_fail

logger = get_task_logger(__name__)

# A database or network briefly away: tried again later. Anything else marks
# the article failed at once, as in-process extraction does.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 6
# Seconds before retry n (from 0): a random wait up to 5 * 2**n (5, 10 ... 160),
# at most 5 minutes; the retries span a database restart or failover.
RETRY_BACKOFF = 5
RETRY_BACKOFF_MAX = 300


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
)
def extract_article(self, article_id: int) -> str:
    """Extract article `article_id` and replace its rows; return its status."""
    try:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            logger.info("article %s: deleted before extraction", article_id)
            return "missing"
        ok = article_extract(article=article, retry_on=TRANSIENT_ERRORS)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            extraction_fail(article_id=article_id, error=error)
            raise
        countdown = get_exponential_backoff_interval(
            RETRY_BACKOFF, self.request.retries, RETRY_BACKOFF_MAX, full_jitter=True
        )
        logger.warning(
            "article %s: %s; trying again in %ss", article_id, error, countdown
        )
        raise self.retry(exc=error, countdown=countdown) from error
    status = Article.ExtractionStatus.DONE if ok else Article.ExtractionStatus.FAILED
    logger.info("article %s: %s", article_id, status.value)
    return status.value
