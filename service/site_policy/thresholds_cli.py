"""``raqib thresholds suggest|set``: per-site hold lines from the site's moderator decisions, and setting
them in the site's policy (audited)."""

from __future__ import annotations

import argparse
import getpass
import sys

from service.config import get_settings
from service.db import session_scope
from service.inputs import normalize_site
from service.scoring.registry import serving_version
from service.site_policy.rules import LABELS, SitePolicy
from service.site_policy.store import load_policy, save_policy
from service.site_policy.suggest import site_evidence, suggest_line


def _line(raw: str) -> tuple[str, float]:
    label, _, value = raw.partition("=")
    if label not in LABELS or not value:
        raise argparse.ArgumentTypeError(f"expected LABEL=LINE with LABEL one of {', '.join(LABELS)}")
    try:
        return label, float(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib thresholds")
    sub = parser.add_subparsers(dest="command", required=True)
    suggest = sub.add_parser("suggest", help="hold lines that reach a precision on the site's decisions")
    suggest.add_argument("--site", required=True)
    suggest.add_argument("--target-precision", type=float, default=0.9)
    suggest.add_argument("--min-decisions", type=int, default=50, help="refuse on fewer labelled comments")
    suggest.add_argument("--version", help="model version whose scores to use (default: the active one)")
    put = sub.add_parser("set", help="write hold / reject lines into the site's policy")
    put.add_argument("--site", required=True)
    put.add_argument("--hold", type=_line, action="append", default=[], metavar="LABEL=LINE")
    put.add_argument("--reject", type=_line, action="append", default=[], metavar="LABEL=LINE")
    return parser


def _suggest(args: argparse.Namespace) -> int:
    version = args.version or serving_version(get_settings())
    if version is None:
        print("raqib thresholds: no active model", file=sys.stderr)
        return 1
    with session_scope() as session:
        evidence = site_evidence(session, site=normalize_site(args.site), version=version)
    refused = False
    print(f"site {normalize_site(args.site)}, model {version}, target precision {args.target_precision:.2f}")
    print(f"{'head':<10} {'line':>6} {'precision':>9} {'recall':>7} {'decisions':>9} {'positives':>9}")
    for head, pairs in evidence.items():
        if len(pairs) < args.min_decisions:
            print(f"{head:<10} {'—':>6} {'':>9} {'':>7} {len(pairs):>9}  too few (< {args.min_decisions})")
            refused = True
            continue
        s = suggest_line(pairs, head=head, target_precision=args.target_precision)
        if s.line is None:
            print(f"{head:<10} {'—':>6} {'':>9} {'':>7} {s.decisions:>9} {s.positives:>9}  none reaches it")
            continue
        figures = f"{s.line:>6.3f} {s.precision:>9.3f} {s.recall:>7.3f}"
        print(f"{head:<10} {figures} {s.decisions:>9} {s.positives:>9}")
    return 2 if refused else 0


def _set(args: argparse.Namespace) -> int:
    site = normalize_site(args.site)
    with session_scope() as session:
        policy = load_policy(session, site)
        changed = policy.model_dump(mode="json")
        changed["hold"] = changed["hold"] | dict(args.hold)
        changed["reject"] = changed["reject"] | dict(args.reject)
        try:
            new = SitePolicy.model_validate(changed)
        except ValueError as exc:
            print(f"raqib thresholds: {exc}", file=sys.stderr)
            return 2
        change = save_policy(session, site=site, policy=new, actor=f"cli:{getpass.getuser()}", actor_id=None)
    for field, diff in change.changes.items():
        print(f"{field}: {diff['before']} -> {diff['after']}")
    print("no change" if not change.changes else "saved: the next comment is decided by it")
    return 0


def cli(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    return _suggest(args) if args.command == "suggest" else _set(args)
