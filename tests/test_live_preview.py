"""`mkdocs serve` rebuilds when data/ or macros/ change."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

from conftest import MKDOCS, own_core
from ledger import record


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.1)  # a rebuild is seen within a tenth of a second
    return False


def test_serve_rebuilds_on_data_and_core_changes(project_copy):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_PDF="0", **own_core(project_copy))
    env.pop("GUIDE_DISTRICT", None)
    record("serve", str(project_copy))
    server = subprocess.Popen(MKDOCS + ["serve", "-a", f"127.0.0.1:{port}"], cwd=project_copy, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/informational-interview/checklist/"
    try:
        assert wait_for(url, "Arrange for learner transportation"), "serve did not start"

        profile = project_copy / "data/districts/earn-and-learn.yml"
        profile.write_text(profile.read_text(encoding="utf-8").replace("learner: learner", "learner: trainee"),
                           encoding="utf-8")
        assert wait_for(url, "Arrange for trainee transportation"), "no rebuild after a data change"

        template = project_copy / "macros/templates/checklist.md.j2"
        template.write_text(template.read_text(encoding="utf-8").replace(
            "{{ heading(section, key, level) }}", "{{ heading(section, key, level) }}\n\nPreview marker 4711.\n", 1),
            encoding="utf-8")
        assert wait_for(url, "Preview marker 4711."), "no rebuild after a change in macros/"
    finally:
        server.terminate()
        server.wait(timeout=20)
