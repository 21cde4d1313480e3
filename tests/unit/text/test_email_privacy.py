"""The author's e-mail field: masked for display, hashed to group comments without storing the address."""

from __future__ import annotations

import pytest

from service.text import email_hash, mask_email_address


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("john.smith@gmail.com", "j***@g***.com"),
        ("  Sara@Outlook.COM ", "s***@o***.com"),
        ("a@mail.co.uk", "a***@m***.co.uk"),
        ("ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ", "j***@g***.com"),
        ("x@localhost", "x***@l***"),
        ("not an address", "***"),
    ],
)
def test_mask_email_address(address: str, masked: str) -> None:
    assert mask_email_address(address) == masked


def test_hash_is_stable_hex_and_keyed() -> None:
    first = email_hash("john@gmail.com", "secret-1")
    assert first == email_hash("john@gmail.com", "secret-1")
    assert len(first) == 64 and int(first, 16) >= 0
    assert first != email_hash("john@gmail.com", "secret-2")
    assert first != email_hash("jane@gmail.com", "secret-1")


def test_hash_ignores_case_and_surrounding_spaces() -> None:
    assert email_hash("  John@GMAIL.com\n", "s") == email_hash("john@gmail.com", "s")


def test_hash_does_not_fold_gmail_dots() -> None:
    assert email_hash("j.ohn@gmail.com", "s") != email_hash("john@gmail.com", "s")


def test_hash_matches_the_documented_hmac() -> None:
    import hashlib
    import hmac

    expected = hmac.new(b"k", b"john@gmail.com", hashlib.sha256).hexdigest()
    assert email_hash(" JOHN@gmail.com", "k") == expected
