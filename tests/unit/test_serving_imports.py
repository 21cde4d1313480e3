"""Serving never imports the training side: the API (with every router) and the worker (with every task
module) load with training/, pandas, matplotlib and openpyxl made unimportable, as in the serving image
(scikit-learn imports pandas only when it is installed, so the dev environment cannot simply be inspected)."""

from __future__ import annotations

import subprocess
import sys

from service.config import PROJECT_ROOT

PROBE = """
import sys

BLOCKED = {"training", "pandas", "matplotlib", "openpyxl"}


class Block:
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


sys.meta_path.insert(0, Block())
from service.app import create_app
from service.worker import app

create_app()
app.loader.import_default_modules()
import service.cli, service.comments.rescore_cli, service.shadow.report_cli
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)))
"""


def test_api_and_worker_import_no_training_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "", f"serving imported: {done.stdout.strip()}"


def test_service_code_names_no_training_module() -> None:
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "service").rglob("*.py")
        if "training." in path.read_text(encoding="utf-8")
        or "import training" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
