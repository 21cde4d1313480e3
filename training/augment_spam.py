"""Hand-written spam COMMENTS (and a few genuine comments about spam) added to the training split only.

Why: every labelled spam set here is tweets or SMS; none has the spam that reaches a news site's comment box
(spiritual healers, loans, followers for sale, forex/crypto tips, adult remedies, contact numbers, giveaways).
These sentences were invented for Raqib by combining the phrase banks below: they are not copied from any
dataset, and they are kept apart from the behavioural test cases in tests/model_behaviour/, which are never
trained on. The genuine-comment rows (spam=0) warn about or discuss such ads, so that talking about spam
is not itself spam. The generation is deterministic (no randomness), so training stays reproducible.
"""

from __future__ import annotations

from itertools import cycle, islice

import numpy as np
import pandas as pd

SOURCE = "augment_spam"

_OFFERS = (
    "الشيخ الروحاني ابو يوسف لجلب الحبيب ورد الزوج الغائب خلال ثلاثة ايام",
    "فك السحر والمس والعين وربط الحبيب بطرق مضمونة وسرية تامة",
    "معالج روحاني مجرب لحل المشاكل الزوجية وتسهيل الزواج للعوانس",
    "قروض شخصية فورية بدون كفيل وبدون تحويل راتب للمواطنين والمقيمين",
    "تمويل سريع لسداد المديونيات واستخراج قرض خلال 24 ساعة",
    "نسدد عنك القروض ونوفر لك تمويل جديد بأقل نسبة ارباح",
    "زيادة متابعين انستقرام وتيك توك حقيقيين عرب بأرخص الاسعار",
    "بيع لايكات ومشاهدات يوتيوب وتوثيق الحسابات بضمان",
    "توصيات فوركس يومية بنسبة نجاح 95% وارباح مضمونة",
    "استثمر 500 دولار في البيتكوين واربح 5000 خلال اسبوع",
    "منصة تداول عملات رقمية موثوقة، سحب الارباح يوميا",
    "علاج سرعة القذف وضعف الانتصاب بالاعشاب الطبيعية نتائج من اول استخدام",
    "كبسولات التخسيس الامريكية تنزل 8 كيلو خلال اسبوعين بدون حرمان",
    "خلطة تكبير وتبييض مضمونة 100% ومرخصة",
    "مسابقة كبرى اربح ايفون 15 برو، شارك الان وانشر المنشور",
    "اربح بطاقة شحن بقيمة 100 ريال، سجل من الرابط",
    "وظائف من المنزل براتب 3000 دولار شهريا بدون خبرة",
    "شهادات جامعية معتمدة وموثقة للبيع بدون دراسة",
    "تأشيرات عمل وزيارة لجميع الدول بأسعار مخفضة",
    "اشتراكات IPTV وقنوات مشفرة لمدة سنة بسعر رمزي",
    "عروض حصرية على العطور الاصلية والساعات خصم 70%",
    "جلب الحبيب بالصورة والاسم فقط، والدفع بعد النتيجة",
    "خدمة تعقيب وتخليص معاملات واستخراج رخص بسرعة",
    "ارقام مميزة للبيع وباقات انترنت بلا حدود بأقل سعر",
    "عايز تبقى غني؟ اشترك في كورس التداول وابدأ تكسب من أول يوم",
    "بغيتي تخدم من الدار وتربح فلوس مزيانة؟ عندي ليك الحل",
    "تبي دخل إضافي؟ تسويق بالعمولة وارباح يومية مضمونة",
    "بدك تربح مصاري من البيت؟ اشتغل معنا اونلاين",
    "مبروك لقد فزت بجائزة قيمة، ادخل بياناتك لاستلام الجائزة",
    "سحب على 10 جوالات سامسونج، تابع الحساب وعلق بكلمة تم",
    "حبوب طبيعية للرجال مفعول قوي وسريع، التوصيل لجميع المدن",
    "متابعين حقيقيين وتفاعل عالي لحسابك في تويتر وسناب",
    "رقي شرعي عن بعد وعلاج الحسد والسحر المدفون والمرشوش",
    "ربح 1000 دولار يوميا من تعدين العملات الرقمية بدون خبرة",
    "اعلانات ممولة وتسويق الكتروني لمتجرك بأسعار لا تقبل المنافسة",
    "كاش فوري على بطاقتك الائتمانية بدون رسوم خلال دقائق",
)

_CONTACTS = (
    "للتواصل واتساب 0501234567",
    "كلمني على الواتس +966 55 123 4567",
    "راسلنا على تيليجرام @offers_now",
    "الرابط في البايو",
    "اضغط على الرابط http://bit.ly/win-now",
    "اتصل الان 00201001234567",
    "التواصل خاص فقط",
    "للطلب ارسل رسالة على الرقم 0799123456",
    "زوروا موقعنا www.best-offer.com",
    "واتساب: 0096170123456",
    "تلقرام t.me/fastcash",
    "ابعتلي رسالة على الخاص",
)

_OPENERS = (
    "",
    "عرض خاص 🔥",
    "لا تفوت الفرصة!!",
    "يا جماعة جربوا",
    "مجرب ومضمون",
    "سارع بالحجز",
    "حصريا",
    "والله تجربة ناجحة",
    "بجد مش هتندم",
    "العدد محدود",
)

_GENUINE_ABOUT_SPAM = (
    "احذروا من اعلانات جلب الحبيب والشيوخ الروحانيين فكلها نصب واحتيال",
    "اتصلت على رقم الاعلان عن القروض وطلبوا مني تحويل رسوم مقدما، انتبهوا",
    "للاسف الموقع مليان تعليقات اعلانات عن متابعين وتداول، يا ريت الادارة تحذفها",
    "الشرطة قبضت على عصابة تنصب على الناس باسم توصيات الفوركس والبيتكوين",
    "مقال مهم عن خطر منتجات التخسيس المجهولة التي تباع على الانترنت",
    "اخي رقم خدمة العملاء في الخبر غلط، الرقم الصحيح موجود على موقع الوزارة",
    "ما في شي اسمه ربح مضمون، اللي يوعدك بارباح يومية نصاب",
    "الحكومة لازم تراقب اعلانات القروض الوهمية على مواقع التواصل",
    "شكرا على التوعية، امي كانت رح تدفع لواحد يدعي انه معالج روحاني",
    "المسابقات اللي تطلب تنشر المنشور وتسجل بياناتك كلها سرقة حسابات",
)


def spam_texts() -> list[str]:
    """Every offer with a contact line and an opener, cycling the shorter banks deterministically."""
    out = []
    contacts = cycle(_CONTACTS)
    openers = cycle(_OPENERS)
    for offer in _OFFERS:
        for contact in islice(contacts, 4):
            opener = next(openers)
            out.append(" ".join(part for part in (opener, offer, contact) if part))
    return out


def augmentation_frame() -> pd.DataFrame:
    """Corpus-shaped rows: invented spam comments (spam=1) and comments about spam (spam=0)."""
    spam, ham = spam_texts(), list(_GENUINE_ABOUT_SPAM)
    return pd.DataFrame(
        {
            "text": spam + ham,
            "source": SOURCE,
            "toxic": np.nan,
            "spam": [1.0] * len(spam) + [0.0] * len(ham),
            "hate": np.nan,
            "vulgar": np.nan,
            "dialect": None,
            "domain": "comment",
        }
    )
