"""Celery task of site policies: a thin door into overdue.publish_overdue, run by the beat."""

from __future__ import annotations

import logging

from service.db import session_scope
from service.worker import app

log = logging.getLogger(__name__)

PUBLISH_OVERDUE_TASK = "raqib.publish_overdue"


@app.task(name=PUBLISH_OVERDUE_TASK, ignore_result=True)
def publish_overdue_comments() -> int:
    """Publish the comments their sites would rather not keep waiting for a verdict."""
    from service.site_policy.overdue import publish_overdue

    with session_scope() as session:
        published = publish_overdue(db_session=session)
    for site, count in published.items():
        log.warning("%d comments of %s published unscored (the site's wait ran out)", count, site)
    return sum(published.values())
