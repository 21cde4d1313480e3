"""Directional: appending contact details or a "spiritual healer" ad to an ordinary comment raises spam."""

from __future__ import annotations

import pytest

from .conftest import Shipped, read_lines

pytestmark = pytest.mark.model

SUFFIXES = {
    "whatsapp_morocco": "واتساب 0612345678",
    "whatsapp_uae_spaced": "للتواصل واتساب +971 50 123 4567",
    "healer_ad": "الشيخ الروحاني أبو ياسين لجلب الحبيب ورد المطلقة، اتصل الآن 0598765432",
}


@pytest.mark.parametrize("name", SUFFIXES)
def test_appended_spam_raises_spam_score(shipped: Shipped, name: str) -> None:
    comments = read_lines("ordinary_comments.txt")
    with_ad = [f"{c} {SUFFIXES[name]}" for c in comments]
    before, after = shipped.scores(comments)["spam"], shipped.scores(with_ad)["spam"]
    not_raised = [f"{b:.3f}->{a:.3f}: {t}" for b, a, t in zip(before, after, with_ad, strict=True) if a <= b]
    assert not not_raised, f"{shipped.version}: spam not raised by {name} for:\n" + "\n".join(not_raised)
