"""The running site never loads the developer tooling (dev/): production does not install it, and no module
of an installed app imports it. Checked in a fresh process under the production settings."""

import json
import subprocess

from dev.stack import PYTHON, ROOT, production_env


def test_production_loads_every_app_module_and_url_without_the_developer_tooling(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    result = subprocess.run(
        [PYTHON, str(ROOT / "tests" / "portal" / "runtime_modules.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"portal", "meetings", "agreements", "search", "desk"} <= set(report["apps"])
    assert report["installed"] == []
    assert report["commands"] == []
    assert report["tooling_modules"] == []
