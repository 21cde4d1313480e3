"""CPU per decided comment (API + worker), this tree and another one (the previous commit) side by side.

    git worktree add /tmp/perf-base <commit> && make -C /tmp/perf-base install     # the other tree
    .venv/bin/python scripts/bench_cpu.py --base /tmp/perf-base

For each tree in turn (base, this, base, this ... ``--rounds`` times, so that a change in the machine's
load hits both alike), a child process run by THAT tree's Python starts that tree's API and worker
(service.processes; the worker as docker-compose.yml runs it: prefork pool of 2) on a scratch PostgreSQL
database and a private redis-server, sends ``--warmup`` comments, then ``--comments`` more at ``--rate`` per
second (open loop, the same load generator and bodies for both trees), waits until every one has its stored
decision, and reads the CPU time (utime + stime, and that of waited-for children) of every process of the
API's and the worker's process groups from /proc before and after. PostgreSQL, Redis and the load generator
are not counted. Ends with ONE JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid: int) -> tuple[float, float]:
    """utime + stime + cutime + cstime (seconds) of process ``pgid``, and of the others of its group."""
    leader = others = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[2]) == pgid:  # fields[0] is the state; 1 ppid, 2 pgrp
            ticks = sum(int(x) for x in fields[11:15])
            if int(entry.name) == pgid:
                leader += ticks
            else:
                others += ticks
    return leader / CLK_TCK, others / CLK_TCK


def measure(tree: Path, args: argparse.Namespace) -> dict[str, object]:
    """Run in a child process whose Python is ``tree``'s: that tree's services, this tree's load generator."""
    sys.path.insert(0, str(HERE))
    from scripts.bench_load import open_loop  # this tree's: the same load for both trees

    sys.path.remove(str(HERE))
    sys.path.insert(0, str(tree))
    import psycopg

    from service.processes import RedisServer, Service, service_env, start_api, start_worker
    from service.scratch_db import ScratchDatabase

    db = ScratchDatabase.create("raqib_cpu", args.admin_dsn)
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / db.name
    workdir.mkdir(parents=True, exist_ok=True)
    broker = RedisServer(workdir / "redis")
    broker.start()
    services: list[Service] = []

    def wait_decided(ids: list[str]) -> int:
        deadline = time.monotonic() + args.timeout
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            while True:
                row = conn.execute(
                    "SELECT count(*) FROM comments WHERE id = ANY(%s) AND status <> 'queued'", (ids,)
                ).fetchone()
                done = int(row[0]) if row else 0
                if done == len(ids) or time.monotonic() > deadline:
                    return done
                time.sleep(0.1)

    try:
        extra = dict(item.split("=", 1) for item in args.env)
        env = service_env(db.url, broker.url(), RAQIB_LOG_LEVEL="WARNING", **extra)
        api, base = start_api(env, workdir / "api.log", ["--no-access-log", "--log-level", "warning"])
        services.append(api)
        worker = start_worker({**env, "RAQIB_LOG_LEVEL": "INFO"}, workdir / "worker.log", args.pool,
                              args.concurrency)  # fmt: skip
        services.append(worker)
        warm = asyncio.run(open_loop(base, args.rate, args.warmup / args.rate))
        wait_decided(warm.ids)
        time.sleep(1)
        api0, worker0 = sum(group_cpu_seconds(api.proc.pid)), group_cpu_seconds(worker.proc.pid)
        started = time.monotonic()
        sent = asyncio.run(open_loop(base, args.rate, args.comments / args.rate))
        decided = wait_decided(sent.ids)
        elapsed = time.monotonic() - started
        api_s = sum(group_cpu_seconds(api.proc.pid)) - api0
        parent, children = group_cpu_seconds(worker.proc.pid)
        parent_s, children_s = parent - worker0[0], children - worker0[1]
        worker_s = parent_s + children_s
        per = max(1, decided)
        return {
            "tree": str(tree),
            "accepted": len(sent.ids),
            "failed": sent.failures,
            "decided": decided,
            "seconds": round(elapsed, 1),
            "api_ms": round(api_s * 1000 / per, 3),
            "worker_ms": round(worker_s * 1000 / per, 3),
            "worker_parent_ms": round(parent_s * 1000 / per, 3),
            "worker_children_ms": round(children_s * 1000 / per, 3),
            "total_ms": round((api_s + worker_s) * 1000 / per, 3),
            "loadavg": Path("/proc/loadavg").read_text().split()[0],
        }
    finally:
        for service in services:
            service.stop()
        broker.stop()
        db.drop()


def run_tree(tree: Path, args: argparse.Namespace) -> dict[str, object]:
    python = tree / ".venv" / "bin" / "python"
    if not python.is_file():
        raise SystemExit(f"{python} not found: run `make install` in {tree}")
    command = [str(python), str(Path(__file__).resolve()), "--measure", str(tree), "--rate", str(args.rate),
               "--comments", str(args.comments), "--warmup", str(args.warmup), "--pool", args.pool,
               "--concurrency", str(args.concurrency), "--timeout", str(args.timeout),
               "--admin-dsn", args.admin_dsn, *(f"--env={item}" for item in args.env)]  # fmt: skip
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"measuring {tree} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=Path, help="the other tree (a worktree of the previous commit)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--comments", type=int, default=4000)
    parser.add_argument("--rate", type=float, default=200.0, help="comments per second (open loop)")
    parser.add_argument("--warmup", type=int, default=400, help="comments sent before measuring")
    parser.add_argument("--pool", default="prefork", help="worker pool, as in docker-compose.yml")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for the decisions")
    parser.add_argument("--admin-dsn", default="host=127.0.0.1 port=5432 dbname=test user=postgres")
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="a setting for both trees' services"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure.resolve(), args)), flush=True)
        return 0
    trees = [args.base.resolve(), HERE] if args.base else [HERE]
    results: dict[str, list[dict[str, object]]] = {str(t): [] for t in trees}
    print(f"cpu: {args.comments} comments at {args.rate:.0f}/s per run, worker pool {args.pool} "
          f"x{args.concurrency}, {args.rounds} rounds", flush=True)  # fmt: skip
    for round_no in range(1, args.rounds + 1):
        for tree in trees:
            result = run_tree(tree, args)
            results[str(tree)].append(result)
            print(
                f"cpu: round {round_no} {tree.name}: {result['total_ms']} ms per decided comment "
                f"(API {result['api_ms']} + worker {result['worker_ms']}: parent "
                f"{result['worker_parent_ms']}, pool processes {result['worker_children_ms']}); "
                f"{result['decided']}/{result['accepted']} decided, {result['failed']} failed, "
                f"load {result['loadavg']}",
                flush=True,
            )
    summary: dict[str, object] = {}
    for tree, runs in results.items():
        name = "this" if Path(tree) == HERE else "base"
        summary[f"{name}_total_ms"] = round(statistics.median(float(r["total_ms"]) for r in runs), 3)
        summary[f"{name}_api_ms"] = round(statistics.median(float(r["api_ms"]) for r in runs), 3)
        summary[f"{name}_worker_ms"] = round(statistics.median(float(r["worker_ms"]) for r in runs), 3)
    if args.base:
        summary["ratio"] = round(float(summary["this_total_ms"]) / float(summary["base_total_ms"]), 3)
        print(
            f"cpu: median {summary['this_total_ms']} ms per comment here vs {summary['base_total_ms']} ms in "
            f"{args.base} (ratio {summary['ratio']})"
        )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
