"""Every reason of a verdict as a code and as the Arabic and English sentences a moderator reads.

The policy's reasons (``spam>=0.80``, ``hate>=0.22 (report)``, ``spam:contact-only``) and the signals'
codes, with the numbers and terms their findings stored. Built when someone reads a verdict, so wording
can improve without touching stored rows.
"""

from __future__ import annotations

from typing import Any

from service.scoring.policy import CONTACT_ONLY, REPORT_SUFFIX
from service.site_policy.rules import REASON_TEXT as SITE_REASON_TEXT

_LABELS: dict[str, tuple[str, str]] = {
    "spam": ("السبام", "spam"),
    "toxicity": ("الإساءة", "toxicity"),
    "hate": ("خطاب الكراهية", "hate"),
    "vulgar": ("البذاءة", "vulgarity"),
}

# code -> (Arabic, English); {placeholders} are filled from the finding.
_SENTENCES: dict[str, tuple[str, str]] = {
    "honeypot": (
        "مُلئ الحقل المخفي في النموذج: كتبه برنامج آلي",
        "the form's hidden field was filled in: a bot",
    ),
    "too_fast": (
        "أُرسل بعد {seconds} ثانية من عرض النموذج: أسرع من أن يكتبه إنسان",
        "sent {seconds} s after the form was shown: too fast for a person",
    ),
    "many_links": ("يحتوي على {count} روابط", "contains {count} links"),
    "many_contacts": (
        "يحتوي على {count} من أرقام الهاتف وعناوين البريد",
        "contains {count} phone numbers and e-mail addresses",
    ),
    "near_duplicate": (
        "نسخة شبه مطابقة لتعليق آخر منذ {minutes} دقائق",
        "near-duplicate of another comment from {minutes} minutes ago",
    ),
    "author_rate": (
        "التعليق رقم {count} لهذا الكاتب خلال {seconds} ثانية",
        "comment number {count} of this author within {seconds} s",
    ),
    "ip_rate": (
        "التعليق رقم {count} من عنوان القارئ نفسه خلال {seconds} ثانية",
        "comment number {count} from the same reader address within {seconds} s",
    ),
    "banned_term": (
        "كلمة محظورة «{term}» في الموضع {start}–{end}",
        "banned term “{term}” at characters {start}–{end}",
    ),
    "suspect_term": (
        "كلمة مشبوهة «{term}» في الموضع {start}–{end}",
        "suspect term “{term}” at characters {start}–{end}",
    ),
    "spam_contact_only": (
        "يشبه السبام بسبب وسائل الاتصال وحدها: محجوز لا مرفوض",
        "looks like spam only for its contact details: held, not rejected",
    ),
    "reported": ("أبلغ عنه القراء", "reported by readers"),
    # The site's own rules (its policy, its commenters' standing).
    **{str(code): text for code, text in SITE_REASON_TEXT.items()},
}


def _model_reason(reason: str) -> dict[str, Any] | None:
    """``label>=line`` or ``label>=line (report)`` as a code and sentences; None for anything else."""
    report = reason.endswith(REPORT_SUFFIX)
    label, sep, line = reason.removesuffix(REPORT_SUFFIX).partition(">=")
    if not sep:
        return None
    ar_label, en_label = _LABELS.get(label, (label, label))
    if report:
        return {
            "code": f"{label}_report",
            "ar": f"درجة {ar_label} فوق خط الإبلاغ {line}: يُعرض للمشرفين ولا يُحجز",
            "en": f"{en_label} score over its report line {line}: listed for moderators, not held",
        }
    return {
        "code": label,
        "ar": f"درجة {ar_label} فوق الحد {line}",
        "en": f"{en_label} score over the line {line}",
    }


def _sentence(code: str, detail: dict[str, Any]) -> dict[str, Any]:
    ar, en = _SENTENCES.get(code, (code, code))
    try:
        return {"code": code, "ar": ar.format(**detail), "en": en.format(**detail), **detail}
    except (KeyError, IndexError, ValueError):  # a finding stored by another version: say what we can
        return {"code": code, "ar": code, "en": code, **detail}


def explain(reasons: list[str], findings: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """One entry per reason, in the verdict's order; a term reason once per matched occurrence."""
    by_code: dict[str, list[dict[str, Any]]] = {}
    for finding in findings or []:
        detail = {k: v for k, v in finding.items() if k not in ("code", "action")}
        by_code.setdefault(str(finding.get("code")), []).append(detail)
    out: list[dict[str, Any]] = []
    for reason in reasons:
        if reason == CONTACT_ONLY:
            out.append(_sentence("spam_contact_only", {}))
        elif (model := _model_reason(reason)) is not None:
            out.append(model)
        else:
            out.extend(_sentence(reason, detail) for detail in by_code.get(reason) or [{}])
    return out


def term_spans(body: str, findings: list[dict[str, Any]] | None) -> dict[str, list[dict[str, Any]]]:
    """The matched terms as highlight spans of the body, by code (``banned_term``, ``suspect_term``)."""
    spans: dict[str, list[dict[str, Any]]] = {}
    for f in findings or []:
        if str(f.get("code", "")).endswith("_term") and isinstance(f.get("start"), int):
            start, end = f["start"], f.get("end", f["start"])
            spans.setdefault(f["code"], []).append(
                {"start": start, "end": end, "text": body[start:end], "weight": 1.0}
            )
    return spans
