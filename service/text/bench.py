"""Timing of the text core: ``python -m service.text.bench`` prints microseconds per comment.

The serving budget is about 2 ms per comment for the whole model; normalize should stay well under 0.2 ms for
a 300-character comment. The hostile inputs check that no pattern backtracks badly (each should take
milliseconds, not seconds).
"""

from __future__ import annotations

import sys
import timeit

from service.text import mask_emails, normalize, normalize_tokens

COMMENTS: dict[str, str] = {
    "plain Arabic, 300 chars": (
        "هذا تعليق عادي جدا على خبر اليوم وأنا أرى أن القرار صحيح ولكن التنفيذ سيء والحكومة لم تستمع للناس "
        * 4
    )[:300],
    "mixed spam, 300 chars": (
        "والله يا جماعة المقال رائع جداً 😂😂😂 بس الكاتب نسي إنّ الحكومة ما سوت شي، خلللاص تعبنا! "
        "واتساب 0612345678 أو راسلوني john.doe@gmail.com وزوروا www.example.com #السعودية @someone "
        "ك ل ب 3lach 7mar wa9t looool ١٢٣ name [at] gmail [dot] com"
    )[:300],
}

HOSTILE: dict[str, str] = {
    "a.a.a...@b": "a." * 5000 + "@b",
    "a@b.b.b...": "a@" + "b." * 5000,
    "x at b dot b dot ...": "x at " + "b dot " * 3000,
    "long local part": "x" * 100_000 + "@gmail.com",
    "a@a@a@...": "a@" * 5000,
    "***...@": "*" * 10_000 + "@",
}


def _microseconds(func: object, text: str, number: int) -> float:
    return min(timeit.repeat(lambda: func(text), number=number, repeat=5)) / number * 1e6  # type: ignore[operator]


def main() -> int:
    for name, text in COMMENTS.items():
        for func in (normalize, normalize_tokens, mask_emails):
            print(f"{func.__name__:17s} {name:26s} {_microseconds(func, text, 500):8.1f} us")
    for name, text in HOSTILE.items():
        worst = max(_microseconds(func, text, 1) for func in (normalize, mask_emails)) / 1000
        print(f"hostile {name:22s} len {len(text):6d}  worst {worst:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
