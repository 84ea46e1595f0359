"""Check the Python packages Yimatong needs in the Python that runs QGIS (no Qt imports; QGIS's
GEOS version is read when QGIS is there).

QGIS users install the plugin from a zip into their own QGIS; its Python may lack shapely 2
(Debian 12 ships 1.8) or have a shapely wheel built for a different GEOS than the one QGIS
loaded. The plugin then loads with a clear message instead of failing or computing wrong areas.
"""

from __future__ import annotations

from ..core.i18n import tr

# QGIS with GEOS 3.11 or older (3.22 on Debian 12): the shapely 2.0.x wheels bundle GEOS 3.11
PIP_HINT = "python3 -m pip install --user 'shapely>=2.0.6,<2.1' 'numpy<2' pyproj openpyxl segno"
# QGIS with a newer GEOS (3.40 on Debian 13: 3.13): the distribution's shapely, built on it
SYSTEM_HINT = (
    "sudo apt install python3-shapely python3-numpy python3-pyproj python3-openpyxl "
    "python3-segno (OSGeo4W: its python3-shapely and python3-pyproj packages)"
)


def qgis_geos_version() -> tuple[int, int] | None:
    """(major, minor) of the GEOS the running QGIS loaded, None outside QGIS."""
    try:
        from qgis.core import Qgis

        return (Qgis.geosVersionMajor(), Qgis.geosVersionMinor())
    except Exception:
        return None


def install_hint() -> str:
    """What to install for the GEOS this QGIS loads: shapely 2.0.x wheels only match GEOS 3.11."""
    geos = qgis_geos_version()
    return PIP_HINT if geos is None or geos <= (3, 11) else SYSTEM_HINT


INSTALL_HINT = install_hint()  # for the QGIS this module is imported in


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
        geos = qgis_geos_version()
        if geos is None or geos <= (3, 11):
            advice = tr("install shapely 2.0.x")
        else:
            advice = tr(
                "install the shapely of your QGIS distribution, built on its GEOS {geos}, "
                "not a pip wheel"
            ).format(geos=f"{geos[0]}.{geos[1]}")
        problems.append(
            tr(
                "shapely {version} does not work with the GEOS library QGIS loaded ({problem}); "
                "{advice}"
            ).format(version=shapely.__version__, problem=problem, advice=advice)
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
