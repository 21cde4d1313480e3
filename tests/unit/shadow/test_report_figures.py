"""The shadow report's figures on a fixture computed by hand (see the comments beside each item)."""

from __future__ import annotations

import pytest

from service.shadow.report import Item, figures
from service.shadow.report_cli import render_text


def item(n: int, active: tuple[str, list[str]], shadow: tuple[str, list[str]], **truth: bool) -> Item:
    return Item(
        comment_id=f"c{n}",
        site="alghad.example",
        body=f"تعليق {n}",
        active_decision=active[0],
        active_reasons=tuple(active[1]),
        shadow_decision=shadow[0],
        shadow_reasons=tuple(shadow[1]),
        truth={"spam": truth.get("spam"), "toxic": truth.get("toxic")},
    )


ITEMS = [
    # toxic: active fp, shadow tn
    item(1, ("held", ["toxicity>=0.47"]), ("published", []), toxic=False),
    # toxic: active fn, shadow tp
    item(2, ("published", []), ("held", ["toxicity>=0.40"]), toxic=True),
    # spam: both tp
    item(3, ("rejected", ["spam>=0.69"]), ("rejected", ["spam>=0.60"]), spam=True),
    # spam: active fp, shadow tn; toxic: both tn
    item(4, ("held", ["spam>=0.27"]), ("published", []), spam=False, toxic=False),
    # toxic: both tp (the shadow's extra spam hold is not judged: no spam label)
    item(5, ("held", ["toxicity>=0.47"]), ("held", ["toxicity>=0.40", "spam>=0.27"]), toxic=True),
    # no label: not judged; a report line only is no "yes"
    item(6, ("published", []), ("published", ["hate>=0.22 (report)"])),
]


def test_precision_recall_f1_per_label_as_computed_by_hand() -> None:
    report = figures(ITEMS)
    assert report["comments"] == 6
    toxic, spam = report["per_label"]["toxic"], report["per_label"]["spam"]
    assert toxic["n"] == 4 and spam["n"] == 2
    # toxic, active: tp 1 (5), fp 1 (1), fn 1 (2) -> P 1/2, R 1/2, F1 1/2; shadow: tp 2 (2, 5) -> all 1
    assert (toxic["active"]["tp"], toxic["active"]["fp"], toxic["active"]["fn"]) == (1, 1, 1)
    assert toxic["active"]["precision"] == toxic["active"]["recall"] == toxic["active"]["f1"] == 0.5
    assert toxic["shadow"]["precision"] == toxic["shadow"]["recall"] == toxic["shadow"]["f1"] == 1.0
    # spam, active: tp 1 (3), fp 1 (4) -> P 1/2, R 1, F1 2/3; shadow: tp 1 -> all 1
    assert (spam["active"]["precision"], spam["active"]["recall"]) == (0.5, 1.0)
    assert spam["active"]["f1"] == pytest.approx(2 / 3)
    assert spam["shadow"]["f1"] == 1.0


def test_changed_decisions_by_direction_with_examples() -> None:
    changed = figures(ITEMS)["changed"]
    assert changed["total"] == 3
    assert changed["by_direction"] == {
        "held->published": {"n": 2, "direction": "more lenient"},
        "published->held": {"n": 1, "direction": "stricter"},
    }
    assert [e["comment_id"] for e in changed["examples"]["held->published"]] == ["c1", "c4"]
    assert changed["examples"]["published->held"][0]["excerpt"] == "تعليق 2"


def test_undefined_figures_stay_undefined_and_render() -> None:
    report = figures([item(1, ("published", []), ("published", []), spam=False)])
    spam = report["per_label"]["spam"]
    assert spam["active"]["precision"] is None and spam["active"]["recall"] is None
    text = render_text({"version": "v2", "site": None, **report})
    assert "spam" in text and "–" in text and "would have changed: 0" in text
