"""Client-facing errors of the comment API: stable codes with Arabic and English messages.

Messages never quote the submitted value: an echoed field could be the reader's clear e-mail address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# code -> (Arabic, English). "{limit}" is filled from the limit that was exceeded.
MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("هذا الحقل إلزامي", "This field is required."),
    "blank": ("هذا الحقل إلزامي ولا يجوز أن يكون فارغًا", "This field is required and cannot be blank."),
    "article_or_permalink": (
        "يجب إرسال معرّف المقال أو رابطه",
        "Either article_id or permalink is required.",
    ),
    "unknown_field": ("هذا الحقل غير معروف", "This field is not accepted."),
    "invalid_type": ("يجب أن تكون القيمة نصًّا", "The value must be a string."),
    "too_long": ("النص أطول من الحد المسموح ({limit} حرفًا)", "The text is longer than {limit} characters."),
    "control_characters": (
        "يحتوي النص على محارف تحكّم غير مسموح بها",
        "The text contains control characters that are not allowed.",
    ),
    "invalid_unicode": (
        "يحتوي النص على محارف غير صالحة (نصف رمز تعبيري مقطوع مثلًا)",
        "The text is not valid Unicode (for example half of a cut emoji).",
    ),
    "invalid_query_encoding": (
        "معاملات الرابط ليست نصًّا صالحًا بترميز UTF-8",
        "The query string is not valid UTF-8 once decoded.",
    ),
    "invalid_value": (
        "القيمة غير مقبولة (خارج النطاق أو بصيغة غير صالحة)",
        "The value is not accepted (out of range or malformed).",
    ),
    "invalid_email": ("عنوان البريد الإلكتروني غير صالح", "The e-mail address is not valid."),
    "invalid_url": (
        "يجب أن يكون الرابط عنوانًا صالحًا يبدأ بـ http أو https",
        "The link must be a valid http or https URL.",
    ),
    "invalid_ip": ("عنوان IP غير صالح", "The IP address is not valid."),
    "invalid_datetime": (
        "يجب أن يكون التاريخ بصيغة ISO 8601",
        "The date must be in ISO 8601 format.",
    ),
    "unknown_parent": ("التعليق الذي تردّ عليه غير موجود", "The comment you are replying to does not exist."),
    "not_an_object": ("يجب أن يكون جسم الطلب كائن JSON", "The request body must be a JSON object."),
    "malformed_json": ("جسم الطلب ليس JSON صالحًا", "The request body is not valid JSON."),
    "invalid_utf8": ("جسم الطلب ليس نصًّا صالحًا بترميز UTF-8", "The request body is not valid UTF-8 text."),
    "unsupported_media_type": (
        "يجب أن يكون نوع المحتوى application/json",
        "The content type must be application/json.",
    ),
    "too_large": (
        "حجم الطلب أكبر من الحد المسموح ({limit} بايت)",
        "The request is larger than {limit} bytes.",
    ),
    "idempotency_key_reused": (
        "استُخدم مفتاح عدم التكرار هذا من قبل مع تعليق مختلف",
        "This Idempotency-Key was already used with a different comment.",
    ),
    "invalid_idempotency_key": (
        "مفتاح عدم التكرار غير صالح (1 إلى 200 محرف مرئي)",
        "The Idempotency-Key header must be 1 to 200 visible characters.",
    ),
    "invalid_parameter": ("قيمة المُعامل غير صالحة", "The parameter value is not valid."),
    "not_found": ("التعليق غير موجود", "The comment does not exist."),
    "invalid_request": ("بعض الحقول تحتاج إلى تصحيح", "Some fields need to be corrected."),
    "site_key_missing": ("مفتاح الموقع مطلوب", "This site's key is required (X-Raqib-Site-Key)."),
    "site_key_invalid": ("مفتاح الموقع غير صحيح", "The site key is not valid."),
    "site_not_registered": ("هذا الموقع غير مسجَّل", "This site is not registered with this service."),
    "site_revoked": ("أُلغي تسجيل هذا الموقع", "This site's registration has been revoked."),
    "read_credentials_missing": (
        "قراءة التعليق تتطلب مفتاح الموقع أو رمز القراءة الذي أُعيد عند إرساله",
        "Reading a comment needs the site's key (X-Raqib-Site-Key) or the comment's read token "
        "(X-Raqib-Read-Token) returned when it was submitted.",
    ),
    "site_key_required": (
        "هذه القائمة تتطلب مفتاح الموقع",
        "This listing needs the site's key (X-Raqib-Site-Key): only published comments are public.",
    ),
    "database_unavailable": (
        "تعذّر حفظ التعليق مؤقتًا، يُرجى إعادة المحاولة بعد قليل",
        "The comment could not be stored right now; please retry shortly.",
    ),
    "rate_limited": (
        "طلبات كثيرة في وقت قصير، يُرجى إعادة المحاولة بعد المدة المذكورة في Retry-After",
        "Too many requests in a short time; please retry after the Retry-After delay.",
    ),
    "term_no_word": (
        "يجب أن تحتوي العبارة على كلمة من حرفين على الأقل",
        "The term must hold a word of at least two letters.",
    ),
    "term_duplicate": (
        "هذه الكلمة موجودة في قوائم هذا الموقع (بهذا الشكل أو بشكل مكافئ)",
        "This term, or one spelled the same once normalised, is already listed for this site.",
    ),
    "term_not_found": ("الكلمة غير موجودة", "The term does not exist."),
    "internal_error": (
        "حدث خطأ داخلي، يُرجى المحاولة لاحقًا",
        "An internal error occurred; please retry later.",
    ),
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field (``field`` is None when the problem is the request as a whole)."""

    field: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class ApiError(Exception):
    """An error answered with ``status`` and a list of field errors, in the shape of every 4xx of the API."""

    def __init__(self, status: int, errors: list[FieldError], headers: dict[str, str] | None = None) -> None:
        super().__init__(", ".join(f"{e.field}:{e.code}" for e in errors))
        self.status = status
        self.errors = errors
        self.headers = headers or {}


def prefers_arabic(accept_language: str | None) -> bool:
    """True when Accept-Language ranks Arabic above English (English first is the default)."""
    if not accept_language:
        return False
    ranks: dict[str, float] = {}
    for position, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower().split("-")[0]
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:  # q=0 means "not this language"
            # Earlier entries win ties, as browsers list them in preference order.
            ranks.setdefault(tag, q - position * 1e-6)
    return ranks.get("ar", -1.0) > ranks.get("en", ranks.get("*", -1.0))


def message(code: str, arabic_first: bool, **params: Any) -> dict[str, str]:
    """The bilingual message of ``code``; key order follows the reader's language."""
    ar, en = MESSAGES[code]
    ar, en = ar.format(**params), en.format(**params)
    return {"ar": ar, "en": en} if arabic_first else {"en": en, "ar": ar}


def error_body(errors: list[FieldError], arabic_first: bool) -> dict[str, Any]:
    """The JSON body of an error response: a summary message and every problem found."""
    whole = len(errors) == 1 and errors[0].field is None  # a problem of the request, not of a field
    summary = message(errors[0].code, arabic_first, **errors[0].params) if whole else None
    return {
        "message": summary or message("invalid_request", arabic_first),
        "errors": [
            {"field": e.field, "code": e.code, "message": message(e.code, arabic_first, **e.params)}
            for e in errors
        ],
    }
