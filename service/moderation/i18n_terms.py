"""Interface strings of the term lists' admin page, Arabic first (merged into service.moderation.i18n)."""

from __future__ import annotations

TERM_STRINGS: dict[str, tuple[str, str]] = {
    "terms": ("قوائم الكلمات", "Term lists"),
    "terms_hint": (
        "تُرفض التعليقات التي فيها كلمة محظورة وتُحجز التي فيها كلمة مشبوهة. تُقارن الكلمات كاملة بعد التطبيع "
        "(التطويل والتشكيل وتكرار الحروف وتباعدها وصور الألف والياء والأرقام اللاتينية مثل 7mar)، ويسري "
        "التغيير على التعليق التالي.",
        "Comments with a banned term are rejected, with a suspect term held. Whole words are compared once "
        "normalised (tatweel, diacritics, repeated or spaced-out letters, alef and ya forms, Arabizi such "
        "as 7mar); a change applies to the next comment.",
    ),
    "terms_banned": ("كلمات محظورة (رفض)", "Banned terms (reject)"),
    "terms_suspect": ("كلمات مشبوهة (حجز)", "Suspect terms (hold)"),
    "terms_none": ("لا توجد كلمات.", "No terms."),
    "terms_add": ("إضافة كلمة", "Add a term"),
    "terms_list": ("القائمة", "List"),
    "terms_changes": ("آخر التغييرات", "Recent changes"),
    "term": ("الكلمة أو العبارة", "Term or phrase"),
    "add": ("إضافة", "Add"),
    "remove": ("حذف", "Remove"),
    "terms.add": ("إضافة كلمة", "Term added"),
    "terms.remove": ("حذف كلمة", "Term removed"),
    "term_no_word": (
        "يجب أن تحتوي العبارة على كلمة من حرفين على الأقل.",
        "The term needs a word of two letters or more.",
    ),
    "term_duplicate": (
        "هذه الكلمة موجودة في قوائم الموقع (بهذا الشكل أو بشكل مكافئ).",
        "This term, or one spelled the same once normalised, is already listed.",
    ),
    "term_not_found": ("الكلمة غير موجودة.", "No such term."),
    "term_invalid": (
        "النص يحتوي على محارف غير مسموح بها.",
        "The text holds characters that are not allowed.",
    ),
    "term_too_long": ("العبارة طويلة جداً.", "The term is too long."),
    "term_invalid_kind": ("اختر قائمة صحيحة.", "Pick a valid list."),
    "term_required": ("الموقع مطلوب.", "The site is required."),
}
