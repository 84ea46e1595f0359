"""Start the real exchange service (``python -m yimatong_plugin.service serve``) in a subprocess on
a free loopback port, over a given library, and register API clients with ``add-client``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
ALL_SCOPES = "read,stages,results,registrations,allocate"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("PROJ_DATA", "/usr/share/proj")
    return env


def add_client(library: str, name: str, scopes: str = ALL_SCOPES) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "yimatong_plugin.service", "add-client", name]
        + ["--library", str(library), "--scopes", scopes],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


class Service:
    def __init__(self, library: str, *extra: str, workers: int = 1):
        self.library = str(library)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = self.url + "/api/v1"
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"ymt-service-{self.port}.log"
        cmd = [sys.executable, "-m", "yimatong_plugin.service", "serve", "--library"]
        cmd += [self.library, "--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--workers", str(workers), "--log-level", "warning", *extra]
        self._log = open(self.log, "wb")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=_env())
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("the service exited: " + self.log.read_text(errors="replace"))
            try:
                if requests.get(self.url + "/openapi.json", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the service did not start: " + self.log.read_text())
            time.sleep(0.2)

    def session(self, key: str) -> requests.Session:
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {key}"
        return s

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
