"""Invented Arabic sentences for the tiny data fixture (written for the tests, not taken from any dataset).

Each generator returns `n` distinct sentences built from small word banks, so a model trained on the fixture
has a real signal: toxic rows carry insults, spam rows carry ad wording, clean rows and comments neither.
"""

from __future__ import annotations

_TOPICS = (
    "المباراة",
    "الاقتصاد",
    "المدرسة الجديدة",
    "الطقس اليوم",
    "المستشفى",
    "الانتخابات",
    "السياحة",
    "الطريق السريع",
    "مهرجان الكتاب",
    "أسعار الخبز",
)
_CLEAN = (
    "شكرا على الخبر عن",
    "أتفق مع الكاتب في موضوع",
    "معلومات مفيدة حول",
    "أتمنى التوفيق للجميع في",
    "رأيي مختلف قليلا بخصوص",
    "مقال هادئ ومتوازن عن",
    "سؤال بسيط عن",
    "نحتاج تغطية أوسع عن",
)
_CLEAN_ENDS = ("", "وشكرا لكم", "مع التحية")
_INSULTS = ("يا حمار", "يا غبي", "يا حقير", "يا تافه", "يا وسخ", "يا كلب", "يا جبان", "يا منافق")
_TOXIC_TAILS = (
    "اسكت أحسن لك",
    "الله يلعنك",
    "انت أغبى واحد",
    "روح انقلع من هنا",
    "كلامك زبالة",
    "ما تفهم شي",
)
_HEADLINE_SUBJECTS = ("الوزارة", "الحكومة", "البلدية", "الجامعة", "الشركة الوطنية")
_HEADLINE_VERBS = ("تعلن خطة جديدة بشأن", "تناقش تقريرا عن", "تفتتح مكتبا لمتابعة")
_SUBJECTS = ("في كل تعليق", "وانت وجماعتك", "ومن يدافع عنك", "")
_PERKS = ("", "خصم خمسين بالمية", "هدية مجانية مع كل طلب")
_ADS = (
    "ربح مضمون من التداول",
    "زيادة متابعين حقيقيين",
    "قرض سريع بدون كفيل",
    "شيخ روحاني لجلب الحبيب",
    "خلطة أعشاب للتنحيف",
    "عملات رقمية بأرباح يومية",
    "تخفيضات كبرى على العطور",
    "وظائف من المنزل براتب عالي",
)
_CALLS = (
    "تواصل واتساب الآن",
    "اضغط الرابط في البايو",
    "العرض لفترة محدودة",
    "اطلب الآن والدفع عند الاستلام",
    "راسلنا خاص",
)
_COMMENT_ENDS = ("", "من زمان", "هالأسبوع")
_COMMENT_OPENERS = ("والله", "بصراحة", "يا جماعة", "الحمد لله", "للأسف", "أعتقد أن")
_COMMENT_BODIES = (
    "الخدمة في الحي تحسنت كثير",
    "الأسعار صارت غالية هالسنة",
    "المدرب لازم يغير الخطة",
    "الأولاد مبسوطين بالمدرسة",
    "الزحمة في الشارع ما تنطاق",
    "البلدية نظفت الحديقة",
    "الامتحانات كانت صعبة",
    "الكهرباء تنقطع كل يوم",
    "الدوري هالموسم حماسي",
    "المطعم الجديد ممتاز",
)


def _take(banks: tuple[tuple[str, ...], ...], n: int) -> list[str]:
    # Mixed radix, first bank fastest, so consecutive sentences differ in every part that can differ.
    out = []
    for i in range(n):
        words, rest = [], i
        for bank in banks:
            words.append(bank[rest % len(bank)])
            rest //= len(bank)
        out.append(" ".join(w for w in words if w))
    return out


def headlines(n: int, offset: int = 0) -> list[str]:
    """Neutral news-style lines (the DIB ham side is mostly headlines)."""
    return _take((_HEADLINE_SUBJECTS, _HEADLINE_VERBS, _TOPICS), n + offset)[offset:]


def clean(n: int, offset: int = 0) -> list[str]:
    """Polite on-topic remarks (not toxic, not spam)."""
    return _take((_CLEAN, _TOPICS, _CLEAN_ENDS), n + offset)[offset:]


def toxic(n: int, offset: int = 0) -> list[str]:
    """Insults aimed at the reader or a person."""
    return _take((_INSULTS, _TOXIC_TAILS, _SUBJECTS), n + offset)[offset:]


def spam(n: int, offset: int = 0) -> list[str]:
    """Advertisements with a call to action."""
    return _take((_ADS, _CALLS, _PERKS), n + offset)[offset:]


def comments(n: int, offset: int = 0) -> list[str]:
    """Ordinary reader comments in a casual register."""
    return _take((_COMMENT_OPENERS, _COMMENT_BODIES, _COMMENT_ENDS), n + offset)[offset:]
