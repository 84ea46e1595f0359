"""Check the Python packages Yimatong needs in the Python that runs QGIS (no Qt imports).

QGIS users install the plugin from a zip into their own QGIS; its Python may lack shapely 2
(Debian 12 ships 1.8) or have a shapely wheel built for a different GEOS than the one QGIS
loaded. The plugin then loads with a clear message instead of failing or computing wrong areas.
"""

from __future__ import annotations

from ..core.i18n import tr

INSTALL_HINT = "python3 -m pip install --user 'shapely>=2.0.6,<2.1' 'numpy<2' pyproj openpyxl segno"


def missing_required() -> list[str]:
    """Problems with packages every feature needs (empty when all is well)."""
    problems: list[str] = []
    try:
        import numpy  # noqa: F401
    except ImportError:
        problems.append(tr("numpy is not installed"))
    try:
        import pyproj  # noqa: F401
    except ImportError:
        problems.append(tr("pyproj is not installed"))
    try:
        import shapely
    except ImportError:
        problems.append(tr("shapely 2 is not installed"))
        return problems
    major = int(shapely.__version__.split(".")[0])
    if major < 2:
        problems.append(
            tr("shapely {version} is too old: Yimatong needs shapely 2.0").format(
                version=shapely.__version__
            )
        )
        return problems
    from ..core.shapely_compat import geos_self_test

    problem = geos_self_test()
    if problem:
        problems.append(
            tr(
                "shapely {version} does not work with the GEOS library QGIS loaded ({problem}); "
                "install shapely 2.0.x"
            ).format(version=shapely.__version__, problem=problem)
        )
    return problems


def missing_optional() -> list[str]:
    """Packages only some features need (xlsx import, QR images)."""
    problems = []
    for module, feature in (("openpyxl", tr("Excel import")), ("segno", tr("QR images"))):
        try:
            __import__(module)
        except ImportError:
            problems.append(
                tr("{module} is not installed: {feature} is unavailable").format(
                    module=module, feature=feature
                )
            )
    return problems
