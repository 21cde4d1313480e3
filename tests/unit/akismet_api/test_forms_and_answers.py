"""Akismet's fields as a Raqib submission, and Raqib's verdicts as Akismet's answers."""

from __future__ import annotations

import pytest

from service.akismet_api.forms import AkismetRequestError, parse_form, resend_key, submission
from service.akismet_api.verdicts import not_ready, verdict_answer

FORM = "application/x-www-form-urlencoded"


def test_form_fields_map_to_the_submission() -> None:
    raw = (
        "api_key=k&blog=https%3A%2F%2Falghad.example%2F&user_ip=203.0.113.9&user_agent=UA&referrer=https%3A%2F%2Fr.example%2F"
        "&permalink=https%3A%2F%2Falghad.example%2F2026%2Fbudget&comment_type=comment&comment_author=%D8%B3%D8%B9%D8%A7%D8%AF"
        "&comment_author_email=souad%40example.org&comment_author_url=https%3A%2F%2Fsouad.example%2F"
        "&comment_content=%D9%85%D9%82%D8%A7%D9%84+%D9%85%D9%85%D8%AA%D8%A7%D8%B2&comment_date_gmt=2026-12-01T10%3A00%3A00Z"
        "&blog_lang=ar%2C+en_US&is_test=1&SERVER_SOFTWARE=nginx"
    )
    data = submission(parse_form(raw.encode(), FORM + "; charset=UTF-8"), "alghad.example")
    assert data == {
        "site": "alghad.example",
        "permalink": "https://alghad.example/2026/budget",
        "author_name": "سعاد",
        "author_email": "souad@example.org",
        "author_url": "https://souad.example/",
        "body": "مقال ممتاز",
        "author_ip": "203.0.113.9",
        "user_agent": "UA",
        "referrer": "https://r.example/",
        "lang": "ar",
        "submitted_at": "2026-12-01T10:00:00Z",
    }


def test_optional_akismet_fields_get_raqib_defaults() -> None:
    form = parse_form(
        b"api_key=k&blog=https%3A%2F%2Fa.example%2F&user_ip=198.51.100.7&comment_content=hi", FORM
    )
    data = submission(form, "a.example")
    assert data["permalink"] == "https://a.example/"
    assert data["author_name"] == "—"
    # One made-up address per reader address: rate limits and author history still group a reader.
    assert data["author_email"].endswith("@akismet.example")
    other = submission(
        parse_form(b"blog=https%3A%2F%2Fa.example%2F&user_ip=198.51.100.8&comment_content=hi", FORM),
        "a.example",
    )
    assert other["author_email"] != data["author_email"]


def test_bad_requests_name_the_problem() -> None:
    with pytest.raises(AkismetRequestError) as missing:
        parse_form(b"blog=x", FORM).require("blog", "user_ip")
    assert missing.value.body == "Missing required field: user_ip." and "user_ip" in missing.value.debug_help
    with pytest.raises(AkismetRequestError):
        parse_form(b'{"a": 1}', "application/json")
    with pytest.raises(AkismetRequestError):
        parse_form(b"comment_content=%FF%FE", FORM)
    with pytest.raises(AkismetRequestError) as no_text:
        submission(parse_form(b"blog=https%3A%2F%2Fa.example%2F&user_ip=1.2.3.4", FORM), "a.example")
    assert "comment_content" in no_text.value.body


def test_the_same_fields_give_the_same_key_and_others_another() -> None:
    a = submission(
        parse_form(b"blog=https%3A%2F%2Fa.example%2F&user_ip=1.2.3.4&comment_content=hi", FORM), "a.example"
    )
    b = submission(
        parse_form(b"blog=https%3A%2F%2Fa.example%2F&user_ip=1.2.3.4&comment_content=ho", FORM), "a.example"
    )
    assert resend_key(a) == resend_key(dict(a)) != resend_key(b)
    assert len(resend_key(a)) <= 200


def test_verdicts_become_akismet_answers() -> None:
    assert verdict_answer("c1", "queued", None) is None
    published = verdict_answer("c1", "published", "model:v1")
    assert published is not None and published.body == "false" and published.headers["X-akismet-guid"] == "c1"
    held = verdict_answer("c1", "held", "model:v1")
    assert held is not None and held.body == "true" and "X-akismet-pro-tip" not in held.headers
    clear_spam = verdict_answer("c1", "rejected", "model:v1")
    assert clear_spam is not None and clear_spam.body == "true"
    assert clear_spam.headers["X-akismet-pro-tip"] == "discard"
    by_moderator = verdict_answer("c1", "rejected", "moderator:3")
    assert by_moderator is not None and "X-akismet-pro-tip" not in by_moderator.headers
    late = not_ready("c1")
    assert late.status == 503 and late.headers["Retry-After"] and late.headers["X-akismet-debug-help"]
