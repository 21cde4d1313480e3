"""Validation of submitted comments: required fields, limits, and every problem reported at once."""

from __future__ import annotations

from typing import Any

import pytest

from service.comments.errors import ApiError
from service.comments.validation import check_idempotency_key, validate_submission
from service.config import Settings

SETTINGS = Settings(body_max_chars=5000, author_name_max_chars=100)


def valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "site": "alghad.example",
        "article_id": "2024-05-01-economy",
        "author_name": "سارة",
        "author_email": "sara@example.com",
        "body": "مقال ممتاز، شكرًا للكاتب",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def problems(data: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(ApiError) as caught:
        validate_submission(data, SETTINGS)
    assert caught.value.status == 422
    return [(e.field, e.code) for e in caught.value.errors]


def test_valid_submission_is_trimmed_and_normalised() -> None:
    sub = validate_submission(valid(body="  نص التعليق \n", author_email="Sara@EXAMPLE.com"), SETTINGS)
    assert sub.body == "نص التعليق"
    assert sub.author_email == "Sara@example.com"  # domain lower-cased by email-validator
    assert "Sara@" not in repr(sub)


@pytest.mark.parametrize("name", ["site", "author_name", "author_email", "body"])
def test_each_required_field_missing(name: str) -> None:
    assert problems(valid(**{name: ...})) == [(name, "required")]


@pytest.mark.parametrize("name", ["site", "author_name", "author_email", "body"])
@pytest.mark.parametrize("blank", ["", "   ", "\n\t "])
def test_each_required_field_blank(name: str, blank: str) -> None:
    assert problems(valid(**{name: blank})) == [(name, "blank")]


@pytest.mark.parametrize("name", ["site", "author_name", "author_email", "body"])
def test_required_field_null_is_missing(name: str) -> None:
    assert problems(valid(**{name: None})) == [(name, "required")]


def test_article_id_or_permalink_required() -> None:
    assert problems(valid(article_id=...)) == [("article_id", "article_or_permalink")]
    assert problems(valid(article_id=" ")) == [("article_id", "article_or_permalink")]
    sub = validate_submission(valid(article_id=..., permalink="https://alghad.example/a/1"), SETTINGS)
    assert sub.permalink == "https://alghad.example/a/1" and sub.article_id is None


def test_every_problem_is_reported_at_once_in_form_order() -> None:
    found = problems({"body": "", "author_email": "not-an-address", "color": "red"})
    assert found == [
        ("color", "unknown_field"),
        ("site", "required"),
        ("author_name", "required"),
        ("author_email", "invalid_email"),
        ("body", "blank"),
        ("article_id", "article_or_permalink"),
    ]


def test_unknown_fields_are_refused() -> None:
    assert problems(valid(is_admin=True)) == [("is_admin", "unknown_field")]


def test_body_limit_counts_characters_after_trimming() -> None:
    assert validate_submission(valid(body=" " * 10 + "ب" * 5000 + " " * 10), SETTINGS).body == "ب" * 5000
    assert problems(valid(body="ب" * 5001)) == [("body", "too_long")]


def test_limits_come_from_settings() -> None:
    tight = Settings(body_max_chars=10, author_name_max_chars=3)
    with pytest.raises(ApiError) as caught:
        validate_submission(valid(body="x" * 11, author_name="abcd"), tight)
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("author_name", "too_long", {"limit": 3}),
        ("body", "too_long", {"limit": 10}),
    ]


def test_author_name_limit() -> None:
    assert validate_submission(valid(author_name="ن" * 100), SETTINGS).author_name == "ن" * 100
    assert problems(valid(author_name="ن" * 101)) == [("author_name", "too_long")]


@pytest.mark.parametrize(
    "email", ["sara", "sara@", "@example.com", "sara@@example.com", "sara@example", "a b@c.com"]
)
def test_invalid_emails(email: str) -> None:
    assert problems(valid(author_email=email)) == [("author_email", "invalid_email")]


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("author_url", "javascript:alert(1)"),
        ("author_url", "ftp://example.com/x"),
        ("permalink", "example.com/article"),
        ("referrer", "http://"),
        ("author_url", "https://exa mple.com"),
    ],
)
def test_urls_must_be_http(name: str, url: str) -> None:
    assert problems(valid(**{name: url})) == [(name, "invalid_url")]


def test_http_and_https_urls_accepted() -> None:
    sub = validate_submission(
        valid(author_url="http://blog.example/me", referrer="https://x.example/"), SETTINGS
    )
    assert sub.author_url == "http://blog.example/me"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("body", "hello\x00world"),
        ("body", "bell\x07"),
        ("author_name", "line\nbreak"),
        ("site", "a\x1bb"),
        ("body", "c1\x85control"),
    ],
)
def test_control_characters_refused(name: str, value: str) -> None:
    assert problems(valid(**{name: value})) == [(name, "control_characters")]


def test_body_keeps_newlines_tabs_and_bidi_marks() -> None:
    body = "سطر أول\nسطر\tثانٍ \u200f(RLM)"
    assert validate_submission(valid(body=body), SETTINGS).body == body


def test_non_string_values_refused() -> None:
    assert problems(valid(body=42, site=["a"])) == [("site", "invalid_type"), ("body", "invalid_type")]


def test_body_must_be_an_object() -> None:
    assert problems([1, 2]) == [(None, "not_an_object")]
    assert problems("text") == [(None, "not_an_object")]


def test_optional_fields_parsed() -> None:
    sub = validate_submission(
        valid(author_ip="2001:db8::1", submitted_at="2024-05-01T10:00:00Z", lang="ar", parent_id="a" * 32),
        SETTINGS,
    )
    assert sub.author_ip == "2001:db8::1"
    assert sub.submitted_at is not None and sub.submitted_at.utcoffset() is not None
    assert problems(valid(author_ip="999.1.1.1")) == [("author_ip", "invalid_ip")]
    assert problems(valid(submitted_at="yesterday")) == [("submitted_at", "invalid_datetime")]
    assert problems(valid(parent_id="p" * 33)) == [("parent_id", "too_long")]


def test_idempotency_key_format() -> None:
    assert check_idempotency_key(None) is None
    assert check_idempotency_key("order-123_abc") == "order-123_abc"
    for bad in ("", "has space", "x" * 201, "مفتاح"):
        with pytest.raises(ApiError) as caught:
            check_idempotency_key(bad)
        assert caught.value.status == 400
