"""A library created at an older schema version, to test its upgrade (unit and QGIS tests)."""

from yimatong_plugin.core.library import open_library


def open_at_version(backend: str, version: int, tmp_path, monkeypatch, request, user="alice"):
    """``(uri, lib)``: a new library on ``backend`` ("gpkg" or "postgis") created and opened as
    schema ``version`` would (the code believes it is the current one). Close it and call
    ``monkeypatch.undo()`` before opening it again with the current code."""
    from yimatong_plugin.core.library import gpkg, postgis

    if backend == "gpkg":
        uri = str(tmp_path / f"v{version}.gpkg")
    else:
        uri = request.getfixturevalue("postgis_server").new_database()
    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", version)
    monkeypatch.setattr(postgis, "SCHEMA_VERSION", version)
    lib = open_library(uri, user=user)
    assert lib.schema_version == version
    return uri, lib


def query_plan(lib, sql: str, params) -> str:
    """SQLite's ``EXPLAIN QUERY PLAN`` of ``sql``, its details joined by spaces."""
    return " ".join(str(r["detail"]) for r in lib.query("EXPLAIN QUERY PLAN " + sql, params))
