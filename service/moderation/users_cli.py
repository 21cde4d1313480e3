"""``raqib users``: create moderator and admin accounts from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys

from service.db import session_scope
from service.moderation.accounts import AccountError, create_user


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib users", description="moderator accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create an account")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=["admin", "moderator"])
    create.add_argument(
        "--site", action="append", default=[], help="a site the account may moderate (repeat)"
    )
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    return parser


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the passwords differ")
    return first


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib users``."""
    args = _parser().parse_args(argv)
    try:
        password = _read_password(args.password_stdin)
        with session_scope() as db_session:
            user = create_user(
                db_session, email=args.email, password=password, role=args.role, sites=args.site
            )
            user_id, email = user.id, user.email
    except AccountError as exc:
        print(f"raqib users: {exc}", file=sys.stderr)
        return 1
    sites = ", ".join(args.site) if args.site else "all sites"
    print(f"created {args.role} {email} (id {user_id}) for {sites}")
    return 0
