"""The training side's commands. ``raqib`` finds this table through the ``raqib.commands`` entry point (so the
service never names a training module), and ``raqib-train COMMAND`` runs them on its own. Nothing heavy is
imported until a command runs; without the ``training`` extra (pandas, matplotlib, openpyxl) the commands that
need it say so."""

from __future__ import annotations

import importlib
import sys

# subcommand -> (module, function taking argv and returning an exit code, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "train": (
        "training.train",
        "cli",
        "train spam/toxicity models and write a candidate version into models/",
    ),
    "evaluate": ("training.evaluate", "cli", "score a labelled CSV, or --compare two model versions"),
    "score": ("training.score_cli", "cli", "score texts and print JSON with probabilities and spans"),
    "models": ("training.models_cli", "cli", "model registry: list, promote (gated), rollback, shadow"),
    "promote": ("training.models_cli", "promote_alias", "the same as 'raqib models promote VERSION'"),
    "rollback": ("training.models_cli", "rollback_alias", "the same as 'raqib models rollback'"),
    "bench": ("training.bench", "cli", "benchmarks: 'raqib bench model'"),
}


def main(argv: list[str] | None = None) -> int:
    """``raqib-train COMMAND [ARGS]``."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        lines = ["usage: raqib-train COMMAND [ARGS]", "", "commands:"]
        lines += [f"  {name:<10} {help_}" for name, (_, _, help_) in COMMANDS.items()]
        print("\n".join(lines), file=sys.stderr if args and args[0] not in {"-h", "--help"} else sys.stdout)
        return 0 if not args or args[0] in {"-h", "--help"} else 2
    module_name, func_name, _ = COMMANDS[args[0]]
    return int(getattr(importlib.import_module(module_name), func_name)(args[1:]) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
