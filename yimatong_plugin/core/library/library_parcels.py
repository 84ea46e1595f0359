"""The library's parcels: add, replace (lineage kept), retire, list. A mixin of
:class:`~.base.Library`."""

from __future__ import annotations

from typing import Optional

from ..i18n import tr
from .errors import LibraryError
from .geometry import prepare_parcel
from .library_values import CodeLike, check_stage, now_iso


class ParcelsMixin:
    """Parcels of a project (part of :class:`~.base.Library`)."""

    # --- parcels -------------------------------------------------------------------------
    def add_parcel(
        self,
        code: CodeLike,
        geometry,
        crs="EPSG:4490",
        stage: Optional[str] = None,
        label: Optional[str] = None,
        source_file: Optional[str] = None,
    ) -> int:
        """Add a parcel (WKT, WKB, shapely, or anything with ``asWkb()`` such as QgsGeometry) in
        ``crs`` (reprojected to EPSG:4490, validated, repaired if needed); returns its fid."""
        pcode = self._code(code)
        check_stage(stage, allow_none=True)
        prepared = prepare_parcel(geometry, crs, where=label or str(source_file or ""))
        with self._tx():
            self._require_project(pcode)
            return self._insert_parcel(pcode, prepared, stage, label, source_file, None)

    def _insert_parcel(self, pcode, prepared, stage, label, source_file, replaces) -> int:
        stamp = now_iso()
        values = {
            "code": str(pcode),
            "stage": stage,
            "label": label,
            "area_m2": round(prepared.area_m2, 3),
            "repaired": prepared.repaired,
            "repair_note": prepared.repair_note,
            "retired": False,
            "replaces": replaces,
            "source_file": None if source_file is None else str(source_file),
            "source_crs": prepared.source_crs,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": self.user,
        }
        return self._insert("ymt_parcels", values, geom=prepared.geometry)

    def _live_parcel(self, parcel_id: int) -> dict:
        row = self._one(
            "SELECT fid, code, stage, label, retired, replaced_by FROM ymt_parcels WHERE fid = ?",
            (int(parcel_id),),
        )
        if row is None:
            raise LibraryError(
                tr("No parcel with id {id}").format(id=parcel_id), "not_found", str(parcel_id)
            )
        if row["retired"]:
            raise LibraryError(
                tr("Parcel {id} is already retired (replaced by {new})").format(
                    id=parcel_id, new=row["replaced_by"] or "-"
                ),
                "archived",
                str(parcel_id),
            )
        return row

    def replace_parcel(
        self,
        old_parcel_id: int,
        geometry,
        crs="EPSG:4490",
        reason: str = "",
        stage: Optional[str] = None,
        label: Optional[str] = None,
        source_file: Optional[str] = None,
    ) -> int:
        """Replace a parcel by a new geometry: the old one is retired (kept, with ``replaced_by``),
        the new one records ``replaces``. Returns the new parcel's fid."""
        check_stage(stage, allow_none=True)
        prepared = prepare_parcel(geometry, crs, where=label or str(source_file or ""))
        with self._tx():
            old = self._live_parcel(old_parcel_id)
            pcode = self._code(old["code"])
            self._require_project(pcode)
            new_id = self._insert_parcel(
                pcode,
                prepared,
                stage or old["stage"],
                label if label is not None else old["label"],
                source_file,
                int(old_parcel_id),
            )
            self._archive(
                "ymt_parcels", "fid = ?", (int(old_parcel_id),), reason, replaced_by=new_id
            )
        return new_id

    def retire_parcel(self, parcel_id: int, reason: str = "") -> None:
        """Retire a parcel without replacement (kept in the library, shown as retired)."""
        with self._tx():
            self._live_parcel(parcel_id)
            self._archive("ymt_parcels", "fid = ?", (int(parcel_id),), reason)

    def parcels(self, code: CodeLike, include_retired: bool = True) -> list[dict]:
        """Parcels of a project, oldest first; ``geometry`` is WKB in EPSG:4490."""
        pcode = self._code(code)
        sql = f"SELECT *, {self._geom_select_sql()} AS geom_out FROM ymt_parcels WHERE code = ?"
        params: list = [str(pcode)]
        if not include_retired:
            sql += " AND retired = ?"
            params.append(False)
        rows = self._rows(sql + " ORDER BY fid", params)
        for row in rows:
            row.pop("geom", None)
            row["geometry"] = self._geom_to_wkb(row.pop("geom_out"))
        return rows
