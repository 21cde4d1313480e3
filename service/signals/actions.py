"""What each signal does when it fires: the defaults in ONE place, overridden by settings, then by a site's
own policy (:func:`signal_actions`)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.config import Settings


class Action(enum.StrEnum):
    HOLD = "hold"
    REJECT = "reject"
    OFF = "off"


# A filled honeypot and a banned term are certain enough to reject; the rest wait for a moderator.
DEFAULT_ACTIONS: dict[str, Action] = {
    "honeypot": Action.REJECT,
    "too_fast": Action.HOLD,
    "many_links": Action.HOLD,
    "many_contacts": Action.HOLD,
    "near_duplicate": Action.HOLD,
    "author_rate": Action.HOLD,
    "ip_rate": Action.HOLD,
    "banned_term": Action.REJECT,
    "suspect_term": Action.HOLD,
}
SIGNALS: tuple[str, ...] = tuple(DEFAULT_ACTIONS)


def check_actions(value: dict[str, str]) -> dict[str, str]:
    """``value`` if each key is a signal and each value an action; ValueError naming the first that is not."""
    for name, action in value.items():
        if name not in DEFAULT_ACTIONS:
            raise ValueError(f"unknown signal {name!r}; signals: {', '.join(SIGNALS)}")
        if action not in {a.value for a in Action}:
            raise ValueError(f"action of {name!r} must be hold, reject or off, not {action!r}")
    return value


def signal_actions(
    site: str, settings: Settings, site_overrides: Mapping[str, str] | None = None
) -> dict[str, Action]:
    """Each signal's action for ``site``: the defaults, then the settings' overrides, then the site's own
    (its policy's ``signals``, applied when the worker decides; the API computes those settings leave on)."""
    del site
    actions = {
        name: Action(settings.signal_actions.get(name, default)) for name, default in DEFAULT_ACTIONS.items()
    }
    for name, action in (site_overrides or {}).items():
        actions[name] = Action(action)
    return actions
