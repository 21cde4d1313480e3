"""Phone numbers in a comment, found with ``phonenumbers`` (Google's libphonenumber metadata).

Digits of any script count (``٠٦١٢٣٤٥٦٧٨``, ``۰۹۱۲…``: :func:`service.text.arabic.normalize_chars` makes them
ASCII first). A run of 7 or more digits, optionally with ``+`` or ``00`` and spaces, dots, dashes or brackets
between groups, is a candidate; it is a phone number when libphonenumber finds it valid: with its country
code (``+212 6 12 34 56 78``, ``0020 100 123 4567``, ``+966 50 123 4567``) for that country, without one for
any of the regions given (a site's readers' countries). Prices, years and times never reach 7 digits in one
run, or are not valid numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers

from service.text.arabic import normalize_chars

_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d(?:[\s.\-()]{0,2}\d){6,15}(?!\w)")
_DIGITS = re.compile(r"\d")


def _is_phone(candidate: str, regions: Sequence[str]) -> bool:
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    for region in (None,) if candidate.startswith("+") else regions:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def count_phone_numbers(text: str, regions: Sequence[str]) -> int:
    """How many valid phone numbers ``text`` holds (each counted once where it is written)."""
    if len(_DIGITS.findall(text)) < 7:  # the common case: nothing to look at
        return 0
    folded = normalize_chars(text)
    return sum(1 for m in _CANDIDATE.finditer(folded) if _is_phone(m.group(), regions))
