"""The ``raqib`` command: a dispatcher. Each subcommand lives in the module that owns it and parses its own
arguments, so this file stays a table and nothing heavy is imported until a command runs.

Commands of other parts of the project (the training side's ``train``, ``evaluate``, ``models`` …) come from
the ``raqib.commands`` entry points: each names a table shaped like COMMANDS, so the service never names
their modules.
"""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import entry_points

# subcommand -> (module, function taking argv and returning an exit code, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "db": ("service.migrations_cli", "cli", "database migrations: 'raqib db upgrade'"),
    "users": ("service.moderation.users_cli", "cli", "moderator accounts: 'raqib users create ...'"),
    "sites": ("service.sites.cli", "cli", "news sites and their keys: 'raqib sites create NAME'"),
    "labels": ("service.moderation.labels_cli", "cli", "export moderator labels for retraining"),
    "webhooks": ("service.webhooks.cli", "cli", "signed webhooks: 'raqib webhooks set SITE --url URL'"),
    "authors": (
        "service.moderation.authors_cli",
        "cli",
        "data-subject requests: export / forget one commenter",
    ),
    "thresholds": (
        "service.site_policy.thresholds_cli",
        "cli",
        "per-site lines from moderators' decisions: 'raqib thresholds suggest --site S'",
    ),
    "rescore": ("service.comments.rescore_cli", "cli", "re-queue comments for the active model"),
    "shadow": (
        "service.shadow.report_cli",
        "cli",
        "the shadow model against moderators: 'raqib shadow report'",
    ),
}
ENTRY_POINTS = "raqib.commands"


def all_commands() -> dict[str, tuple[str, str, str]]:
    """This table, then every installed plugin's (a plugin cannot replace a service command)."""
    found = dict(COMMANDS)
    for entry in entry_points(group=ENTRY_POINTS):
        for name, row in entry.load().items():
            found.setdefault(name, row)
    return found


def _usage(commands: dict[str, tuple[str, str, str]]) -> str:
    lines = ["usage: raqib COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, _, help_) in commands.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    commands = all_commands()
    if not args or args[0] in {"-h", "--help"}:
        print(_usage(commands))
        return 0
    name, rest = args[0], args[1:]
    if name not in commands:
        print(f"raqib: unknown command {name!r}\n\n{_usage(commands)}", file=sys.stderr)
        return 2
    module_name, func_name, _ = commands[name]
    try:
        func = getattr(importlib.import_module(module_name), func_name)
    except ModuleNotFoundError as exc:
        print(
            f"raqib {name}: needs {exc.name!r}, which this installation lacks (the training side's commands "
            "need the 'training' extra: pip install 'raqib[training]')",
            file=sys.stderr,
        )
        return 2
    return int(func(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
