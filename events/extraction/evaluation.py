"""Score extraction output against hand-made gold: precision/recall per field.

Both sides are extraction-contract objects (see contract.py); gold files add
"claimants" and "traps" (see tests/fixtures/gold/README.md). Pure: no Django.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from events.extraction.names import name_key, skeleton


@dataclass
class Score:
    """Matches between predicted and gold items of one field."""

    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None

    def add(self, other: "Score") -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched_predicted += other.matched_predicted
        self.matched_gold += other.matched_gold


def _same_place(predicted: dict, gold: dict) -> bool:
    if (predicted.get("country") or "") != (gold.get("country") or ""):
        return False
    names = [n for n in (predicted.get("name"), predicted.get("text")) if n]
    return any(
        name_key(n) == name_key(gold["name"]) or skeleton(n) == skeleton(gold["name"])
        for n in names
    ) and (predicted.get("admin1_code") or "") == (gold.get("admin1_code") or "")


def _same_figure(predicted: dict, gold: dict) -> bool:
    return all(
        predicted.get(key) == gold.get(key)
        for key in ("kind", "low", "high", "victims", "cumulative")
    )


def _same_event(predicted: dict, gold: dict) -> bool:
    return predicted.get("sub_event_type") == gold.get("sub_event_type") and (
        predicted.get("admin1_code") or ""
    ) == (gold.get("admin1_code") or "")


def _by_name(predicted: dict, gold: dict) -> bool:
    return predicted.get("name") == gold.get("name")


def _unique(items: Iterable[dict], key: Callable[[dict], tuple]) -> list[dict]:
    seen, kept = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


def match(predicted: list[dict], gold: list[dict], same) -> Score:
    """Return the one-to-one matches of `predicted` against `gold`."""
    unmatched = list(predicted)
    matched_gold = 0
    for item in gold:
        partner = next((p for p in unmatched if same(p, item)), None)
        if partner is not None:
            unmatched.remove(partner)
            matched_gold += 1
    return Score(len(predicted), len(gold), matched_gold, matched_gold)


FIELDS = {
    "places": (
        _same_place,
        lambda p: (name_key(p.get("name", "")), p.get("admin1_code"), p.get("country")),
    ),
    "actors": (_by_name, lambda a: (a.get("name"),)),
    "casualties": (_same_figure, lambda c: (c.get("start"), c.get("end"))),
    "events": (_same_event, lambda e: (e.get("sub_event_type"), e.get("admin1_code"))),
}


def score_article(predicted: dict, gold: dict) -> dict[str, Score]:
    """Return the per-field scores of one article, plus trap hits."""
    scores = {}
    for field_name, (same, key) in FIELDS.items():
        items = _unique(predicted.get(field_name) or [], key)
        scores[field_name] = match(items, gold.get(field_name) or [], same)
    published = Score(1, 1)
    if predicted.get("published") == gold.get("published"):
        published = Score(1, 1, 1, 1)
    scores["published"] = published
    scores["traps"] = Score(
        predicted=len(gold.get("traps") or []),
        matched_predicted=sum(
            1
            for trap in gold.get("traps") or []
            if not any(
                trap["text"] in (c.get("text") or "")
                or (c.get("text") or "x") in trap["text"]
                for c in predicted.get("casualties") or []
            )
        ),
    )
    return scores


def score(predictions: dict[str, dict], gold: Iterable[dict]) -> dict[str, Score]:
    """Return the per-field scores summed over the gold articles."""
    totals: dict[str, Score] = {}
    for item in gold:
        scores = score_article(predictions.get(item["id"], {}), item)
        for field_name, value in scores.items():
            totals.setdefault(field_name, Score()).add(value)
    return totals
