"""The real server: ``infusion-coder serve`` in a subprocess on a free loopback port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, str]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "INFUSION_CODER_API_KEY"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "infusion_coder", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"server exited early: {out}")
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not answer within 60 s")
        first_line = proc.stdout.readline().decode() if proc.stdout else ""
        yield url, first_line
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()


def test_the_server_prints_its_url_and_answers_over_http(server: tuple[str, str]) -> None:
    url, first_line = server
    assert url in first_line
    with httpx.Client(base_url=url, timeout=10) as http:
        assert http.get("/api/v1/health").json()["ok"] is True
        hits = http.get("/api/v1/search", params={"q": "kvo"}).json()["hits"]
        assert hits[0]["code"] == "HYD001"
        case: dict[str, Any] = json.loads((ROOT / "examples" / "case-chemo-visit.json").read_text())
        result = http.post("/api/v1/code", json=case).json()
        assert "96413" in [line["code"] for line in result["lines"]]
        missing = http.get("/api/v1/rules/NOPE1")
        assert missing.status_code == 404 and missing.json()["ok"] is False


def test_the_serve_command_refuses_a_public_host_without_a_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "INFUSION_CODER_API_KEY"}
    done = subprocess.run(
        [sys.executable, "-m", "infusion_coder", "serve", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "INFUSION_CODER_API_KEY" in done.stderr and "Traceback" not in done.stderr
