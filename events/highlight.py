"""Cut a text into plain and highlighted segments for templates to render.

Pure: the template escapes each segment, so highlighting never turns article
text into markup.
"""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # actor, place, casualties, date, event ...
    title: str = ""  # hover details


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""
    title: str = ""
    start: int = 0  # offset in the article, for links to a highlight
    emphasis: bool = False  # inside a sentence the reader was sent to


def segments(text: str, spans: list[Span], *, offset: int = 0) -> list[Segment]:
    """Return `text` as segments, the spans marked; overlaps keep the longer span.

    Span offsets are into the whole article; `offset` is where `text` starts in
    it (a sentence of the article, say). Spans outside `text` are ignored.
    """
    end_of_text = offset + len(text)
    inside = [s for s in spans if s.start >= offset and s.end <= end_of_text]
    inside.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in inside:
        if span.start >= span.end:
            continue
        if kept and span.start < kept[-1].end:
            continue  # overlaps a span already kept (which started no later)
        kept.append(span)
    out: list[Segment] = []
    position = offset
    for span in kept:
        if span.start > position:
            out.append(
                Segment(text[position - offset : span.start - offset], start=position)
            )
        out.append(
            Segment(
                text[span.start - offset : span.end - offset],
                span.kind,
                span.title,
                span.start,
            )
        )
        position = span.end
    if position < end_of_text:
        out.append(Segment(text[position - offset :], start=position))
    return out


def emphasize(cut: list[Segment], ranges: list[tuple[int, int]]) -> list[Segment]:
    """Return `cut` with what lies inside any (start, end) range emphasized.

    Plain segments are split at the range boundaries; a highlight is
    emphasized when it overlaps a range.
    """
    if not ranges:
        return cut
    bounds = sorted({b for r in ranges for b in r})
    out = []
    for segment in cut:
        end = segment.start + len(segment.text)
        pieces = [segment]
        if not segment.kind:
            inner = [b for b in bounds if segment.start < b < end]
            edges = [segment.start, *inner, end]
            pieces = [
                Segment(segment.text[lo - segment.start : hi - segment.start], start=lo)
                for lo, hi in zip(edges, edges[1:], strict=False)
            ]
        for piece in pieces:
            piece_end = piece.start + len(piece.text)
            inside = any(lo < piece_end and piece.start < hi for lo, hi in ranges)
            out.append(replace(piece, emphasis=inside))
    return out
