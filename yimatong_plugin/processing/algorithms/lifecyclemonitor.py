"""``yimatong:lifecyclemonitor``: every lifecycle anomaly in a project library as of a date.

批而未供 (per approval batch, with the supplied ratio), 供而未用, 闲置土地 (fee and repossession
stages; not started or stalled), 逾期开工, 逾期竣工 — the rules of ``core/lifecycle.py``.
"""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime

from ...core import lifecycle as lc
from ...gis.qgis_compat import FIELD_DATE, FIELD_DOUBLE, FIELD_INT, FIELD_STRING
from ..base import LibraryAlgorithm, LibraryGroup

SEVERITY_ORDER = {s: i for i, s in enumerate(reversed(lc.SEVERITIES))}


class AsOfAlgorithm(LibraryAlgorithm):
    """An algorithm that evaluates the lifecycle rules on a project library as of a date (this
    one and ``yimatong:statistics``): LIBRARY, AS_OF, then its own parameters; AS_OF is
    checked after the algorithm's own checks."""

    def initAlgorithm(self, config=None):
        self.add_library_parameter(self.LIBRARY)
        self.add_date(
            self.AS_OF,
            self.tr("As of (empty: today)"),
            self.tr("The date the rules are evaluated on; events after it are ignored."),
        )
        self.add_parameters(self.tr)

    def check_shared_parameters(self, parameters, context):
        self._as_of(parameters, context)

    def _as_of(self, parameters, context) -> _dt.date:
        """AS_OF as a date: empty is today; a date that is not one is refused."""
        raw = parameters.get(self.AS_OF)
        if raw in (None, ""):
            return _dt.date.today()
        if isinstance(raw, QDate):
            day = raw
        elif isinstance(raw, QDateTime):
            day = raw.date()
        elif isinstance(raw, (_dt.date, _dt.datetime)):
            return lc.to_date(raw)
        elif isinstance(raw, str):
            try:
                return lc.to_date(raw)
            except ValueError:
                day = QDate()
        else:
            day = self.parameterAsDateTime(parameters, self.AS_OF, context).date()
        if not day.isValid():
            raise QgsProcessingException(self.tr("AS_OF is not a date: {value}").format(value=raw))
        return _dt.date(day.year(), day.month(), day.day())


class LifecycleMonitorAlgorithm(LibraryGroup, AsOfAlgorithm):
    NAME = "lifecyclemonitor"
    DISPLAY_NAME = "Lifecycle monitor (批而未供 / 供而未用 / 闲置土地)"
    ICON = "projectbox.svg"
    HELP = (
        "Finds, across the project library, the land whose life has gone wrong as of a date: "
        "批而未供 (an approved conversion batch not fully supplied after the threshold years, "
        "with its supplied ratio), 供而未用 (supplied, not started by the agreed start date), "
        "闲置土地 (idle land: not started one full year after the agreed start — idle-land fee "
        "stage — or two full years — repossession stage; or started, less than 1/3 of the area "
        "developed or less than 25 % invested, and stopped for a full year; a later supervision "
        "record with status 复工 ends it), 逾期开工 (started late) and 逾期竣工 (completion "
        "overdue). One full year ends on the anniversary date; 29 February counts to 1 March. "
        "A project not yet started is reported once, under the most advanced rule it meets. "
        "Archived projects get no finding and are left out of a batch's ratio (the finding "
        "names them). Output: one row per finding with the current parcels of "
        "the project(s), and code, rule, severity, since (the date the rule was first met), "
        "days and what they count (from reference_date, the agreed start, agreed completion, "
        "batch approval or stop date named in reference, to days_until) and evidence (the "
        "events and dates that make it so)."
    )

    def add_parameters(self, tr):
        for name, label, help_text, default, minimum in (
            (
                self.UNSUPPLIED_YEARS,
                tr("批而未供 after (years)"),
                tr("Years after the batch approval before unsupplied land is reported."),
                2,
                1,
            ),
            (
                self.IDLE_FEE_YEARS,
                tr("Idle-land fee stage after (full years)"),
                tr("Full years without start after the agreed start: idle-land fee stage."),
                1,
                1,
            ),
            (
                self.IDLE_REPOSSESS_YEARS,
                tr("Repossession stage after (full years)"),
                tr("Full years without start after the agreed start: repossession stage."),
                2,
                2,
            ),
            (
                self.START_GRACE_DAYS,
                tr("Grace after the agreed start (days)"),
                tr("Days after the agreed start before 供而未用 / 逾期开工 are reported."),
                0,
                0,
            ),
            (
                self.COMPLETION_GRACE_DAYS,
                tr("Grace after the agreed completion (days)"),
                tr("Days after the agreed completion before 逾期竣工 is reported."),
                0,
                0,
            ),
        ):
            self.add_number(name, label, help_text, default, minimum, integer=True)
        self.add_polygon_output(
            self.OUTPUT,
            tr("Lifecycle findings"),
            tr(
                "One row per finding: code, rule, severity, since, days, evidence, with the "
                "current parcels of the project(s) as geometry where there are any."
            ),
        )
        self.addOutput(QgsProcessingOutputNumber(self.FINDINGS, self.tr("Findings")))

    # -- parameters -----------------------------------------------------------------------
    def _thresholds(self, parameters, context) -> lc.Thresholds:
        def value(name):
            return self.parameterAsInt(parameters, name, context)

        return lc.Thresholds(
            unsupplied_years=value(self.UNSUPPLIED_YEARS),
            idle_fee_years=value(self.IDLE_FEE_YEARS),
            idle_repossess_years=value(self.IDLE_REPOSSESS_YEARS),
            start_grace_days=value(self.START_GRACE_DAYS),
            completion_grace_days=value(self.COMPLETION_GRACE_DAYS),
        )

    def check_more_parameters(self, parameters, context) -> None:
        self._thresholds(parameters, context).validate()

    # -- run ------------------------------------------------------------------------------
    @staticmethod
    def output_fields() -> QgsFields:
        fields = QgsFields()
        for name, kind in (
            ("code", FIELD_STRING),
            ("name", FIELD_STRING),
            ("rule", FIELD_STRING),
            ("severity", FIELD_STRING),
            ("stage", FIELD_STRING),
            ("since", FIELD_DATE),
            ("reference", FIELD_STRING),
            ("reference_date", FIELD_DATE),
            ("days_until", FIELD_DATE),
            ("days", FIELD_INT),
            ("evidence", FIELD_STRING),
            ("batch", FIELD_STRING),
            ("supplied_ratio", FIELD_DOUBLE),
            ("as_of", FIELD_DATE),
        ):
            fields.append(QgsField(name, kind))
        return fields

    def processAlgorithm(self, parameters, context, feedback):
        from ...core import projectbox as pb
        from ...gis.shapely_io import from_shapely

        as_of = self._as_of(parameters, context)
        thresholds = self._thresholds(parameters, context)
        try:
            thresholds.validate()
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from exc
        lib = self.open_library_parameter(parameters, context, self.LIBRARY)
        try:
            feedback.setProgressText(self.tr("Reading projects and events…"))
            try:
                findings = pb.library_findings(
                    lib,
                    as_of,
                    thresholds,
                    progress=feedback.setProgress,
                    canceled=feedback.isCanceled,
                )
            except ValueError as exc:  # a bad date in an event names the value
                raise QgsProcessingException(str(exc)) from exc
            if feedback.isCanceled():
                return {}
            findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.since, f.code))
            sink, dest = self.parameterAsSink(
                parameters,
                self.OUTPUT,
                context,
                self.output_fields(),
                QgsWkbTypes.MultiPolygon,
                QgsCoordinateReferenceSystem("EPSG:4490"),
            )
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
            names: dict[str, str] = {}
            total = max(1, len(findings))
            for i, finding in enumerate(findings):
                if feedback.isCanceled():
                    break
                feat = QgsFeature(self.output_fields())
                geom = pb.current_geometry(lib, finding.codes)
                if geom is not None:
                    qgeom = from_shapely(geom)
                    qgeom.convertToMultiType()
                    feat.setGeometry(qgeom)
                for code in finding.codes:
                    if code not in names:
                        names[code] = (lib.project(code) or {}).get("name") or ""
                since = finding.since

                def qdate(day):
                    return QDate(day.year, day.month, day.day) if day else None

                feat.setAttributes(
                    [
                        finding.code,
                        "; ".join(names[c] for c in finding.codes),
                        finding.rule,
                        finding.severity,
                        finding.stage or None,
                        QDate(since.year, since.month, since.day),
                        lc.reference_name(finding.reference_kind) or None,
                        qdate(finding.reference),
                        qdate(finding.until),
                        finding.days,
                        finding.evidence,
                        finding.batch or None,
                        finding.supplied_ratio,
                        QDate(as_of.year, as_of.month, as_of.day),
                    ]
                )
                sink.addFeature(feat, QgsFeatureSink.FastInsert)
                feedback.setProgress(90 + 10 * (i + 1) / total)
        finally:
            lib.close()
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
        feedback.pushInfo(
            self.tr("As of {date}: {n} findings ({detail}).").format(
                date=as_of.isoformat(),
                n=len(findings),
                detail=", ".join(f"{rule} {n}" for rule, n in counts.items()) or "—",
            )
        )
        return {self.OUTPUT: dest, self.FINDINGS: len(findings)}
