"""The SQL a page runs: how many queries, and their plans (EXPLAIN ANALYZE).

The queries are captured from the real view through Django's test client,
so the plans are those of exactly what the page sends.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

# Plan lines worth keeping: how each table is read and joined, and the time.
KEY_LINE = re.compile(
    r"(Scan|Join|Nested Loop|Aggregate|Sort|Limit|Execution Time)", re.IGNORECASE
)


@dataclass(frozen=True)
class QueryPlan:
    sql: str
    lines: list[str]

    @property
    def headline(self) -> str:
        return re.sub(r"\s+", " ", self.sql)[:160]


def page_queries(
    client: Client, url: str, *, page_size: int | None = None
) -> list[str]:
    """The SQL of the queries `url` runs (session and user lookups included)."""
    settings = {"CONFLICTWATCH_PAGE_SIZE": page_size} if page_size else {}
    with override_settings(**settings), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
    return [query["sql"] for query in queries.captured_queries]


def plans(sqls: list[str]) -> list[QueryPlan]:
    """EXPLAIN ANALYZE each query of the events tables; keep the key lines."""
    found = []
    with connection.cursor() as cursor:
        for sql in sqls:
            if "events_" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            lines = [row[0] for row in cursor.fetchall()]
            found.append(
                QueryPlan(
                    sql, [line.rstrip() for line in lines if KEY_LINE.search(line)]
                )
            )
    return found
