"""Grow the bench database from the articles extraction has stored.

Copy k of every row gets the id `id + k * stride`, where a table's stride is
its largest id among the original rows, so foreign keys are remapped by
arithmetic and nothing has to be looked up. Copies shift their dates by
k * 7 days inside 2011-2024, move four in ten events with an exact Syrian
place to another Syrian town (a deterministic pseudo-random pick), and scale
their figures by 0.7-1.3 (rounded, so low <= best <= high still holds). All
of it is INSERT ... SELECT, a few copies per transaction.
"""

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, connections, models, transaction

from events.models import (
    Article,
    ArticleSimilarity,
    CasualtyClaim,
    Event,
    EventActor,
    Evidence,
    GeoPrecision,
    Place,
)

WINDOW_START = dt.date(2011, 1, 1)
WINDOW_DAYS = (dt.date(2025, 1, 1) - WINDOW_START).days
SHIFT_DAYS = 7
MOVED_PER_TEN = 4
COPIES_PER_BATCH = 4
EventArticle = Event.articles.through

# In the order they are written; the foreign keys are checked at commit.
COPIED = [
    Article,
    ArticleSimilarity,
    Event,
    EventArticle,
    EventActor,
    CasualtyClaim,
    Evidence,
]


@dataclass(frozen=True)
class Base:
    """The original rows: each copied table's largest id, and the articles."""

    strides: dict[str, int]
    articles: int

    def copies_for(self, target: int) -> list[tuple[int, int]]:
        """Return (copy number, last original article id copied) up to `target`."""
        full, rest = divmod(max(target - self.articles, 0), self.articles)
        copies = [(k, self.strides[Article._meta.db_table]) for k in range(1, full + 1)]
        if rest:
            copies.append((full + 1, _nth_article_id(rest)))
        return copies


def base_read() -> Base:
    """Return the Base of the rows stored so far (before any copy)."""
    strides = {
        model._meta.db_table: model.objects.aggregate(m=models.Max("pk"))["m"] or 0
        for model in COPIED
    }
    return Base(strides, Article.objects.count())


def _nth_article_id(n: int) -> int:
    return Article.objects.order_by("pk").values_list("pk", flat=True)[n - 1]


def replicate(
    *,
    base: Base,
    target: int,
    workers: int = 2,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Copy the original rows until there are `target` articles; return copies.

    Batches of copies run on `workers` connections at once; each batch is one
    transaction, so an interrupted run leaves whole copies only.
    """
    copies = base.copies_for(target)
    batches = _batches(copies)
    places = _syrian_towns()

    def run(batch: list[tuple[int, int]]) -> int:
        with transaction.atomic():
            for model in COPIED:
                _copy_table(model, base, batch, places)
        if on_batch:
            on_batch(len(batch))
        return len(batch)

    def run_in_thread(batch: list[tuple[int, int]]) -> int:
        try:
            return run(batch)
        finally:
            connections.close_all()  # the thread's own connection

    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = sum(pool.map(run_in_thread, batches))
    else:
        done = sum(map(run, batches))
    _reset_sequences()
    return done


def _batches(copies: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group consecutive copies with the same cutoff, COPIES_PER_BATCH at most."""
    batches: list[list[tuple[int, int]]] = []
    for copy in copies:
        last = batches[-1] if batches else None
        if last and len(last) < COPIES_PER_BATCH and last[-1][1] == copy[1]:
            last.append(copy)
        else:
            batches.append([copy])
    return batches


def _syrian_towns() -> list[int]:
    """Ids of the gazetteer's Syrian towns and villages, in a fixed order."""
    return list(
        Place.objects.filter(country_code="SY", precision=GeoPrecision.EXACT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- SQL ------------------------------------------------------------------------


def _copy_table(model, base: Base, batch: list[tuple[int, int]], places) -> None:
    """INSERT ... SELECT the copies in `batch` of `model`'s original rows."""
    table = model._meta.db_table
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.GeneratedField):
            continue
        columns.append(connection.ops.quote_name(field.column))
        values.append(_value(model, field, base))
    first, last = batch[0][0], batch[-1][0]
    cutoff = batch[0][1]
    joins, where = _scope(model, cutoff, base)
    if model is Event:
        joins += " LEFT JOIN events_place AS p ON p.id = src.place_id"
    statement = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {table} AS src "
        f"CROSS JOIN generate_series(%(first)s, %(last)s) AS k{joins} "
        f"WHERE src.id <= {base.strides[table]}{where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            statement,
            {"first": first, "last": last, "places": places, "towns": len(places)},
        )


def _value(model, field, base: Base) -> str:
    """The SQL expression for `field` of copy k of row `src`."""
    column = f"src.{connection.ops.quote_name(field.column)}"
    special = _SPECIAL.get((model, field.name))
    if special:
        return special(column)
    if field.primary_key:
        return f"{column} + k * {base.strides[model._meta.db_table]}"
    target = field.related_model._meta.db_table if field.is_relation else None
    if target in base.strides:
        return f"{column} + k * {base.strides[target]}"
    return column


def _shifted(column: str) -> str:
    """A date moved k * 7 days later, wrapped into 2011-2024 (NULL stays NULL)."""
    offset = f"({column} - DATE '{WINDOW_START.isoformat()}' + k * {SHIFT_DAYS})"
    return (
        f"DATE '{WINDOW_START.isoformat()}' + "
        f"((({offset}) %% {WINDOW_DAYS}) + {WINDOW_DAYS}) %% {WINDOW_DAYS}"
    )


def _factor(row_id: str) -> str:
    """A figure's scale for copy k: 0.7 ... 1.3, from the row and the copy."""
    return f"(0.7 + (({row_id} * 31 + k * 17) %% 7) / 10.0)"


def _scaled(row_id: str) -> Callable[[str], str]:
    # Rounding is monotonic, so scaled figures keep low <= best <= high.
    return lambda column: f"round({column} * {_factor(row_id)})::integer"


def _moved_place(column: str) -> str:
    """Four in ten events at an exact Syrian place move to another Syrian town."""
    pick = "(src.id * 2654435761 + k * 40503) %% %(towns)s"
    return (
        f"CASE WHEN src.geo_precision = '{GeoPrecision.EXACT}' "
        f"AND p.country_code = 'SY' AND %(towns)s > 0 "
        f"AND (src.id * 7 + k * 13) %% 10 < {MOVED_PER_TEN} "
        f"THEN (%(places)s::bigint[])[1 + {pick}] ELSE {column} END"
    )


def _rehashed(column: str) -> str:
    """A new, unique content hash per copy."""
    return f"encode(sha256(convert_to({column} || ':' || k, 'UTF8')), 'hex')"


_SPECIAL = {
    (Article, "content_hash"): _rehashed,
    (Article, "published"): _shifted,
    (Event, "date"): _shifted,
    (Event, "place"): _moved_place,
    **{
        (Event, f"{kind}_{bound}"): _scaled("src.id")
        for kind in ("killed", "injured")
        for bound in ("low", "best", "high")
    },
    (CasualtyClaim, "date"): _shifted,
    # A claim scales with its event, so the event's figures still follow.
    (CasualtyClaim, "low"): _scaled("coalesce(src.event_id, src.article_id)"),
    (CasualtyClaim, "high"): _scaled("coalesce(src.event_id, src.article_id)"),
}


def _scope(model, cutoff: int, base: Base) -> tuple[str, str]:
    """Joins and conditions keeping a partial copy to the articles <= cutoff."""
    if cutoff >= base.strides[Article._meta.db_table]:
        return "", ""
    if model is Article:
        return "", f" AND src.id <= {cutoff}"
    if model is ArticleSimilarity:
        return "", f" AND src.similar_to_id <= {cutoff}"
    if model in (Event, EventActor):
        event = "src.id" if model is Event else "src.event_id"
        return "", (
            f" AND EXISTS (SELECT 1 FROM {EventArticle._meta.db_table} AS ea "
            f"WHERE ea.event_id = {event} AND ea.article_id <= {cutoff})"
        )
    return "", f" AND src.article_id <= {cutoff}"


def _reset_sequences() -> None:
    """Let new rows get ids after the copies'."""
    with connection.cursor() as cursor:
        for model in COPIED:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                f"(SELECT max(id) FROM {table}))",
                [table],
            )


def copies_delete(base: Base) -> None:
    """Remove every copy, keeping the original rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in reversed(COPIED):
            table = model._meta.db_table
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [base.strides[table]])
