"""Signals at decision time: each one's line, its action from the settings, the verdict once applied after
the model's decision, and the sentences moderators read."""

from __future__ import annotations

import pytest

from service.config import Settings
from service.scoring.policy import Decision, Verdict
from service.signals.actions import DEFAULT_ACTIONS, Action, signal_actions
from service.signals.findings import Finding, fired_signals, with_findings
from service.signals.reasons import explain, term_spans

SETTINGS = Settings()


@pytest.mark.parametrize(
    ("signals", "codes"),
    [
        ({}, []),
        ({"honeypot": 1}, ["honeypot"]),
        ({"submit_ms": 900}, ["too_fast"]),
        ({"submit_ms": 45_000}, []),
        ({"links": 3}, ["many_links"]),
        ({"links": 2}, []),
        ({"phones": 1, "emails": 1}, ["many_contacts"]),
        ({"phones": 1}, []),
        ({"near_duplicate_of": "c1", "near_duplicate_s": 185}, ["near_duplicate"]),
        ({"author_rate": 6, "ip_rate": 11}, ["author_rate", "ip_rate"]),
        ({"author_rate": 5, "ip_rate": 10}, []),
    ],
)
def test_each_signal_has_its_line(signals: dict[str, int], codes: list[str]) -> None:
    assert [code for code, _ in fired_signals(signals, SETTINGS)] == codes


def test_actions_default_in_one_place_and_settings_override(monkeypatch: pytest.MonkeyPatch) -> None:
    assert signal_actions("x.example", SETTINGS) == DEFAULT_ACTIONS
    changed = Settings(signal_actions={"near_duplicate": "reject", "honeypot": "off"})
    actions = signal_actions("x.example", changed)
    assert actions["near_duplicate"] is Action.REJECT and actions["honeypot"] is Action.OFF
    assert actions["too_fast"] is Action.HOLD


@pytest.mark.parametrize("bad", [{"nonsense": "hold"}, {"honeypot": "delete"}])
def test_unknown_signals_or_actions_fail_at_start_up(bad: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Settings(signal_actions=bad)


PUBLISHED = Decision(Verdict.PUBLISHED, ())
HOLD = Finding("near_duplicate", Action.HOLD, {"of": "c1", "minutes": 3})
REJECT = Finding("banned_term", Action.REJECT, {"term": "حمار", "start": 4, "end": 8})


def test_findings_apply_after_the_model() -> None:
    assert with_findings(PUBLISHED, []) == PUBLISHED
    assert with_findings(PUBLISHED, [HOLD]) == Decision(Verdict.HELD, ("near_duplicate",))
    assert with_findings(PUBLISHED, [HOLD, REJECT]).status is Verdict.REJECTED
    rejected = Decision(Verdict.REJECTED, ("spam>=0.95",))
    assert with_findings(rejected, [HOLD]) == Decision(Verdict.REJECTED, ("spam>=0.95", "near_duplicate"))
    held = Decision(Verdict.HELD, ("toxicity>=0.60",))
    assert with_findings(held, [REJECT, REJECT]).reasons == ("banned_term", "toxicity>=0.60")


def test_every_reason_has_a_code_and_two_sentences() -> None:
    findings = [HOLD.as_json(), REJECT.as_json()]
    reasons = ["near_duplicate", "banned_term", "spam>=0.80", "hate>=0.22 (report)", "spam:contact-only"]
    out = explain(reasons, findings)
    assert [r["code"] for r in out] == [
        "near_duplicate",
        "banned_term",
        "spam",
        "hate_report",
        "spam_contact_only",
    ]
    assert out[0]["ar"] == "نسخة شبه مطابقة لتعليق آخر منذ 3 دقائق"
    assert out[0]["en"] == "near-duplicate of another comment from 3 minutes ago"
    assert (
        out[1]["term"] == "حمار" and (out[1]["start"], out[1]["end"]) == (4, 8) and "«حمار»" in out[1]["ar"]
    )
    assert all(r["ar"] and r["en"] and r["ar"] != r["en"] for r in out)


def test_term_findings_become_highlight_spans() -> None:
    spans = term_spans("انت حمار", [REJECT.as_json(), HOLD.as_json()])
    assert spans == {"banned_term": [{"start": 4, "end": 8, "text": "حمار", "weight": 1.0}]}
