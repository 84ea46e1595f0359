"""``yimatong:syncapprovals``: approval-system sync from the national 工改 staging tables
(前置库 ``SPGL_*``) into the project library by investment code (``core/approval_sync``)."""

from __future__ import annotations

import datetime as _dt

from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QDate, QDateTime

from ...gis.qgis_compat import FIELD_INT, FIELD_STRING
from ..base import LibraryAlgorithm, LibraryGroup

FIELDS = (
    ("row", FIELD_INT),
    ("record_key", FIELD_STRING),
    ("xmdm", FIELD_STRING),
    ("project_code", FIELD_STRING),
    ("project_name", FIELD_STRING),
    ("item", FIELD_STRING),
    ("blzt", FIELD_STRING),
    ("status", FIELD_STRING),
    ("handled_at", FIELD_STRING),
    ("action", FIELD_STRING),
    ("stage", FIELD_STRING),
    ("event_date", FIELD_STRING),
    ("doc_no", FIELD_STRING),
    ("event_id", FIELD_INT),
    ("reason", FIELD_STRING),
)


class SyncApprovalsAlgorithm(LibraryGroup, LibraryAlgorithm):
    NAME = "syncapprovals"
    DISPLAY_NAME = "Sync approvals from the 工改 staging tables"
    HELP = (
        "Reads the national approval-system data-sharing tables (前置库: SPGL_XMJBXXB, "
        "SPGL_XMSPSXBLXXB, SPGL_XMSPSXBLXXXXB, SPGL_XMSPSXPFWJXXB; names in any case) from a "
        "PostgreSQL database, a GeoPackage/SQLite file or a folder of CSV exports (UTF-8 or "
        "GBK), and brings them into the project library by investment code (项目代码 XMDM = "
        "the library's investment_code). Only rows with SJYXBS = 1 count. A 办结（通过） or "
        "办结（容缺通过） record of an item mapped to a stage becomes that stage's event with its "
        "批复文号 and date; other statuses update the project's approval status. The record's "
        "DFSJZJ (else LSH) is stored with the event: running again, or with an overlapping "
        "SINCE, changes nothing, and a corrected record updates its event (the audit keeps "
        "before and after). A record matching no project, or more than one, an unknown item or "
        "status, or a bad date is refused with the reason. Everything is written in one "
        "transaction: a failure leaves the library as it was. MAPPING (CSV, kind,key,value): "
        "item,<text in the item name or item code>,<stage or ->; status,<local number>,<national "
        "BLZT 1–15>. OUTPUT: one row per record with its action and reason."
    )

    def add_parameters(self, tr):
        self.add_string(
            self.SOURCE,
            tr("Staging tables (前置库)"),
            tr(
                "A PostgreSQL connection string or the name of a saved QGIS PostgreSQL "
                "connection (tables found through its search_path), a GeoPackage/SQLite file, "
                "or a folder of CSV exports named after the tables."
            ),
        )
        self.add_file(
            self.MAPPING,
            tr("Mapping file (optional)"),
            tr(
                "CSV with the columns kind,key,value: item rules (text of the item name or the "
                "item code → library stage, or - for status only) tried before the default "
                "mapping, and status rules (a local status number → the national BLZT)."
            ),
            extension="csv",
            optional=True,
        )
        self.add_date(
            self.SINCE,
            tr("Only records handled on or after (optional)"),
            tr("Compared with the handling time BLSJ; empty: every record."),
        )
        self.add_bool(self.DRY_RUN, tr("Dry run (write nothing)"), "")
        self.add_table_output(
            self.OUTPUT,
            tr("Sync log"),
            tr("One row per record: what was done with it (or would be) and why."),
        )
        self.add_counts(
            (self.APPLIED, tr("Records applied")), (self.REFUSED, tr("Records refused"))
        )

    def _since(self, parameters, context):
        raw = parameters.get(self.SINCE)
        if raw in (None, ""):
            return None
        if isinstance(raw, (_dt.datetime, _dt.date)):
            return raw if not isinstance(raw, _dt.datetime) else raw.date()
        if isinstance(raw, QDateTime):
            raw = raw.date()
        if isinstance(raw, str):
            try:
                return _dt.date.fromisoformat(raw.strip()[:10])
            except ValueError:
                raw = QDate()
        if not isinstance(raw, QDate):
            raw = self.parameterAsDateTime(parameters, self.SINCE, context).date()
        if not raw.isValid():
            raise QgsProcessingException(
                self.tr("SINCE is not a date: {value}").format(value=parameters.get(self.SINCE))
            )
        return _dt.date(raw.year(), raw.month(), raw.day())

    def check_more_parameters(self, parameters, context):
        self._since(parameters, context)

    def _dsn(self, source: str):
        """The libpq string of a saved QGIS PostgreSQL connection named ``source`` (else None)."""
        from ...gis.library_connect import (
            connection_datasource,
            libpq_string,
            postgres_connection_names,
        )

        if source and source in postgres_connection_names():
            return libpq_string(connection_datasource(source))
        return None

    def processAlgorithm(self, parameters, context, feedback):
        from ...core.approval_sync import (
            MappingError,
            StagingError,
            build_records,
            load_vocabulary,
            plan_and_apply,
            read_staging,
        )

        source = self.parameterAsString(parameters, self.SOURCE, context).strip()
        mapping = self.parameterAsFile(parameters, self.MAPPING, context) or None
        since = self._since(parameters, context)
        dry_run = self.parameterAsBoolean(parameters, self.DRY_RUN, context)
        try:
            vocab = load_vocabulary(mapping)
            feedback.setProgressText(self.tr("Reading the staging tables…"))
            tables = read_staging(source, dsn=self._dsn(source))
            records, skipped = build_records(tables, vocab, since)
        except (MappingError, StagingError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            self.tr(
                "{n} records read; {invalid} rows with SJYXBS ≠ 1 and {old} before SINCE left out."
            ).format(n=len(records), invalid=skipped["invalid"], old=skipped["before_since"])
        )
        with self.open_library_parameter(parameters, context, self.LIBRARY) as lib:
            feedback.setProgressText(self.tr("Writing to the project library…"))
            result = plan_and_apply(
                lib,
                records,
                dry_run=dry_run,
                progress=feedback.setProgress,
                canceled=feedback.isCanceled,
            )
            names = {}
            codes = sorted({c for r in records for c in r.codes})
            for i in range(0, len(codes), 500):
                chunk = codes[i : i + 500]
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT code, name FROM ymt_projects WHERE code IN ({marks})"
                names.update((row["code"], row["name"]) for row in lib.query(sql, chunk))
        writer, dest = self.table_sink(parameters, self.OUTPUT, context, FIELDS)
        for rec in sorted(records, key=lambda r: r.row):
            event_date = rec.event_date() if rec.approved else None
            writer.add(
                [
                    rec.row,
                    rec.key or None,
                    rec.xmdm or None,
                    ", ".join(rec.codes) or None,
                    "; ".join(names.get(c, "") for c in rec.codes) or rec.project_name or None,
                    rec.item or None,
                    rec.blzt or None,
                    rec.status.name if rec.status else None,
                    rec.when.isoformat(sep=" ") if rec.when else None,
                    rec.action,
                    rec.stage if rec.approved else None,
                    event_date.isoformat() if event_date else None,
                    rec.doc_no or None,
                    rec.event_id,
                    rec.reason or None,
                ]
            )
        counts: dict[str, int] = {}
        for rec in records:
            counts[rec.action] = counts.get(rec.action, 0) + 1
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        if result.failed is not None:
            feedback.reportError(
                self.tr(
                    "Nothing was written: record {row} ({key}) failed: {error}. The library is "
                    "as it was."
                ).format(row=result.failed.row, key=result.failed.key, error=result.error),
                False,
            )
        elif dry_run:
            feedback.pushInfo(self.tr("Dry run, nothing written: {detail}.").format(detail=detail))
        else:
            feedback.pushInfo(self.tr("Sync done: {detail}.").format(detail=detail))
        return {
            self.OUTPUT: dest,
            self.APPLIED: 0 if result.failed else result.applied,
            self.REFUSED: result.count("refused"),
        }
