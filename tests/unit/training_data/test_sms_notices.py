"""The Syrian SMS rule: operator transactional notices are not spam; split promotions are reassembled."""

from __future__ import annotations

from pathlib import Path

import pytest

from training.data.corpus import LOADERS
from training.data.files import FileLog
from training.data.sms_notices import is_operator_notice, reassemble
from training.data.sources import SOURCES

from . import tiny_data

NOTICES = [
    *tiny_data.SMS_NOTICES,
    "نود إعلامك بأنك قد قمت باستهلاك  100 من باقة 100 رسالة",
    "سيتم تجديد باقة 100 رسالة مع بداية يوم 20190926 ، للإلغاء اطلب الرمز 113",
    "تم إهداء 100 لس بنجاح إلى الرقم 0999 وخصم 100 لس من رصيدك",
    "شركة الهرم تبلغكم عن وصول حوالة رقم 113731702870 للاستعلام08016060",
    "لقد تم ضبط الإعدادات التي قمت بها والخاصة بخدمة رنة بغنية بنجاح",
]
PROMOTIONS = [
    "اطلب هلأ 999 وفعل عرض يوم الجمعة واختار الباقة يلي بتناسبك",
    "أرسل كاش للرقم 1111 وادخل السحوبات على الفور",
    "باقة يوتيوب يومية 1 غيغابايت بـ 200 لس لتحضر شو مابدك من فيديوهات",
    "والله يا صديقي لهلق مو مبين معي",
    "كلفة الرسالة 100 لس",  # the tail of a contest promotion
    "مع خدمة كفيها عالحساب يمكنك متابعة استعمال بطاقتك حتى عند نفاذ رصيدك للاستفادة اطلب 188",
]


@pytest.mark.parametrize("text", NOTICES)
def test_operator_notices_are_detected(text: str) -> None:
    assert is_operator_notice(text)


@pytest.mark.parametrize("text", PROMOTIONS)
def test_promotions_and_chat_are_not_notices(text: str) -> None:
    assert not is_operator_notice(text)


def test_short_tails_are_joined_to_the_promotion_before_them_but_never_to_notices() -> None:
    lines = [
        tiny_data.SMS_NOTICES[0],
        "للتفعيل اطلب 999",
        *tiny_data.SMS_PROMO_LINES,
        "واختار الباقة يلي بتناسبك",
    ]
    assert reassemble(lines) == [
        tiny_data.SMS_NOTICES[0].strip(),
        "للتفعيل اطلب 999",
        "\n".join([*tiny_data.SMS_PROMO_LINES, "واختار الباقة يلي بتناسبك"]),
    ]


def test_loader_drops_notices_and_keeps_reassembled_promotions(tiny_dir: Path) -> None:
    frame = LOADERS["syrian_sms"](FileLog(tiny_dir), SOURCES["syrian_sms"])
    spam = frame[frame["spam"] == 1]["text"].tolist()
    assert not any(is_operator_notice(t) for t in frame["text"])
    assert "\n".join(tiny_data.SMS_PROMO_LINES) in spam
    assert len(spam) == 7
    assert (frame["spam"] == 0).sum() == 17
