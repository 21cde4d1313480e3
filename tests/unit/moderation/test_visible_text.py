"""Bidi controls and invisible characters are shown to moderators as tokens; everything else is escaped."""

from __future__ import annotations

import re

import pytest

from service.moderation.highlight import highlight
from service.moderation.visible_text import show_hidden


def tokens(html: str) -> list[str]:
    return re.findall(r"⟨([^⟩]+)⟩", html)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نص عادي", []),
        ("رابط \u202emoc.elgoog\u202c", ["RLO", "PDF"]),
        ("ك\u200bلب", ["ZWSP"]),
        ("\u2066a\u2069 \u2067b\u2069 \u2068c\u2069", ["LRI", "PDI", "RLI", "PDI", "FSI", "PDI"]),
        ("\u200e\u200f\u061c\u202a\u202b\u202d", ["LRM", "RLM", "ALM", "LRE", "RLE", "LRO"]),
        ("\ufeffمرحبا\u00ad\u2060", ["BOM", "SHY", "WJ"]),
        ("\u3164\U000e0041", ["U+3164", "U+E0041"]),  # a filler, a tag character
        ("ZWNJ: می\u200cخواهم", ["ZWNJ"]),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", []),  # a family emoji keeps its joiners
        ("a\u200db", ["ZWJ"]),
    ],
)
def test_hidden_characters_become_tokens(text: str, expected: list[str]) -> None:
    assert tokens(show_hidden(text)) == expected


def test_the_token_says_what_it_is_and_the_text_is_escaped() -> None:
    html = str(show_hidden("<b>x</b>\u202e"))
    assert html.startswith("&lt;b&gt;x&lt;/b&gt;")
    assert 'class="hidden-char"' in html and "RIGHT-TO-LEFT OVERRIDE (U+202E)" in html
    assert "محرف غير مرئي" in html and "invisible character" in html
    assert "\u202e" not in html  # the control itself never reaches the page
    assert show_hidden(None) == "" and show_hidden("") == ""


def test_highlighted_body_shows_hidden_characters_inside_and_outside_marks() -> None:
    body = "يا ك\u200bلب \u202eabc"
    spans = {"toxicity": [{"start": 0, "end": 6, "text": body[:6], "weight": 0.9}]}
    html = str(highlight(body, spans))
    assert tokens(html) == ["ZWSP", "RLO"]
    assert html.startswith('<mark class="span-toxicity"')
    assert "\u200b" not in html and "\u202e" not in html
