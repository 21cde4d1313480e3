"""Operator transactional notices in the Syrian SMS "spam" file, and reassembly of split promotional SMS.

The file's spam class mixes promotions with messages the operator (Syriatel/MTN) sends about the user's own
account: balance left, recharge receipts, bundle activated/renewed/cancelled, request errors, transfer
receipts. Offers with a price and a call to action stay spam even when they mention the balance (the
"كفيها عالحساب" credit-advance upsell), and "كلفة الرسالة N لس" is the tail of a contest promotion, not a
notice. Notices are not spam (the user asked for them), so the loader DROPS them (they are not comments
either, so relabelling them as ham would only teach the model that "bundle/price" words are ham, next to the
operator's real promotions for the same bundles). Each pattern below names the notice it catches.
"""

from __future__ import annotations

import re

NOTICE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^لديك\s+\d+.*(?:من\s+باقة|صالحة\s+لمدة)",  # balance left in a bundle ("you have N of bundle ...")
        r"^\d+\s*ميغابايت\s+من\s+باقة",  # same notice with its first word cut off
        r"تم\s+تعبئة\s+(?:رقمك|بطاقتك)",  # recharge receipt
        r"شارف\s+رصيدك\s+على\s+الانتهاء",  # low balance warning
        r"نود\s+إعلامك\s+(?:بأنك\s+قد\s+قمت\s+باستهلاك|أنه\s+تم)",  # usage / cancellation report
        r"^(?:سيتم|تم)\s+(?:تجديد|تفعيل|إلغاء|الغاء)\s+باقة",  # bundle renewed / activated / cancelled
        r"^عذرا",  # error reply to the user's own request
        r"^طلب\s+خاطئ",
        r"^لقد\s+تم\s+(?:تسجيل\s+طلبك|ضبط\s+الإعدادات)",  # confirmation of the user's request
        r"^تم\s+إهداء.*بنجاح",  # credit transfer receipt
        r"تبلغكم\s+عن\s+وصول\s+حوالة",  # money-transfer arrival notice
        r"^سيتم\s+إلغاء\s+خدمة",  # service expiry notice
    )
)


def is_operator_notice(text: str) -> bool:
    """True when an SMS is one of the operator's transactional notices about the user's own account."""
    text = text.strip().lstrip("\ufeff")
    return any(pattern.search(text) for pattern in NOTICE_PATTERNS)


_CONTINUATION = re.compile(r"^(?:و\S|للتفعيل|للاستفسار|للاشتراك|بكلفة|أرسل|اطلب)")
_FRAGMENT_WORDS = 4


def reassemble(lines: list[str]) -> list[str]:
    """Join promotional lines that continue the previous line back into one message.

    The export split long SMS into several lines with no marker. A line is treated as a continuation of the
    line before it when it is short (at most 4 words: "للتفعيل اطلب 999", a signature) or starts with a
    conjunction or call-to-action ("واختار...", "للتفعيل...", "أرسل..."). Notices are never joined.
    """
    messages: list[str] = []
    previous_is_promo = False
    for line in lines:
        line = line.strip()
        if not line:
            continue
        notice = is_operator_notice(line)
        continues = len(line.split()) <= _FRAGMENT_WORDS or bool(_CONTINUATION.match(line))
        if previous_is_promo and not notice and continues:
            messages[-1] = f"{messages[-1]}\n{line}"
        else:
            messages.append(line)
        previous_is_promo = not notice
    return messages
