"""Cut a text into plain and highlighted segments for templates to render.

Pure: the template escapes each segment, so highlighting never turns article
text into markup.
"""

from dataclasses import dataclass


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
            out.append(Segment(text[position - offset : span.start - offset]))
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
        out.append(Segment(text[position - offset :]))
    return out
