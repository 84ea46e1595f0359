"""``yimatong:exportcoordinates`` (导出坐标文件): a project's library parcels, or a polygon layer,
→ a surveyors' coordinate file (坐标 TXT, GBK) in a CGCS2000 3-degree Gauss-Kruger zone, for
报批 submissions."""

from __future__ import annotations

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
)

from ...core import crs as gk
from ...core.coordfile import CoordFileError
from ...core.coordfile_writer import ExportParcel, encode_gbk, write_coordfile
from ...core.library.errors import LibraryError
from ...gis import shapely_io as io
from ..base import LibraryGroup, YimatongAlgorithm

#: a parcel this far (degrees) from the zone's central meridian is refused: wrong zone
MAX_OFFSET_DEG = 3.0
#: beyond the zone's own band (1.5°) a parcel is exported with a warning
BAND_DEG = 1.5


class ExportCoordinatesAlgorithm(LibraryGroup, YimatongAlgorithm):
    NAME = "exportcoordinates"
    DISPLAY_NAME = "Export a coordinate file (坐标 TXT)"
    ICON = "yimatong.svg"
    HELP = (
        "Writes the live parcels of a project of the library (PROJECT_CODE), or the polygons "
        "of a layer (INPUT), as a surveyors' coordinate file (坐标 TXT, GBK) for 报批 "
        "submissions: 2000国家大地坐标系, 3-degree Gauss-Kruger zone ZONE (0 = the zone of the "
        "parcels' centre longitude, as in the compliance review), Y with the zone number in "
        "front unless PREFIXED is off, X the northing. Points are numbered J1… per parcel, "
        "every ring is closed by repeating its first point, ring 1 is the outer ring followed "
        "by its holes and further parts, 地块面积 is the planar area in 公顷 (4 decimals) of "
        "the coordinates as written, and 精度 states the DECIMALS written. Parcels more than "
        "3° from the zone's central meridian are refused (wrong zone); invalid polygons are "
        "refused. Reading the file back gives the geometry to that precision."
    )

    def add_parameters(self, tr):
        self.add_project_code(
            tr("Project code"),
            tr("28-digit code of the project whose live parcels are written (or use INPUT)."),
            tr(
                "Used with PROJECT_CODE: a GeoPackage path, a PostgreSQL connection string / "
                "service, or the name of a saved QGIS PostgreSQL connection."
            ),
        )
        self.add_polygon_source(
            self.INPUT,
            tr("Parcels"),
            tr("A polygon layer to write instead of a project's library parcels."),
            optional=True,
        )
        self.add_field(
            self.ID_FIELD,
            tr("Parcel number field (地块编号)"),
            tr("Field of INPUT written as 地块编号; default the feature id."),
            self.INPUT,
        )
        self.add_field(
            self.NAME_FIELD,
            tr("Parcel name field (地块名称)"),
            tr("Field of INPUT written as 地块名称."),
            self.INPUT,
        )
        self.add_number(
            self.ZONE,
            tr("3-degree zone (0 = automatic)"),
            tr("CGCS2000 3-degree Gauss-Kruger zone 25-45; 0: from the parcels' longitude."),
            default=0,
            minimum=0,
            maximum=gk.LAST_ZONE,
            integer=True,
        )
        self.add_bool(
            self.PREFIXED,
            tr("Zone number in front of Y"),
            tr("Write Y as e.g. 37500000.000 (zone 37) instead of 500000.000."),
            default=True,
        )
        self.add_number(
            self.DECIMALS,
            tr("Decimals of the coordinates"),
            tr("3 = millimetres (精度=0.001)."),
            default=3,
            minimum=1,
            maximum=4,
            integer=True,
        )
        self.add_string(
            self.PRODUCER,
            tr("Producer (数据产生单位)"),
            tr("Written as 数据产生单位."),
            optional=True,
        )
        self.add_file_output(
            self.OUTPUT,
            tr("Coordinate file"),
            tr("The coordinate file written (GBK)."),
            tr("Coordinate file (*.txt)"),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PARCELS, tr("Parcels written")))
        self.addOutput(QgsProcessingOutputString(self.CRS, tr("CRS of the coordinates")))

    def checkParameterValues(self, parameters, context):
        code = self.project_code(parameters, self.PROJECT_CODE, context)
        has_input = parameters.get(self.INPUT) not in (None, "")
        if bool(code) == has_input:
            return False, self.tr("Give either PROJECT_CODE (library parcels) or INPUT (a layer).")
        zone = self.parameterAsInt(parameters, self.ZONE, context)
        if zone and not gk.FIRST_ZONE <= zone <= gk.LAST_ZONE:
            return False, self.tr("ZONE must be 0 (automatic) or 25-45.")
        ok, message = self.check_project_code(parameters, context)
        if not ok:
            return False, message
        return super().checkParameterValues(parameters, context)

    # -- gathering (geometries in EPSG:4490) ------------------------------------------------
    def _library_parcels(self, parameters, context, code):
        from ...core.dictionaries import load_dictionaries

        try:
            with self.open_library_parameter(parameters, context, self.LIBRARY) as library:
                project = library.project(code)
                if project is None:
                    raise QgsProcessingException(
                        self.tr("No project {code} in the library.").format(code=code)
                    )
                rows = library.parcels(code, include_retired=False)
        except LibraryError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if not rows:
            raise QgsProcessingException(
                self.tr("Project {code} has no live parcels to export.").format(code=code)
            )
        land_use = code[18:22]
        use_name = load_dictionaries().get("land_use", {}).get(land_use, "")
        out = []
        for row in rows:
            geom = shapely.from_wkb(bytes(row["geometry"]))
            number = row.get("label") or str(row["fid"])
            name = project.get("name") or ""
            out.append((geom, ExportParcel(None, number, name, "", use_name, land_use)))
        return out

    def _layer_parcels(self, parameters, context, feedback):
        source = self.polygon_source(parameters, self.INPUT, context, self.tr("INPUT: the parcels"))
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        to_4490 = QgsCoordinateTransform(
            source.sourceCrs(),
            QgsCoordinateReferenceSystem("EPSG:4490"),
            context.transformContext(),
        )
        out = []
        for feature in source.getFeatures():
            if feedback.isCanceled():
                break
            number = io.attribute_text(feature[id_field]) if id_field else str(feature.id())
            geom = QgsGeometry(feature.geometry())
            if geom.isNull() or geom.isEmpty():
                raise QgsProcessingException(
                    self.tr("Parcel {label} has no geometry.").format(label=number)
                )
            try:
                geom.transform(to_4490)
            except QgsCsException as exc:
                raise QgsProcessingException(
                    self.tr("Parcel {label} cannot be transformed: {error}").format(
                        label=number, error=exc
                    )
                ) from exc
            name = io.attribute_text(feature[name_field]) if name_field else ""
            out.append((io.to_shapely(geom), ExportParcel(None, number, name)))
        return out

    # -- run --------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        tr = self.tr
        code = self.project_code(parameters, self.PROJECT_CODE, context)
        if code:
            gathered = self._library_parcels(parameters, context, code)
        else:
            gathered = self._layer_parcels(parameters, context, feedback)
        if feedback.isCanceled():
            return {}
        geoms = [g for g, _p in gathered]
        x0, _y0, x1, _y1 = shapely.total_bounds(geoms)
        zone = self.parameterAsInt(parameters, self.ZONE, context)
        if not zone:
            zone = gk.zone_for_longitude((x0 + x1) / 2.0)
            feedback.pushInfo(
                tr("Zone {zone} chosen from the parcels' centre longitude {lon}°E").format(
                    zone=zone, lon=f"{(x0 + x1) / 2.0:.3f}"
                )
            )
        prefixed = self.parameterAsBool(parameters, self.PREFIXED, context)
        target = gk.zone_crs(zone, prefixed)
        meridian = target.central_meridian
        for geom, parcel in gathered:
            lon = shapely.centroid(geom).x
            if abs(lon - meridian) > MAX_OFFSET_DEG:
                raise QgsProcessingException(
                    tr(
                        "Parcel {label} lies at {lon}°E, more than 3° from the central meridian "
                        "{cm}°E of zone {zone}: choose its zone"
                    ).format(label=parcel.number, lon=f"{lon:.3f}", cm=meridian, zone=zone)
                )
            if abs(lon - meridian) > BAND_DEG:
                feedback.pushWarning(
                    tr(
                        "Parcel {label} lies at {lon}°E, outside zone {zone} (central meridian "
                        "{cm}°E ± 1.5°): its planar area is less exact"
                    ).format(label=parcel.number, lon=f"{lon:.3f}", cm=meridian, zone=zone)
                )
        to_gk = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4490"),
            QgsCoordinateReferenceSystem(target.authid),
            context.transformContext(),
        )
        parcels = []
        for geom, parcel in gathered:
            qgeom = io.from_shapely(geom)
            qgeom.transform(to_gk)
            projected = shapely.force_2d(io.to_shapely(qgeom))
            if not shapely.is_valid(projected):
                raise QgsProcessingException(
                    tr("Parcel {label} is not a valid polygon ({reason}): repair it first").format(
                        label=parcel.number, reason=shapely.is_valid_reason(projected)
                    )
                )
            parcel.geometry = projected
            parcels.append(parcel)
        decimals = self.parameterAsInt(parameters, self.DECIMALS, context)
        try:
            text = write_coordfile(
                parcels,
                zone,
                prefixed=prefixed,
                decimals=decimals,
                producer=self.parameterAsString(parameters, self.PRODUCER, context),
            )
            data = encode_gbk(text)
        except CoordFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        with open(path, "wb") as handle:
            handle.write(data)
        feedback.pushInfo(
            tr(
                "{n} parcels written to {path} in {crs} ({name}), GBK, coordinates to {decimals} "
                "decimals (精度 {precision} m)"
            ).format(
                n=len(parcels),
                path=path,
                crs=target.authid,
                name=target.name,
                decimals=decimals,
                precision=f"{10.0**-decimals:.{decimals}f}",
            )
        )
        return {self.OUTPUT: path, self.PARCELS: len(parcels), self.CRS: target.authid}
