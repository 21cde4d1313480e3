"""Sites and keys end to end: `raqib sites` against PostgreSQL, a real API and worker checking the keys it
made (valid, wrong, rotated inside and after the grace period, revoked), status reads with and without
credentials, the production stack refusing unregistered sites, and the old RAQIB_SITE_KEYS imported."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa

from service.config import PROJECT_ROOT
from service.processes import Service, service_env, start_api

from .helpers import comment, read, submit, wait_decided
from .procs import Stack


def raqib_sites(stack: Stack, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`raqib sites ARGS` as an operator runs it, on the stack's database."""
    environment = service_env(stack.database_url, stack.redis.url(stack.redis_db), **env)
    return subprocess.run(
        [sys.executable, "-m", "service.cli", "sites", *args],
        env=environment,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def created_key(stack: Stack, name: str, *extra: str) -> str:
    done = raqib_sites(stack, "create", name, *extra)
    assert done.returncode == 0, done.stderr
    key = done.stdout.strip()
    assert key.startswith("rqs_") and len(key) > 40 and "\n" not in key  # the key alone on stdout
    return key


def unique_site() -> str:
    return f"site-{uuid.uuid4().hex[:8]}.example"


def code(answer: httpx.Response) -> str:
    return str(answer.json()["errors"][0]["code"])


def test_keys_made_by_the_cli_open_the_api_and_nothing_else(stack: Stack) -> None:
    site = unique_site()
    key = created_key(stack, site.upper(), "--title", "جريدة الاختبار")  # stored normalised
    data = comment(site=site)
    assert code(submit(stack.base, data)) == "site_key_missing"
    assert code(submit(stack.base, data, **{"X-Raqib-Site-Key": key[:-2] + "zz"})) == "site_key_invalid"
    other = created_key(stack, unique_site())
    assert code(submit(stack.base, data, **{"X-Raqib-Site-Key": other})) == "site_key_invalid"
    answer = submit(stack.base, comment(site=site + "\u200b"), **{"X-Raqib-Site-Key": key})
    assert answer.status_code == 202, answer.text
    accepted = answer.json()
    decided = wait_decided(stack.base, accepted["id"])  # through the read token
    assert decided["site"] == site and decided["scores"]

    url = f"{stack.base}/v1/comments/{accepted['id']}"
    anonymous = httpx.get(url)
    assert anonymous.status_code == 401 and code(anonymous) == "read_credentials_missing"
    assert decided["body"] not in anonymous.text
    assert httpx.get(url, headers={"X-Raqib-Site-Key": key}).json()["scores"] == decided["scores"]
    assert httpx.get(url, headers={"X-Raqib-Site-Key": other}).status_code == 404
    assert httpx.get(url, headers={"X-Raqib-Read-Token": "rqr_" + "x" * 32}).status_code == 404

    listed = raqib_sites(stack, "list")
    assert listed.returncode == 0 and site in listed.stdout and "جريدة الاختبار" in listed.stdout
    assert key[:12] in listed.stdout and key not in listed.stdout and key not in listed.stderr


def test_rotation_grace_period_and_revocation(stack: Stack) -> None:
    site = unique_site()
    old = created_key(stack, site)
    rotated = raqib_sites(stack, "rotate-key", site, "--grace", "3s")
    assert rotated.returncode == 0, rotated.stderr
    new = rotated.stdout.strip()
    started = time.monotonic()
    assert submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": old}).status_code == 202
    assert submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": new}).status_code == 202
    assert time.monotonic() - started < 3, "the machine was too slow to test inside the grace period"
    time.sleep(max(0.0, 3.2 - (time.monotonic() - started)))
    assert code(submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": old})) == "site_key_invalid"
    assert submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": new}).status_code == 202

    # The default grace is RAQIB_SITE_KEY_GRACE_SECONDS: 0 here ends the old key at once.
    newest = raqib_sites(stack, "rotate-key", site, RAQIB_SITE_KEY_GRACE_SECONDS="0").stdout.strip()
    assert code(submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": new})) == "site_key_invalid"
    accepted = submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": newest}).json()

    assert raqib_sites(stack, "revoke", site).returncode == 0
    refused = submit(stack.base, comment(site=site), **{"X-Raqib-Site-Key": newest})
    assert refused.status_code == 401 and code(refused) == "site_revoked"
    assert read(stack.base, accepted["id"]).status_code == 200  # its own token still reads it
    assert raqib_sites(stack, "rotate-key", site).returncode == 1  # a revoked site gets no new key
    assert raqib_sites(stack, "create", site).returncode == 1  # nor is it registered again

    engine = sa.create_engine(stack.database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT action, actor FROM moderation_admin_changes WHERE site = :s ORDER BY id"),
                {"s": site},
            ).all()
    finally:
        engine.dispose()
    actions = [action for action, _ in rows]
    assert actions == ["site_create", "site_rotate_key", "site_rotate_key", "site_revoke"]
    assert all(actor.startswith("cli:") for _, actor in rows)


def test_the_production_stack_refuses_unregistered_sites_and_imports_old_keys(
    stack: Stack, artifacts: Path, services: list[Service]
) -> None:
    env = service_env(stack.database_url, stack.redis.url(stack.redis_db), RAQIB_REQUIRE_SITE_KEYS="true")
    api, base = start_api(env, artifacts / "required-keys-api.log")
    services.append(api)
    legacy_site, legacy_key = unique_site(), "legacy-" + uuid.uuid4().hex
    refused = submit(base, comment(site=legacy_site), **{"X-Raqib-Site-Key": legacy_key})
    assert refused.status_code == 401 and code(refused) == "site_not_registered"

    old_env = {"RAQIB_SITE_KEYS": f'{{"{legacy_site.upper()}": "{legacy_key}"}}'}
    imported = raqib_sites(stack, "import-env", **old_env)
    assert imported.returncode == 0 and f"{legacy_site}\timported" in imported.stderr
    assert f"{legacy_site}\tpresent" in raqib_sites(stack, "import-env", **old_env).stderr  # idempotent
    assert submit(base, comment(site=legacy_site), **{"X-Raqib-Site-Key": legacy_key}).status_code == 202
    engine = sa.create_engine(stack.database_url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT key_hash, prefix FROM site_keys")).all()
    finally:
        engine.dispose()
    assert all(legacy_key not in f"{h}{p}" for h, p in stored)  # hashed; the shown prefix is short
