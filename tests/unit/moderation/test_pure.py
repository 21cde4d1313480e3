"""Small pure pieces: queue cursors, form filter parsing, redirects, translations, password hashing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.moderation.accounts import hash_password, verify_password
from service.moderation.i18n import STRINGS, translate
from service.moderation.queue import decode_cursor, encode_cursor
from service.moderation.ui_queue import filters_from
from service.moderation.ui_render import safe_next, with_params
from service.moderation.waiting import QueueError

TEMPLATES = Path(__file__).resolve().parents[3] / "service" / "moderation" / "templates"


def test_cursor_round_trip() -> None:
    assert decode_cursor(encode_cursor(0.8125, "abc")) == (0.8125, "abc")
    assert decode_cursor(encode_cursor("2026-11-29T09:00:00+00:00", "x"))[0] == "2026-11-29T09:00:00+00:00"


@pytest.mark.parametrize("bad", ["", "!!!", "bm90IGpzb24", "WzFd"])
def test_bad_cursors_raise(bad: str) -> None:
    with pytest.raises(QueueError):
        decode_cursor(bad)


def test_filters_from_form_values() -> None:
    f = filters_from(
        {
            "queue": "held",
            "min_score": "0.4",
            "max_score": "7",
            "created_from": "2026-11-01",
            "created_to": "2026-11-02",
            "sort": "oldest",
            "q": "",
        }
    )
    assert f.queue == "held" and f.min_score == 0.4 and f.max_score is None and f.q is None
    assert f.created_from is not None and f.created_from.isoformat() == "2026-11-01T00:00:00+00:00"
    assert f.created_to is not None and f.created_to.isoformat().startswith("2026-11-02T23:59:59")
    junk = filters_from(
        {"queue": "drop table", "sort": "evil", "min_score": "abc", "created_from": "yesterday"}
    )
    assert (junk.queue, junk.sort, junk.min_score, junk.created_from) == ("waiting", "toxic", None, None)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/moderation/queue?x=1", "/moderation/queue?x=1"),
        ("https://evil.example/", "/moderation/queue"),
        ("//evil.example/moderation/", "/moderation/queue"),
        ("/moderation\\@evil", "/moderation/queue"),
        (None, "/moderation/queue"),
    ],
)
def test_safe_next(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


def test_with_params_replaces_and_removes() -> None:
    assert with_params("/q?a=1&b=2", b=3, c="x") == "/q?a=1&b=3&c=x"
    assert with_params("/q?a=1", a=None) == "/q"


def test_every_template_string_is_translated_both_ways() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"t\('([a-z_]+)'\)", template.read_text()))
    missing = sorted(k for k in used if k not in STRINGS)
    assert not missing, missing
    for key, (ar, en) in STRINGS.items():
        assert (ar and en and ar != en) or key == "app", key
        assert re.search(r"[\u0600-\u06FF]", ar) or key == "other_lang", key
    assert translate("en", "approve") == "Approve" and translate("ar", "approve") == "قبول"
    assert translate("ar", "no-such-key") == "no-such-key"


def test_passwords_are_argon2id_and_verified() -> None:
    hashed = hash_password("a long passphrase")
    assert hashed.startswith("$argon2id$") and "a long passphrase" not in hashed
    assert verify_password(hashed, "a long passphrase")
    assert not verify_password(hashed, "a long passphrasE")
    assert not verify_password(None, "anything") and not verify_password("garbage", "x")


def test_every_shown_setting_has_a_label_and_exists() -> None:
    from service.config import Settings
    from service.moderation.ui_admin import SHOWN_SETTINGS

    for name in SHOWN_SETTINGS:
        assert f"setting_{name}" in STRINGS and name in Settings.model_fields
