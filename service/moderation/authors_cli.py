"""``raqib authors export|forget HASH``: data-subject requests about one commenter.

HASH is the author's ``author_email_hash`` (shown to moderators); ``--email ADDRESS`` computes it from the
address the person gives, with the server's RAQIB_EMAIL_HASH_SECRET.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from service.config import get_settings
from service.db import session_scope
from service.moderation.authors import export_author, forget_author
from service.text import email_hash

log = logging.getLogger(__name__)


def _author_hash(args: argparse.Namespace) -> str:
    if args.email:
        return email_hash(args.email, get_settings().email_hash_secret.get_secret_value())
    if not args.hash:
        raise SystemExit("raqib authors: give HASH or --email ADDRESS")
    return str(args.hash).strip().lower()


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="raqib authors", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (
        ("export", "print everything held about one commenter as JSON"),
        ("forget", "anonymise one commenter's comments, keeping moderation statistics (audited)"),
    ):
        cmd = sub.add_parser(name, help=help_)
        cmd.add_argument("hash", nargs="?", help="the author's author_email_hash")
        cmd.add_argument("--email", help="the author's address instead of the hash")
        cmd.add_argument("--database-url", default=None, help="default: the configured DATABASE_URL")
        if name == "export":
            cmd.add_argument("--out", type=Path, help="write the JSON here instead of standard output")
    args = parser.parse_args(argv)
    author = _author_hash(args)
    with session_scope(args.database_url) as session:
        if args.command == "export":
            text = json.dumps(export_author(session, author), ensure_ascii=False, indent=2)
            if args.out:
                args.out.write_text(text + "\n", encoding="utf-8")
            else:
                print(text)
            return 0
        count = forget_author(session, author)
    print(f"raqib authors: forgot {count} comments of {author[:12]}…", file=sys.stderr)
    return 0
