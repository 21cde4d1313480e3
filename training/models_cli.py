"""``raqib models list|promote|rollback|shadow``: the data team's door to the model registry.

    raqib models list
    raqib models promote VERSION [--force] [--dry-run] [--data-dir DIR]   gated against the active model
    raqib models rollback                                                 back to the version active before
    raqib models shadow VERSION | --off                                   score beside the active model

Every change is recorded in the database (model_changes and the audit log) before the files change; workers
switch between jobs within seconds (service.comments.scoring_service.get_scorer), no restart needed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from service.config import get_settings
from service.db import session_scope
from service.scoring import registry
from service.scoring.artifact import ArtifactError, verify_artifact
from service.scoring.registry_record import Role, record_change, recorded_version
from training.settings import get_training_settings

RELOAD_NOTE = "workers switch to it between jobs within a few seconds; no restart needed"


def _models_dir(value: Path | None) -> Path:
    return value or get_training_settings().models_dir


def _actor(value: str | None) -> str:
    return value or f"cli:{getpass.getuser()}"


def list_cli(args: argparse.Namespace) -> int:
    models_dir = _models_dir(args.models)
    rows = registry.list_versions(models_dir)
    if not rows:
        print(f"no model versions in {models_dir}")
        return 0
    for info in rows:
        role = "active" if info.active else "shadow" if info.shadow else ""
        metrics = ", ".join(f"{k} {v:.4f}" for k, v in info.metrics.items()) or (info.problem or "")
        print(
            f"{'*' if info.active else ' '} {info.version:<28} {role:<7} "
            f"{info.created_at or '?':<26} {metrics}"
        )
    try:
        with session_scope(args.database_url) as session:
            recorded = recorded_version(session, Role.ACTIVE)
    except SQLAlchemyError as exc:  # the listing still helps; say why the record is missing
        print(f"note: no registry record in the database ({type(exc).__name__}; run `raqib db upgrade`?)")
        recorded = None
    active = registry.active_version(models_dir)
    if recorded is not None and recorded != active:
        print(f"warning: the database recorded {recorded} as active, {models_dir}/CURRENT says {active}")
    pinned = get_settings().model_version
    if pinned:
        print(f"note: RAQIB_MODEL_VERSION pins {pinned}: the service serves it whatever CURRENT says")
    return 0


def _gate(args: argparse.Namespace, models_dir: Path, active: str) -> dict | None:
    """Run and print the gate; None when it cannot run (the caller refuses unless --force)."""
    from training.evaluate import EvaluationError, load_version
    from training.frozen_set import frozen_set, held_out_for
    from training.gate import print_gate, run_gate
    from training.tables import json_safe

    settings = get_settings()
    try:
        a, b = load_version(models_dir, active), load_version(models_dir, args.version)
        frozen = frozen_set(b.manifest, b.name, args.data_dir or get_training_settings().data_dir)
    except EvaluationError as exc:
        print(f"raqib models promote: cannot run the gate: {exc}", file=sys.stderr)
        return None
    held_out_for(frozen, a.name, a.manifest, b.manifest)
    overrides = {
        key: getattr(settings, f"{key}_threshold", None)
        for key in ("spam_hold", "spam_reject", "toxicity_hold", "hate_hold", "vulgar_hold")
    }
    result = run_gate(a, b, frozen, overrides)
    print_gate(result)
    return json_safe(result.as_json())


def promote_cli(args: argparse.Namespace) -> int:
    models_dir = _models_dir(args.models)
    try:
        verify_artifact(registry.resolve_model_dir(models_dir, args.version))
    except ArtifactError as exc:
        print(f"raqib models promote: refused: {exc}", file=sys.stderr)
        return 1
    active = registry.active_version(models_dir)
    if active == args.version:
        print(f"{args.version} is already active")
        return 0
    details: dict = {"gate": "no active model to compare with"} if active is None else {}
    if active is not None:
        gate = _gate(args, models_dir, active)
        details = gate if gate is not None else {"gate": "could not run", "refused_on": ["gate_not_run"]}
    refused = details.get("refused_on", [])
    if args.dry_run:
        print(f"dry run: {args.version} {'needs --force' if refused else 'passes the gate'}; nothing changed")
        return 0
    if refused and not args.force:
        print(
            f"raqib models promote: refused: {args.version} is worse than {active} on {', '.join(refused)}; "
            "--force promotes it anyway (recorded)",
            file=sys.stderr,
        )
        return 1
    forced = bool(refused)
    with session_scope(args.database_url) as session:
        record_change(
            session,
            actor=_actor(args.by),
            action="promote",
            role=Role.ACTIVE,
            from_version=active,
            to_version=args.version,
            forced=forced,
            details=details,
        )
        if registry.shadow_version(models_dir) == args.version:
            record_change(
                session, actor=_actor(args.by), action="shadow_off", role=Role.SHADOW,
                from_version=args.version, to_version=None,
            )  # fmt: skip
        session.flush()
        registry.promote(models_dir, args.version)  # the files change only once the record is in
    print(
        f"active: {args.version} (was {active or 'none'}{', forced past the gate' if forced else ''}); "
        + RELOAD_NOTE
    )
    return 0


def rollback_cli(args: argparse.Namespace) -> int:
    models_dir = _models_dir(args.models)
    versions = [v for v in registry.history(models_dir) if (models_dir / v).is_dir()]
    if not versions:
        print(
            f"raqib models rollback: {models_dir}/HISTORY: no earlier version to roll back to",
            file=sys.stderr,
        )
        return 1
    try:
        verify_artifact(models_dir / versions[-1])
    except ArtifactError as exc:
        print(f"raqib models rollback: refused: {exc}", file=sys.stderr)
        return 1
    active = registry.active_version(models_dir)
    with session_scope(args.database_url) as session:
        record_change(
            session, actor=_actor(args.by), action="rollback", role=Role.ACTIVE,
            from_version=active, to_version=versions[-1],
        )  # fmt: skip
        session.flush()
        version, _ = registry.rollback(models_dir)
    print(f"active: {version} (was {active or 'none'}); {RELOAD_NOTE}")
    return 0


def shadow_cli(args: argparse.Namespace) -> int:
    models_dir = _models_dir(args.models)
    if (args.version is None) == (not args.off):
        print("raqib models shadow: give a VERSION or --off", file=sys.stderr)
        return 2
    old = registry.shadow_version(models_dir)
    try:
        if args.version is not None:
            registry.check_version_name(models_dir, args.version)
            verify_artifact(registry.resolve_model_dir(models_dir, args.version))
            if args.version == registry.active_version(models_dir):
                raise ArtifactError(f"{args.version} is the active version: a shadow must be another one")
    except ArtifactError as exc:
        print(f"raqib models shadow: refused: {exc}", file=sys.stderr)
        return 1
    with session_scope(args.database_url) as session:
        record_change(
            session, actor=_actor(args.by), action="shadow" if args.version else "shadow_off",
            role=Role.SHADOW, from_version=old, to_version=args.version,
        )  # fmt: skip
        session.flush()
        registry.set_shadow(models_dir, args.version)
    if args.version:
        print(
            f"shadow: {args.version} (was {old or 'none'}): it scores every new comment and decides nothing"
        )
    else:
        print(f"shadow mode ended (was {old or 'none'})")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib models", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--models", type=Path, help="models folder (default: settings models_dir)")
    common.add_argument("--database-url", help="default: the configured DATABASE_URL")
    common.add_argument("--by", help="who makes the change, for the record (default: cli:<login name>)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", parents=[common], help="versions, dates, key metrics, active and shadow")
    promote = sub.add_parser("promote", parents=[common], help="gate a candidate, then make it active")
    promote.add_argument("version")
    promote.add_argument("--force", action="store_true", help="promote even if the gate refuses (recorded)")
    promote.add_argument(
        "--dry-run", action="store_true", help="show the gate and the threshold changes only"
    )
    promote.add_argument("--data-dir", type=Path, help="data folder of the frozen evaluation set")
    sub.add_parser("rollback", parents=[common], help="return to the version active before")
    shadow = sub.add_parser("shadow", parents=[common], help="score every new comment with VERSION too")
    shadow.add_argument("version", nargs="?")
    shadow.add_argument("--off", action="store_true", help="end shadow mode")
    return parser


def cli(argv: list[str]) -> int:
    """Entry point of ``raqib models``."""
    args = _parser().parse_args(argv)
    handler = {"list": list_cli, "promote": promote_cli, "rollback": rollback_cli, "shadow": shadow_cli}
    return handler[args.command](args)


def promote_alias(argv: list[str]) -> int:
    """``raqib promote VERSION``: the same as ``raqib models promote``."""
    return cli(["promote", *argv])


def rollback_alias(argv: list[str]) -> int:
    """``raqib rollback``: the same as ``raqib models rollback``."""
    return cli(["rollback", *argv])
