"""Interface strings of the webhooks admin page, Arabic first (merged into service.moderation.i18n)."""

from __future__ import annotations

WEBHOOK_STRINGS: dict[str, tuple[str, str]] = {
    "webhooks": ("خطافات الويب", "Webhooks"),
    "webhook_url": ("عنوان الاستدعاء", "Callback URL"),
    "webhook_set": ("حفظ العنوان", "Save URL"),
    "webhook_rotate": ("سرّ جديد", "New secret"),
    "webhook_test": ("إرسال حدث تجريبي", "Send a test event"),
    "webhook_secret_once": (
        "انسخ السرّ الآن إلى خادم الموقع، لن يظهر مرة أخرى:",
        "Copy the secret to the site's server now, it will not be shown again:",
    ),
    "webhook_grace": ("السرّ السابق يوقّع أيضاً حتى", "The previous secret also signs until"),
    "webhook_none": ("لا يوجد خطاف ويب لأي موقع بعد.", "No site has a webhook yet."),
    "webhook_test_queued": ("أُرسل حدث تجريبي إلى قائمة الانتظار.", "A test event was queued."),
    "webhook_invalid_url": (
        "العنوان غير صالح: يجب أن يبدأ بـ http:// أو https:// وأن يتضمن اسم خادم، دون بيانات دخول.",
        "Invalid URL: it must start with http:// or https:// and name a host, without credentials.",
    ),
    "webhook_blank": ("اسم الموقع فارغ.", "The site name is empty."),
    "webhook_not_found": ("لا يوجد خطاف ويب لهذا الموقع.", "This site has no webhook."),
    "deliveries": ("عمليات الإرسال", "Deliveries"),
    "event": ("الحدث", "Event"),
    "attempts": ("المحاولات", "Attempts"),
    "last_error": ("آخر خطأ", "Last error"),
    "next_try": ("المحاولة التالية", "Next try"),
    "delivery_pending": ("بانتظار الإرسال", "Pending"),
    "delivery_delivered": ("تم التسليم", "Delivered"),
    "delivery_failed": ("فشل نهائياً", "Failed"),
    "changes": ("سجل التغييرات", "Change log"),
    "actor": ("المنفّذ", "Actor"),
    "change": ("التغيير", "Change"),
    "before": ("قبل", "Before"),
    "after": ("بعد", "After"),
    "webhook.set": ("تعيين العنوان", "URL set"),
    "webhook.rotate_secret": ("تغيير السرّ", "Secret rotated"),
}
