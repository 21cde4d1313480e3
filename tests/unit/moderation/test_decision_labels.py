"""What each decision teaches, as a golden table (service.moderation.decision_labels)."""

from __future__ import annotations

import pytest

from service.moderation.decision_labels import decision_labels

CASES = [
    ("approve", ["toxicity>=0.47"], {"toxic": False}),
    ("approve", ["hate>=0.22 (report)"], {"toxic": False}),
    ("approve", ["spam>=0.27", "vulgar>=0.33"], {"spam": False, "toxic": False}),
    ("approve", [], {"spam": False, "toxic": False}),
    ("approve", None, {"spam": False, "toxic": False}),
    ("reject", ["toxicity>=0.47", "hate>=0.22 (report)"], {"toxic": True}),
    ("reject", ["spam:contact-only"], {"spam": True}),
    ("reject", ["spam>=0.69"], {"spam": True}),
    ("reject", ["hate>=0.22 (report)"], {}),
    ("reject", [], {}),
    ("spam", ["toxicity>=0.47"], {"spam": True}),
    ("not_toxic", ["toxicity>=0.47"], {"toxic": False}),
    ("undo", ["toxicity>=0.47"], {}),
]


@pytest.mark.parametrize(("action", "reasons", "labels"), CASES)
def test_decision_labels(action: str, reasons: list[str] | None, labels: dict[str, bool]) -> None:
    assert decision_labels(action, reasons) == labels
