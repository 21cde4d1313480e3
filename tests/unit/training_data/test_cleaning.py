"""Golden table for the artefact cleaning applied to every source."""

from __future__ import annotations

import pytest

from training.data.cleaning import clean_text, has_content, strip_outlet

GOLDEN = [
    ("RT @USER: يا رب<LF>سلام", "يا رب\nسلام"),
    ("RT @some_user: عرض خاص", "عرض خاص"),
    ("@USER @USER @USER يا لطيف @USER هنا", "يا لطيف @user هنا"),
    ("@user @user انا اوافقك @url", "انا اوافقك"),
    ("كلام جميل URL", "كلام جميل"),
    ("شوف URL هنا", "شوف http://url هنا"),
    ("رابط https://t.co/abc في النص https://t.co/x", "رابط http://url في النص"),
    ("تخيل USER EMOJI كلام NUM NEWLINE اخر", "تخيل @user كلام\nاخر"),
    ("سطر_x000D_\nثاني", "سطر\nثاني"),
    ("  مسافات   كثيرة \t هنا  ", "مسافات كثيرة هنا"),
    ("#هاشتاق_عربي يبقى", "#هاشتاق_عربي يبقى"),
    ("@USER", ""),
    ("راسلني [بريد] [رابط] واتساب [مستخدم", "راسلني _email_ http://url واتساب @user"),
    ("خلطة للتنحيف مجربة… https://t.co/abc", "خلطة للتنحيف مجربة"),
    ("كلام … في الوسط", "كلام … في الوسط"),
]


@pytest.mark.parametrize(("raw", "expected"), GOLDEN)
def test_clean_text_golden(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_is_idempotent() -> None:
    for raw, _ in GOLDEN:
        once = clean_text(raw)
        assert clean_text(once) == once


def test_strip_outlet_only_removes_a_final_outlet_name() -> None:
    assert strip_outlet("الحكومة تعلن خطة جديدة العربية") == "الحكومة تعلن خطة جديدة"
    assert strip_outlet("العربية") == "العربية"
    assert strip_outlet("اللغة العربية جميلة") == "اللغة العربية جميلة"


def test_has_content_needs_letters_beyond_placeholders() -> None:
    assert not has_content("@user http://url 😂")
    assert not has_content("")
    assert has_content("يا")
    assert has_content("ok @user")
