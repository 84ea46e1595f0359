"""The provider's algorithms: one file per algorithm, listed in :func:`algorithm_classes`."""

from __future__ import annotations

import importlib

# (module, class) of every algorithm; keep one per line
ALGORITHMS = [
    ("about", "AboutAlgorithm"),
    ("complianceoverlay", "ComplianceOverlayAlgorithm"),
    ("checkparcels", "CheckParcelsAlgorithm"),
    ("importprojects", "ImportProjectsAlgorithm"),
    ("lifecyclemonitor", "LifecycleMonitorAlgorithm"),
    ("projectboxreport", "ProjectBoxReportAlgorithm"),
    ("syncapprovals", "SyncApprovalsAlgorithm"),
    ("importcoordinates", "ImportCoordinatesAlgorithm"),
    ("exportcoordinates", "ExportCoordinatesAlgorithm"),
    ("importcatalog", "ImportCatalogAlgorithm"),
    ("publishcontrolset", "PublishControlSetAlgorithm"),
    ("siteselection", "SiteSelectionAlgorithm"),
    ("statistics", "StatisticsAlgorithm"),
]


def algorithm_classes() -> list:
    """Classes of every algorithm the provider offers (imported lazily).

    When a required package is missing or broken (see toolbelt/dependencies.py) only
    ``yimatong:about`` is offered: it names the problem instead of computing wrong areas.
    """
    from ...toolbelt.dependencies import missing_required

    names = ALGORITHMS if not missing_required() else ALGORITHMS[:1]
    classes = []
    for module_name, class_name in names:
        module = importlib.import_module(f".{module_name}", __name__)
        classes.append(getattr(module, class_name))
    return classes
