"""Error bodies: bilingual messages, Arabic first when the reader asks for it, never the submitted value."""

from __future__ import annotations

import pytest

from service.comments.errors import MESSAGES, FieldError, error_body, message, prefers_arabic


@pytest.mark.parametrize(
    ("header", "arabic"),
    [
        (None, False),
        ("", False),
        ("ar", True),
        ("ar-EG,ar;q=0.9,en;q=0.8", True),
        ("en-US,en;q=0.9,ar;q=0.8", False),
        ("fr, ar;q=0.5", True),
        ("en;q=0.3, ar;q=0.7", True),
        ("ar;q=0.5, en", False),
        ("*", False),
        ("ar;q=garbage", False),
    ],
)
def test_prefers_arabic(header: str | None, arabic: bool) -> None:
    assert prefers_arabic(header) is arabic


def test_message_order_follows_language() -> None:
    assert list(message("required", True)) == ["ar", "en"]
    assert list(message("required", False)) == ["en", "ar"]
    assert message("required", True)["ar"] == "هذا الحقل إلزامي"


def test_limits_are_filled_in() -> None:
    text = message("too_long", False, limit=5000)
    assert "5000" in text["en"] and "5000" in text["ar"]


def test_every_message_has_both_languages() -> None:
    for code, (ar, en) in MESSAGES.items():
        assert ar and en, code
        assert any("\u0600" <= ch <= "\u06ff" for ch in ar), code


def test_error_body_shape() -> None:
    body = error_body([FieldError("body", "required"), FieldError("author_email", "invalid_email")], True)
    assert list(body) == ["message", "errors"]
    assert body["errors"][0] == {
        "field": "body",
        "code": "required",
        "message": {"ar": "هذا الحقل إلزامي", "en": "This field is required."},
    }
    assert body["message"]["en"] == "Some fields need to be corrected."


def test_single_request_level_error_uses_its_own_summary() -> None:
    body = error_body([FieldError(None, "malformed_json")], False)
    assert body["message"]["en"] == "The request body is not valid JSON."
