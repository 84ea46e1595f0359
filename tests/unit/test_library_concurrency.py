"""Allocation under concurrency (8 processes x 500) and crash safety (SIGKILL mid-transaction),
against one GeoPackage and against the test PostGIS cluster."""

import multiprocessing
import os
import signal
import time

import pytest

from tests import library_workers
from yimatong_plugin.core.library import open_library

PROCESSES = 8
PER_PROCESS = 500


@pytest.fixture(params=["gpkg", "postgis"])
def library_uri(request, tmp_path):
    if request.param == "gpkg":
        uri = str(tmp_path / "shared.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    open_library(uri).close()  # schema created before the workers start
    return uri


@pytest.mark.slow
def test_concurrent_allocation_gives_consecutive_unique_serials(library_uri):
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0  # after every worker has started and opened the library
    with ctx.Pool(PROCESSES) as pool:
        results = pool.map(
            library_workers.allocate_many, [(library_uri, PER_PROCESS, start_at)] * PROCESSES
        )
    errors = [e for _codes, errs in results for e in errs]
    assert errors == []
    codes = [c for codes, _errs in results for c in codes]
    assert len(codes) == PROCESSES * PER_PROCESS
    assert len(set(codes)) == len(codes)
    assert sorted(int(c[22:]) for c in codes) == list(range(1, PROCESSES * PER_PROCESS + 1))
    for worker_codes, _errs in results:  # each worker saw its serials strictly increase
        serials = [int(c[22:]) for c in worker_codes]
        assert serials == sorted(serials)
    lib = open_library(library_uri)
    assert lib.allocate_code(**library_workers.SEG).serial == f"{len(codes) + 1:06d}"
    lib.close()


def _spawn(target, uri, ready):
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=target, args=(uri, str(ready)))
    proc.start()
    deadline = time.time() + 60
    while not ready.exists():
        assert proc.is_alive(), "worker died before it was ready"
        assert time.time() < deadline, "worker never became ready"
        time.sleep(0.01)
    return proc


def _kill(proc):
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert proc.exitcode == -signal.SIGKILL


def test_sigkill_mid_transaction_leaves_nothing(library_uri, tmp_path):
    ready = tmp_path / "ready"
    proc = _spawn(library_workers.hold_transaction, library_uri, ready)
    uncommitted = ready.read_text()
    _kill(proc)
    lib = (
        open_library(library_uri, timeout=10)
        if "://" not in library_uri
        else open_library(library_uri)
    )
    assert lib.project(uncommitted) is None
    assert lib.counts()["ymt_projects"] == 0 and lib.counts()["ymt_parcels"] == 0
    assert lib.counts()["ymt_audit"] == 0
    assert lib.check_consistency() == []
    if lib.backend == "gpkg":
        assert lib.integrity_check() == "ok"
    # the killed writer's lock is gone and its serial was never consumed
    assert str(lib.allocate_code(**library_workers.SEG)) == uncommitted
    lib.close()


@pytest.mark.slow
def test_sigkill_during_a_stream_of_writes(library_uri, tmp_path):
    ready = tmp_path / "ready"
    proc = _spawn(library_workers.write_forever, library_uri, ready)
    time.sleep(0.3)
    _kill(proc)
    lib = open_library(library_uri)
    counts = lib.counts()
    assert counts["ymt_projects"] >= 5
    # every committed transaction is complete: one parcel and one event per project
    assert counts["ymt_parcels"] == counts["ymt_projects"] == counts["ymt_events"]
    assert lib.check_consistency() == []
    if lib.backend == "gpkg":
        assert lib.integrity_check() == "ok"
    code = lib.allocate_code(**library_workers.SEG)
    assert int(code.serial) >= counts["ymt_projects"] + 1
    lib.close()


def test_concurrent_first_open_creates_one_library(tmp_path):
    path = str(tmp_path / "new.gpkg")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        codes = pool.map(library_workers.open_and_allocate, [(path, time.time() + 2.5)] * PROCESSES)
    assert sorted(int(c[22:]) for c in codes) == list(range(1, PROCESSES + 1))
    lib = open_library(path)
    assert lib.check_consistency() == [] and lib.integrity_check() == "ok"
    lib.close()
