"""``raqib sites``: register news sites and manage their keys from the server's command line.

A new key is printed once, on standard output alone (so ``KEY=$(raqib sites create …)`` works); everything
else goes to standard error. Each change is in the admin audit log as ``cli:<login name>``.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from datetime import UTC, datetime

from service.config import get_settings
from service.db import session_scope
from service.moderation.admin_audit import Actor
from service.sites.registry import (
    SiteError,
    create_site,
    import_keys,
    list_sites,
    revoke_site,
    rotate_key,
)

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(raw: str) -> int:
    """Seconds in ``"3600"``, ``"90s"``, ``"30m"``, ``"12h"`` or ``"1d"``."""
    match = _DURATION.match(raw.lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a duration: {raw!r} (e.g. 3600, 30m, 12h, 1d)")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib sites", description=__doc__)
    parser.add_argument("--database-url", default=None, help="default: the configured DATABASE_URL")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="register a site and print its key once")
    create.add_argument("name")
    create.add_argument("--title", default=None, help="the newsroom's own name for it")
    sub.add_parser("list", help="registered sites, their keys' prefixes and state")
    rotate = sub.add_parser("rotate-key", help="print a new key; the old one works for the grace period")
    rotate.add_argument("name")
    rotate.add_argument(
        "--grace",
        type=parse_duration,
        default=None,
        help="how long the old key keeps working (default RAQIB_SITE_KEY_GRACE_SECONDS, one day); 0 ends it",
    )
    revoke = sub.add_parser("revoke", help="refuse the site from now on, whatever key it sends")
    revoke.add_argument("name")
    sub.add_parser("import-env", help="store the keys of the old RAQIB_SITE_KEYS variable, hashed")
    return parser


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "-"


def _print_sites(url: str | None) -> None:
    with session_scope(url) as session:
        sites = list_sites(session)
    if not sites:
        print("no sites registered", file=sys.stderr)
    for site in sites:
        state = f"revoked {_when(site.revoked_at)}" if site.revoked_at else "active"
        print(f"{site.name}\t{site.title or '-'}\tcreated {_when(site.created_at)}\t{state}")
        for key in site.keys:
            until = f"until {_when(key.expires_at)}" if key.expires_at and key.live else ""
            print(f"  key {key.prefix}…\t{'live' if key.live else 'ended'} {until}".rstrip())


def _run(args: argparse.Namespace, actor: Actor) -> int:
    url = args.database_url
    if args.command == "list":
        _print_sites(url)
        return 0
    if args.command == "create":
        with session_scope(url) as session:
            site, key = create_site(session, actor, args.name, title=args.title)
            name = site.name
        print(f"registered {name}; its key, shown this once:", file=sys.stderr)
        print(key)
        return 0
    if args.command == "rotate-key":
        grace = get_settings().site_key_grace_seconds if args.grace is None else args.grace
        with session_scope(url) as session:
            key = rotate_key(session, actor, args.name, grace_seconds=grace)
        print(f"new key for {args.name}, shown once (the old one works {grace} s more):", file=sys.stderr)
        print(key)
        return 0
    if args.command == "revoke":
        with session_scope(url) as session:
            revoke_site(session, actor, args.name)
        print(f"revoked {args.name}: its comments, reports and reads are refused", file=sys.stderr)
        return 0
    keys = {site: key.get_secret_value() for site, key in get_settings().legacy_site_keys.items()}
    if not keys:
        print("RAQIB_SITE_KEYS is empty or unset: nothing to import", file=sys.stderr)
        return 0
    with session_scope(url) as session:
        outcomes = import_keys(session, actor, keys)
    for site, outcome in outcomes:
        print(f"{site}\t{outcome}", file=sys.stderr)
    if any("weak" in outcome for _, outcome in outcomes):
        print("keys marked weak are short: rotate them (raqib sites rotate-key NAME)", file=sys.stderr)
    print("done: remove RAQIB_SITE_KEYS from the environment (the service ignores it)", file=sys.stderr)
    return 0


def _operator() -> Actor:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # a container user with no passwd entry
        login = "unknown"
    return Actor(None, f"cli:{login}")


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib sites``."""
    args = _parser().parse_args(argv)
    try:
        return _run(args, _operator())
    except SiteError as exc:
        print(f"raqib sites: {exc}", file=sys.stderr)
        return 1
