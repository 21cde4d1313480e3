"""The hook the scoring task calls once a verdict is stored: queue the shadow job, if a version is in shadow.

Shadow scoring is best effort: a failed publish is logged and dropped, never retried at the verdict's cost.
"""

from __future__ import annotations

import logging

SHADOW_TASK = "raqib.shadow_score"
log = logging.getLogger(__name__)


def after_verdict(comment_id: str) -> None:
    """Queue shadow_score(comment_id) when a version is in shadow (its own task, after the commit)."""
    from service.shadow.scoring import current_shadow

    version = current_shadow()
    if version is None:
        return
    from service.worker import app

    try:
        app.send_task(SHADOW_TASK, args=[comment_id, version], retry=False)
    except Exception as exc:  # the verdict is stored; the shadow figure for this comment is lost, no more
        log.warning("shadow job for %s not queued (%s)", comment_id, type(exc).__name__)
