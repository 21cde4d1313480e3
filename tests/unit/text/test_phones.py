"""Phone numbers counted with phonenumbers: Arabic-Indic and Persian digits, country codes of the region,
local forms; prices, years, times and long account numbers are not phones."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.text.phones import count_phone_numbers

REGIONS = Settings().phone_regions


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("اتصل على ٠٦١٢٣٤٥٦٧٨", 1),  # Moroccan mobile in Arabic-Indic digits
        ("واتساب ۰۵۰۱۲۳۴۵۶۷", 1),  # Saudi mobile in Persian digits
        ("+212 6 12 34 56 78", 1),
        ("0020 100 123 4567", 1),
        ("+20 100 123 4567", 1),
        ("+966 50 123 4567", 1),
        ("+971-50-123-4567", 1),
        ("06 12 34 56 78 او 0698765432", 2),
        ("01012345678", 1),  # Egyptian mobile without its code
        ("السعر 1500 درهم سنة 2024 الساعة 10:30 الآية 2:255", 0),
        ("رقم الحساب 12345678901234567", 0),
        ("بدون أرقام", 0),
    ],
)
def test_count(text: str, count: int) -> None:
    assert count_phone_numbers(text, REGIONS) == count
