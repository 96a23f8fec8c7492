"""The rows extraction leaves, per article, in a form two databases can compare.

Run in the test process (pytest-django's database) and, through
`manage.py shell`, against the workers' database: the same code reads both.
"""

import json

from django.db import connection

from events.models import Article, CasualtyClaim, Event, EventActor, Evidence

TABLES = [Article, Event, Event.articles.through, EventActor, CasualtyClaim, Evidence]


def _sorted(rows) -> list[list]:
    return sorted((list(row) for row in rows), key=json.dumps)


def _fresh_statistics() -> None:
    """ANALYZE the tables read here, as they are now.

    Autovacuum may have found a table empty between two tests (pages left,
    no live rows); planning on that, PostgreSQL takes the rows a test has
    just written for one and nests loops over them: one query per article
    then took seconds. ANALYZE in a transaction sees the transaction's rows.
    """
    names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in TABLES)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {names}")


def article_rows() -> dict[str, dict]:
    """Return each article's status, events, claims and evidence, by title."""
    _fresh_statistics()
    found = {}
    for article in Article.objects.order_by("pk"):
        events = article.events.select_related("place")
        found[article.title] = {
            "status": article.extraction_status,
            "events": _sorted(
                (e.sub_event_type, e.killed_best, e.place.name if e.place else None)
                for e in events
            ),
            "event_actors": EventActor.objects.filter(event__in=events).count(),
            "claims": _sorted(
                article.casualty_claims.values_list("kind", "low", "high", "start")
            ),
            "evidence": _sorted(article.evidence.values_list("field", "start", "end")),
        }
    return found


def totals() -> dict[str, int]:
    """Return how many rows of each kind the database holds."""
    return {
        "articles": Article.objects.count(),
        "events": Event.objects.count(),
        "event_actors": EventActor.objects.count(),
        "claims": CasualtyClaim.objects.count(),
        "evidence": Evidence.objects.count(),
    }


def dump() -> None:
    """Print {"articles": article_rows(), "totals": totals()} as JSON."""
    print(json.dumps({"articles": article_rows(), "totals": totals()}))
