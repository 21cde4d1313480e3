"""docker-compose.yml stays true to the code: its settings exist, its commands name real entry points."""

from __future__ import annotations

import importlib
from typing import Any

import yaml

from service.cli import COMMANDS
from service.config import PROJECT_ROOT, Settings


def _compose() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


def _setting_names() -> set[str]:
    names = {f"RAQIB_{name.upper()}" for name in Settings.model_fields}
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names |= {str(choice) for choice in getattr(alias, "choices", [])}
    return names


def test_every_variable_the_services_get_is_a_setting() -> None:
    compose = _compose()
    known = _setting_names()
    for name in ("api", "worker", "beat", "migrate"):
        env = compose["services"][name]["environment"]
        unknown = set(env) - known
        assert not unknown, f"{name}: {unknown} are not Settings fields (service/config.py)"


def test_commands_name_real_entry_points() -> None:
    services = _compose()["services"]
    api = services["api"]["command"]
    module, _, factory = api[api.index("--factory") - 1].partition(":")
    assert callable(getattr(importlib.import_module(module), factory))
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "service.worker"] and command[3] == name
    migrate = services["migrate"]["command"]
    assert migrate[0] == "raqib" and migrate[1] in COMMANDS
    assert {"redis", "postgres"} <= set(services)


def test_production_redis_keeps_its_queue_across_restarts() -> None:
    redis = _compose()["services"]["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    data_dir = command[command.index("--dir") + 1]
    assert any(str(v).endswith(f":{data_dir}") for v in redis["volumes"]), "the AOF must live on a volume"


def test_api_and_worker_share_the_metrics_directory() -> None:
    services = _compose()["services"]
    dirs = {services[n]["environment"]["PROMETHEUS_MULTIPROC_DIR"] for n in ("api", "worker")}
    assert len(dirs) == 1
    [directory] = dirs
    for name in ("api", "worker"):
        assert any(str(v).endswith(f":{directory}") for v in services[name]["volumes"])


def test_production_refuses_unregistered_sites_and_keeps_no_keys_in_the_environment() -> None:
    services = _compose()["services"]
    for name in ("api", "worker", "beat", "migrate"):
        env = services[name]["environment"]
        assert env["RAQIB_REQUIRE_SITE_KEYS"] == "${RAQIB_REQUIRE_SITE_KEYS:-true}"
        assert "RAQIB_SITE_KEYS" not in env  # keys live hashed in the database (`raqib sites`)
