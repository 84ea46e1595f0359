"""CGCS2000 coordinate reference systems and the choice of a Gauss-Krüger zone for areas.

* EPSG:4490: CGCS2000 geographic (degrees; never used for areas).
* EPSG:4513–4533: CGCS2000 3-degree Gauss-Krüger zones 25–45 *with* the zone number as a prefix
  of the easting (false easting n·1,000,000 + 500,000).
* EPSG:4534–4554: the same zones *without* prefix, named by central meridian 75°E–135°E
  (false easting 500,000). Zone n has central meridian 3n°E.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import tr

GEOGRAPHIC_EPSG = 4490
FIRST_ZONE = 25
LAST_ZONE = 45
PREFIXED_BASE = 4513  # zone 25 with prefix
PLAIN_BASE = 4534  # zone 25 without prefix (CM 75°E)


@dataclass(frozen=True)
class GkZone:
    zone: int
    central_meridian: float
    epsg: int
    prefixed: bool

    @property
    def authid(self) -> str:
        return f"EPSG:{self.epsg}"

    @property
    def false_easting(self) -> float:
        return self.zone * 1_000_000.0 + 500_000.0 if self.prefixed else 500_000.0

    @property
    def name(self) -> str:
        if self.prefixed:
            return f"CGCS2000 / 3-degree Gauss-Kruger zone {self.zone}"
        return f"CGCS2000 / 3-degree Gauss-Kruger CM {int(self.central_meridian)}E"

    @property
    def display_name(self) -> str:
        """The name a user reads (translated): zone and central meridian."""
        if self.prefixed:
            text = tr("CGCS2000 3-degree Gauss-Kruger zone {zone} (central meridian {cm}°E)")
        else:
            text = tr("CGCS2000 3-degree Gauss-Kruger, central meridian {cm}°E")
        return text.format(zone=self.zone, cm=int(self.central_meridian))


def crs_display_name(authid: str, fallback: str = "") -> str:
    """The user-facing name of a CRS: translated for the CGCS2000 GK zones, else ``fallback``
    (QGIS's description)."""
    prefix, _, number = str(authid).partition(":")
    if prefix.upper() == "EPSG" and number.isdigit():
        zone = gk_zone_from_epsg(int(number))
        if zone is not None:
            return zone.display_name
        if int(number) == GEOGRAPHIC_EPSG:
            return tr("CGCS2000 geographic")
    return fallback


def zone_for_longitude(lon: float) -> int:
    """The 3-degree zone whose central meridian (3n°E) is nearest ``lon``; clamped to 25–45."""
    zone = int(round(float(lon) / 3.0))
    return max(FIRST_ZONE, min(LAST_ZONE, zone))


def zone_crs(zone: int, prefixed: bool = False) -> GkZone:
    if not FIRST_ZONE <= zone <= LAST_ZONE:
        raise ValueError(
            tr("Gauss-Kruger zone {zone} is outside CGCS2000's zones 25-45").format(zone=zone)
        )
    base = PREFIXED_BASE if prefixed else PLAIN_BASE
    return GkZone(zone, 3.0 * zone, base + zone - FIRST_ZONE, prefixed)


def gk_crs_for_longitude(lon: float, prefixed: bool = False) -> GkZone:
    """The CGCS2000 3-degree GK CRS for data centred at ``lon`` (default: without zone prefix).

    >>> gk_crs_for_longitude(111.7).authid
    'EPSG:4546'
    """
    return zone_crs(zone_for_longitude(lon), prefixed)


def gk_zone_from_epsg(epsg: int) -> GkZone | None:
    """The zone for an EPSG code in 4513–4554, else None."""
    epsg = int(epsg)
    if PREFIXED_BASE <= epsg < PREFIXED_BASE + 21:
        return zone_crs(FIRST_ZONE + epsg - PREFIXED_BASE, prefixed=True)
    if PLAIN_BASE <= epsg < PLAIN_BASE + 21:
        return zone_crs(FIRST_ZONE + epsg - PLAIN_BASE, prefixed=False)
    return None


def zone_from_prefixed_easting(x: float) -> int | None:
    """The zone number carried by a prefixed easting (e.g. 37,512,345 → 37), else None."""
    zone = int(float(x) // 1_000_000)
    return zone if FIRST_ZONE <= zone <= LAST_ZONE else None


def looks_geographic(xmin: float, ymin: float, xmax: float, ymax: float) -> bool:
    """True when an extent looks like longitude/latitude degrees rather than metres."""
    return -180.0 <= xmin <= xmax <= 180.0 and -90.0 <= ymin <= ymax <= 90.0


def looks_prefixed_gk(xmin: float, xmax: float) -> bool:
    """True when eastings carry a 3-degree zone prefix (both ends in the same zone 25–45)."""
    zone = zone_from_prefixed_easting(xmin)
    return zone is not None and zone == zone_from_prefixed_easting(xmax)
