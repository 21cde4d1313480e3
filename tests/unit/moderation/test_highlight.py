"""Span highlighting: escaped pieces, merged overlaps, offsets that do not fit the text."""

from __future__ import annotations

from markupsafe import Markup

from service.moderation.highlight import highlight


def span(start: int, end: int, text: str, weight: float = 0.5) -> dict[str, object]:
    return {"start": start, "end": end, "text": text, "weight": weight}


def test_plain_text_is_escaped_and_unchanged_otherwise() -> None:
    assert highlight("<b>مرحبا</b> & أهلاً", {}) == Markup("&lt;b&gt;مرحبا&lt;/b&gt; &amp; أهلاً")


def test_span_is_wrapped_and_its_text_escaped() -> None:
    body = "x <script>y"
    out = highlight(body, {"toxicity": [span(2, 10, "<script>", 0.75)]})
    assert out == Markup('x <mark class="span-toxicity" title="toxicity 0.75">&lt;script&gt;</mark>y')


def test_overlapping_labels_split_into_segments() -> None:
    body = "abcdef"
    out = highlight(body, {"spam": [span(0, 4, "abcd", 0.2)], "toxicity": [span(2, 6, "cdef", 0.9)]})
    assert out == Markup(
        '<mark class="span-spam" title="spam 0.20">ab</mark>'
        '<mark class="span-spam span-toxicity" title="spam 0.20, toxicity 0.90">cd</mark>'
        '<mark class="span-toxicity" title="toxicity 0.90">ef</mark>'
    )


def test_offsets_out_of_range_are_clamped_and_empty_spans_dropped() -> None:
    assert highlight("abc", {"spam": [{"start": 1, "end": 99, "weight": 1}]}) == Markup(
        'a<mark class="span-spam" title="spam 1.00">bc</mark>'
    )
    assert highlight("abc", {"spam": [{"start": 2, "end": 2, "weight": 1}, {"bad": 1}]}) == Markup("abc")


def test_span_whose_offsets_do_not_match_is_relocated_by_its_text_or_dropped() -> None:
    body = "مرحبا يا غبي"
    moved = highlight(body, {"toxicity": [span(0, 3, "غبي", 0.9)]})
    assert moved == Markup('مرحبا يا <mark class="span-toxicity" title="toxicity 0.90">غبي</mark>')
    assert highlight(body, {"toxicity": [span(0, 3, "absent", 0.9)]}) == Markup(body)


def test_label_names_cannot_inject_markup() -> None:
    out = highlight("abc", {'x" onmouseover="alert(1)': [span(0, 1, "a")]})
    assert 'onmouseover="' not in out and "&#34;" in out
