"""More spellings of "@" and "." that the shared masking covers: URL-encoded, HTML-escaped, Arabic words."""

from __future__ import annotations

import pytest

from service.text import contains_email, mask_emails

MASKED = [
    ("name%40gmail.com", "n***@g***.com"),
    ("NAME%40GMAIL%2ECOM", "n***@g***.com"),
    ("name%2540gmail.com", "n***@g***.com"),  # encoded twice
    ("name&#64;gmail.com", "n***@g***.com"),
    ("name&#x40;gmail&#46;com", "n***@g***.com"),
    ("name&commat;yahoo&period;com", "n***@y***.com"),
    ("name عند gmail دوت com", "n***@g***.com"),
    ("name عند hotmail.com", "n***@h***.com"),
    ("ali على gmail.com", "a***@g***.com"),
    ("ali علي gmail نقطة com", "a***@g***.com"),
    ("https://news.example/a?share=ali%40gmail.com&x=1", "https://news.example/a?share=a***@g***.com&x=1"),
    ("راسلني name%40outlook.com شكرا", "راسلني n***@o***.com شكرا"),
]
UNCHANGED = [
    "خصم 50%40 ريال",
    "%40%40",
    "&#64;mention",
    "name عند example.com",  # "عند" is an everyday word: only a provider or a spelled-out dot makes it "@"
    "شاهد video على youtube.com",
    "كنت عند الباب",
    "https://example.com/a%40b",
]


@pytest.mark.parametrize(("text", "expected"), MASKED)
def test_masked(text: str, expected: str) -> None:
    assert mask_emails(text) == expected
    assert contains_email(text)
    assert mask_emails(expected) == expected  # masking twice changes nothing


@pytest.mark.parametrize("text", UNCHANGED)
def test_left_alone(text: str) -> None:
    assert mask_emails(text) == text
