"""``yimatong:importcatalog``: merge a 一张图 catalog file (JSON) into a library's catalog."""

from __future__ import annotations

import json

from qgis.core import QgsProcessingException

from ..base import LibraryAlgorithm, LibraryGroup


class ImportCatalogAlgorithm(LibraryGroup, LibraryAlgorithm):
    NAME = "importcatalog"
    DISPLAY_NAME = "Import 一张图 catalog"
    HELP = (
        "Merges a 一张图 catalog file (JSON, as the 一张图 dock exports it) into the catalog of "
        "a project library: topics and layers with new keys are added, those whose fields "
        "differ are updated, nothing is deleted and a layer retired in the library stays "
        "retired. One transaction: a file with one bad entry (an unknown source type, a "
        "password in a source) changes nothing and the error names the entry. Optionally "
        "writes the whole resulting catalog to a JSON file."
    )

    def add_parameters(self, tr):
        self.add_file(
            self.INPUT, tr("Catalog file"), tr("A Yimatong catalog file (JSON)."), extension="json"
        )
        self.add_file_output(
            self.OUTPUT,
            tr("Resulting catalog (JSON)"),
            tr("Optional: the library's whole catalog after the import."),
            "JSON (*.json)",
            optional=True,
        )
        self.add_counts(
            ("ADDED", tr("Added")), ("UPDATED", tr("Updated")), ("UNCHANGED", tr("Unchanged"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        from ...core.library import LibraryError
        from ...core.library.catalog import Catalog

        path = self.parameterAsFile(parameters, self.INPUT, context)
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise QgsProcessingException(
                self.tr("Cannot read the catalog file {path}: {error}").format(path=path, error=exc)
            ) from exc
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            with self.open_library_parameter(parameters, context, self.LIBRARY) as lib:
                catalog = Catalog(lib)
                counts = catalog.import_json(data)
                if out:
                    with open(out, "w", encoding="utf-8") as fh:
                        json.dump(catalog.export_json(), fh, ensure_ascii=False, indent=1)
        except LibraryError as exc:
            where = f" ({exc.where})" if exc.where else ""
            raise QgsProcessingException(
                self.tr("The catalog was not imported: {error}").format(error=str(exc) + where)
            ) from exc
        feedback.setProgress(100)
        feedback.pushInfo(
            self.tr("Catalog: {added} added, {updated} updated, {unchanged} unchanged").format(
                **counts
            )
        )
        result = {"ADDED": counts["added"], "UPDATED": counts["updated"]}
        result["UNCHANGED"] = counts["unchanged"]
        if out:
            result[self.OUTPUT] = out
        return result
