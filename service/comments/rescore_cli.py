"""``raqib rescore --since DATE [--site S]``: re-queue comments for the active model, with a progress bar."""

from __future__ import annotations

import argparse
import os
import sys

from tqdm import tqdm

from service.cli_args import since_date
from service.config import default_queue_name, get_settings
from service.db import session_scope
from service.scoring.registry import serving_version


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="raqib rescore", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--since", type=since_date, required=True, help="comments stored from this date (UTC)"
    )
    parser.add_argument("--site", help="only this site's comments")
    parser.add_argument("--database-url", help="default: the configured DATABASE_URL")
    parser.add_argument("--redis-url", help="the workers' broker (default: the configured REDIS_URL)")
    args = parser.parse_args(argv)
    from service.comments.rescore import comments_to_rescore, count_to_rescore, publish_rescore

    settings = get_settings()
    version = serving_version(settings)
    if version is None:
        print("raqib rescore: no active model (raqib models promote VERSION)", file=sys.stderr)
        return 1
    # The workers of that database's deployment listen on its queue (settings.queue_name).
    queue = settings.queue_name
    if args.database_url and "RAQIB_QUEUE_NAME" not in os.environ:
        queue = default_queue_name(args.database_url)
    with session_scope(args.database_url) as session:
        total = count_to_rescore(session, since=args.since, site=args.site)
        with tqdm(total=total, unit="comment", desc=f"re-queue for {version}", file=sys.stderr) as bar:
            for ids in comments_to_rescore(session, since=args.since, site=args.site):
                publish_rescore(ids, args.redis_url or settings.redis_url, queue)
                bar.update(len(ids))
    print(f"raqib rescore: {total} comments queued for {version}; moderators' decisions stay as they are")
    return 0
