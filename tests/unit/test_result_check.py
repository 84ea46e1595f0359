"""core/result_check: the verdict on a result file when the library cannot give its bytes."""

import io
import socket

from tests.library_data import SEG
from yimatong_plugin.core.library import open_library
from yimatong_plugin.core.result_check import result_check


def test_an_unreachable_service_leaves_a_stored_result_unchecked_not_missing(tmp_path):
    lib = open_library(str(tmp_path / "lib.gpkg"))
    code = str(lib.allocate_code(**SEG))
    lib.add_project(code, name="p", source="municipal_key")
    fid = lib.store_result(code, "supply", io.BytesIO(b"bytes"), "a.pdf")
    (row,) = lib.results(code)
    assert result_check(lib, code, row) == "verified"
    gone = dict(row, fid=fid + 1000)  # a result row the library no longer has
    assert result_check(lib, code, gone) == "missing"
    lib.close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    remote = open_library(f"http://127.0.0.1:{port}/api/v1", token="k", connect_timeout=1)
    assert result_check(remote, code, row) == "unchecked"
    remote.close()
