"""Worker processes for the library concurrency and crash tests (importable under spawn)."""

from __future__ import annotations

import os
import time

from tests.library_data import SEG, SQUARE


def _signal(path: str, text: str) -> None:
    """Write ``text`` to ``path`` in one step: the test waits for the file to exist and reads it
    at once (an open-then-write let it read an empty file under load)."""
    with open(path + ".tmp", "w") as fh:
        fh.write(text)
    os.replace(path + ".tmp", path)


def allocate_many(args) -> tuple[list[str], list[str]]:
    """Open the library, wait for the common start time, allocate ``n`` codes.
    Returns (codes, errors)."""
    uri, n, start_at = args
    from yimatong_plugin.core.library import open_library

    lib = open_library(uri, user=f"worker{os.getpid()}")
    codes, errors = [], []
    while time.time() < start_at:
        time.sleep(0.001)
    for _ in range(n):
        try:
            codes.append(str(lib.allocate_code(**SEG)))
        except Exception as exc:  # reported to the test, which fails on any
            errors.append(repr(exc))
    lib.close()
    return codes, errors


def write_forever(uri: str, ready_path: str) -> None:
    """Write complete projects (code + project + parcel + event in one transaction) until killed."""
    from yimatong_plugin.core.library import open_library

    lib = open_library(uri, user="writer")
    i = 0
    while True:
        with lib.transaction():
            code = lib.allocate_code(**SEG)
            lib.add_project(code, name=f"项目{i}", source="municipal_key")
            lib.add_parcel(code, SQUARE, stage="supply")
            lib.add_event(code, "supply", "2024-05-01", agreed_start="2024-11-01")
        i += 1
        if i == 5:
            _signal(ready_path, "ready")


def hold_transaction(uri: str, ready_path: str) -> None:
    """Write a project inside a transaction, signal, then wait to be killed before committing."""
    from yimatong_plugin.core.library import open_library

    lib = open_library(uri, user="writer")
    with lib.transaction():
        code = lib.allocate_code(**SEG)
        lib.add_project(code, name="未提交", source="municipal_key")
        lib.add_parcel(code, SQUARE)
        _signal(ready_path, str(code))
        time.sleep(120)


def open_and_allocate(args) -> str:
    """Open (maybe create) the library at the common start time and allocate one code."""
    uri, start_at = args
    from yimatong_plugin.core.library import open_library

    while time.time() < start_at:
        time.sleep(0.001)
    lib = open_library(uri)
    code = str(lib.allocate_code(**SEG))
    lib.close()
    return code
