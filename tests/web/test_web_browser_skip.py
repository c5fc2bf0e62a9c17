"""Without Chromium the browser tests skip and say why (they never fail for it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_when_no_chromium_then_browser_tests_skip_with_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "chromium"
    env = {**os.environ, "INFUSION_CODER_CHROMIUM": str(missing)}
    cmd = [sys.executable, "-m", "pytest", "tests/browser", "-k", "switch_language", "-rs"]
    cmd += ["-p", "no:cacheprovider", "-q"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "SKIPPED [1]" in done.stdout
    assert f"no Chromium at {missing}" in done.stdout
