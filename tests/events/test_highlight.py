"""Cutting text into highlighted segments (pure)."""

from events.highlight import Segment, Span, emphasize, segments

TEXT = "Coalition strikes killed 12 civilians in Raqqa on Monday."


def test_marks_spans_and_keeps_the_text():
    spans = [Span(41, 46, "place", "Place: Raqqa"), Span(0, 9, "actor")]
    out = segments(TEXT, spans)
    assert "".join(s.text for s in out) == TEXT
    assert [(s.text, s.kind) for s in out if s.kind] == [
        ("Coalition", "actor"),
        ("Raqqa", "place"),
    ]
    assert out[2] == Segment("Raqqa", "place", "Place: Raqqa", 41)


def test_overlapping_spans_keep_the_longer_earlier_one():
    spans = [Span(18, 37, "casualties"), Span(25, 27, "number"), Span(35, 40, "x")]
    kinds = [s.kind for s in segments(TEXT, spans) if s.kind]
    assert kinds == ["casualties"]


def test_a_sentence_inside_the_article():
    article = "First sentence. " + TEXT
    spans = [Span(16 + 41, 16 + 46, "place"), Span(0, 5, "outside")]
    out = segments(TEXT, spans, offset=16)
    assert "".join(s.text for s in out) == TEXT
    assert [(s.text, s.start) for s in out if s.kind] == [("Raqqa", 57)]
    assert article[57:62] == "Raqqa"


def test_empty_spans_are_ignored():
    assert segments("abc", [Span(1, 1, "x")]) == [Segment("abc")]


def test_emphasis_marks_the_segments_of_a_sentence():
    article = "First sentence. " + TEXT
    cut = segments(article, [Span(57, 62, "place")])
    out = emphasize(cut, [(16, len(article))])
    assert [(s.text, s.emphasis) for s in out] == [
        ("First sentence. ", False),
        (TEXT[:41], True),
        ("Raqqa", True),
        (TEXT[46:], True),
    ]
