"""A second library opened in the same process must not drop the first one's file locks.

SQLite's locks are POSIX locks: closing any descriptor of the file drops every lock the process
holds on it. Opening a GeoPackage read its header with open()/close(), so opening a second
connection (a service opening one per worker thread) while the first was writing let another
process write at the same time: "database disk image is malformed".
"""

import subprocess
import sys

import pytest

from tests.library_data import SEG
from yimatong_plugin.core.library import LibraryError, open_library

TRY_WRITE = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    con.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as exc:
    print("refused:", exc)
else:
    print("got the write lock")
    con.execute("ROLLBACK")
"""


def _other_process_write(path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", TRY_WRITE, str(path)], capture_output=True, text=True, timeout=60
    )
    return out.stdout.strip()


def test_opening_again_keeps_the_write_lock(tmp_path):
    path = tmp_path / "lib.gpkg"
    first = open_library(path, user="a")
    with first.transaction():
        first.add_project(first.allocate_code(**SEG), name="x", source="municipal_key")
        assert _other_process_write(path).startswith("refused")
        second = open_library(path, user="b")  # same process, while the first one writes
        assert _other_process_write(path).startswith("refused")
    second.close()
    assert _other_process_write(path) == "got the write lock"
    # closing one of two keeps the other usable and the header check for later opens
    third = open_library(path)
    first.close()
    assert third.counts()["ymt_projects"] == 1
    third.close()
    (tmp_path / "plain.txt").write_text("not a database")
    with pytest.raises(LibraryError) as err:
        open_library(tmp_path / "plain.txt")
    assert err.value.kind == "not_a_geopackage"
