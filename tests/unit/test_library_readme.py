"""The runnable example in core/library/README.md runs (on a temporary GeoPackage)."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "yimatong_plugin" / "core" / "library" / "README.md"


def test_readme_example_runs(tmp_path, capsys):
    block = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    assert '"/tmp/changde.gpkg"' in block
    code = block.replace('"/tmp/changde.gpkg"', repr(str(tmp_path / "changde.gpkg")))
    exec(compile(code, str(README), "exec"), {})
    out = capsys.readouterr().out
    assert "43 430702 2024 03 01 12 0701 000001" in out
    assert "('ymt_parcels', 'archive', 'zhang.san')" in out
    assert out.strip().splitlines()[-1].startswith("units ")


def test_main_readme_shows_the_same_runnable_example():
    """The project README documents the API with the example tested above, not a stale copy."""
    block = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    main_readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert block in main_readme
