"""``raqib labels export``: moderator decisions as a CSV the data team can train on."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from service.cli_args import since_date
from service.db import session_scope
from service.moderation.labels_export import LabelExport, export_labels

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


def summary(export: LabelExport) -> str:
    """What the export holds, kind by kind, for the operator."""
    c = export.counts
    return (
        f"{c['rows']} rows: approved {c['decision_approved']}, rejected {c['decision_rejected']}, "
        f"label only {c['decision_label_only']}; spam 1/0: {c['spam_1']}/{c['spam_0']}, "
        f"toxic 1/0: {c['toxic_1']}/{c['toxic_0']}; conflicts {c['conflicts']} (explicit marks, then the "
        f"latest decision, win); skipped: {c['skipped_no_label']} without a label, "
        f"{c['skipped_no_text']} without text"
    )


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="raqib labels", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="write moderator labels to a CSV file")
    export.add_argument("--out", type=Path, required=True, help="CSV file to write")
    export.add_argument("--since", type=since_date, help="only decisions taken from this date (UTC) on")
    export.add_argument("--site", help="only this site's comments")
    export.add_argument("--database-url", default=None, help="default: the configured DATABASE_URL")
    args = parser.parse_args(argv)
    with session_scope(args.database_url) as session:
        result = export_labels(session, since=args.since, site=args.site)
    count = write_labels_csv(result.rows, args.out)
    print(f"raqib labels: wrote {count} labelled comments to {args.out}", file=sys.stderr)
    print(f"raqib labels: {summary(result)}", file=sys.stderr)
    return 0
