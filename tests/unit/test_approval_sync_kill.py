"""A sync killed with SIGKILL half-way through its writes leaves the library as it was
(GeoPackage and PostGIS): the run is one transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_approval_sync import make_library, snapshot, write_source
from yimatong_plugin.core.library import open_library

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys, time
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.approval_sync import run_sync

lib = open_library(sys.argv[1], user="sync")

def progress(percent):
    if percent >= 50:  # some records are written (uncommitted): stop here until killed
        print("HALF", flush=True)
        time.sleep(600)

run_sync(lib, sys.argv[2], progress=progress)
print("DONE", flush=True)
"""


@pytest.mark.parametrize("backend", ["gpkg", "postgis"])
def test_sigkill_half_way_leaves_the_library_unchanged(backend, tmp_path, request):
    server = None
    if backend == "gpkg":
        uri = str(tmp_path / "lib.gpkg")
        source = write_source("sqlite", tmp_path)
    else:
        server = request.getfixturevalue("postgis_server")
        uri = server.new_database()
        source = write_source("postgres", tmp_path, server)
    lib = open_library(uri, user="sync")
    make_library(lib)
    before = snapshot(lib)
    lib.close()
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, uri, source],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline().strip()
        assert line == "HALF", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    lib = open_library(uri, user="check")
    try:
        assert snapshot(lib) == before
        assert lib.query("SELECT count(*) AS n FROM ymt_events")[0]["n"] == 0
    finally:
        lib.close()
