"""``raqib labels export``: moderator decisions as a CSV the data team can train on."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from service.db import session_scope
from service.moderation.labels_export import export_labels

COLUMNS = (
    "comment_id",
    "text",
    "spam",
    "toxic",
    "site",
    "decision",
    "decided_at",
    "decided_by",
    "model_version",
)


def _cell(value: object) -> str:
    # Labels are tri-state: an empty cell means the moderator said nothing about that label.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def write_labels_csv(rows: list[dict[str, object]], out: Path) -> int:
    """Write the exported rows to ``out``; return how many were written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(row.get(col)) for col in COLUMNS])
    return len(rows)


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="raqib labels", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="write moderator labels to a CSV file")
    export.add_argument("--out", type=Path, required=True, help="CSV file to write")
    export.add_argument("--database-url", default=None, help="default: the configured DATABASE_URL")
    args = parser.parse_args(argv)
    with session_scope(args.database_url) as session:
        rows = export_labels(session)
    count = write_labels_csv(rows, args.out)
    print(f"raqib labels: wrote {count} labelled comments to {args.out}", file=sys.stderr)
    return 0
