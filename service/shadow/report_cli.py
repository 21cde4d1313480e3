"""``raqib shadow report [--site S] [--version V] [--json]``: the shadow model against the moderators."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from service.config import get_settings
from service.db import session_scope
from service.shadow.report import latest_shadow_version, shadow_report


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render_text(report: dict[str, Any]) -> str:
    """The report for a terminal."""
    lines = [
        f"shadow {report['version']}{' on ' + report['site'] if report['site'] else ''}: "
        f"{report['comments']} comments scored by both the active and the shadow model",
        "",
        "agreement with moderator decisions (a label is the model's 'yes' when it held or rejected for it)",
        f"{'label':<8}{'n':>6}  {'active P / R / F1':<24}{'shadow P / R / F1':<24}",
    ]
    for label, m in report["per_label"].items():
        a, s = m["active"], m["shadow"]
        lines.append(
            f"{label:<8}{m['n']:>6}  "
            f"{_pct(a['precision']) + ' / ' + _pct(a['recall']) + ' / ' + _pct(a['f1']):<24}"
            f"{_pct(s['precision']) + ' / ' + _pct(s['recall']) + ' / ' + _pct(s['f1']):<24}"
        )
    changed = report["changed"]
    lines += ["", f"decisions that would have changed: {changed['total']}"]
    for key, entry in changed["by_direction"].items():
        lines.append(f"  {key:<22} {entry['n']:>6}  ({entry['direction']})")
        for example in changed["examples"].get(key, []):
            lines.append(f"      {example['comment_id'][:8]}  {example['excerpt'][:80]}")
    return "\n".join(lines)


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="raqib shadow", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="precision/recall/F1 per label, changed decisions, examples")
    report.add_argument("--site", help="only this site's comments")
    report.add_argument("--version", help="shadow version (default: the one in shadow, else the last one)")
    report.add_argument("--json", action="store_true", help="one JSON object instead of the tables")
    report.add_argument("--database-url", help="default: the configured DATABASE_URL")
    args = parser.parse_args(argv)
    with session_scope(args.database_url) as session:
        version = args.version or latest_shadow_version(session, get_settings().models_dir)
        if version is None:
            print("raqib shadow: no shadow model yet (raqib models shadow VERSION)", file=sys.stderr)
            return 1
        result = shadow_report(session, version=version, site=args.site)
    print(json.dumps(result, ensure_ascii=False) if args.json else render_text(result))
    return 0
