"""The ``raqib`` command: a dispatcher. Each subcommand lives in the module that owns it and parses its own
arguments, so this file stays a table and nothing heavy is imported until a command runs."""

from __future__ import annotations

import importlib
import sys

# subcommand -> (module, function taking argv and returning an exit code, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "train": ("training.train", "cli", "train spam/toxicity models and write a new version into models/"),
    "evaluate": ("training.evaluate", "cli", "score a labelled CSV, or --compare two model versions"),
    "score": ("training.score_cli", "cli", "score texts and print JSON with probabilities and spans"),
    "promote": ("training.models_cli", "promote_alias", "the same as 'raqib models promote VERSION'"),
    "rollback": ("training.models_cli", "rollback_alias", "the same as 'raqib models rollback'"),
    "bench": ("training.bench", "cli", "benchmarks: 'raqib bench model'"),
    "db": ("service.migrations_cli", "cli", "database migrations: 'raqib db upgrade'"),
    "users": ("service.moderation.users_cli", "cli", "moderator accounts: 'raqib users create ...'"),
    "labels": ("service.moderation.labels_cli", "cli", "export moderator labels for retraining"),
    "authors": (
        "service.moderation.authors_cli",
        "cli",
        "data-subject requests: export / forget one commenter",
    ),
    "models": ("training.models_cli", "cli", "model registry: list, promote (gated), rollback, shadow"),
    "rescore": ("service.comments.rescore_cli", "cli", "re-queue comments for the active model"),
    "shadow": (
        "service.shadow.report_cli",
        "cli",
        "the shadow model against moderators: 'raqib shadow report'",
    ),
}


def _usage() -> str:
    lines = ["usage: raqib COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, _, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        print(_usage())
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"raqib: unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    module_name, func_name, _ = COMMANDS[name]
    func = getattr(importlib.import_module(module_name), func_name)
    return int(func(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
