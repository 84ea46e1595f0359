"""The provider's algorithms: one file per algorithm, listed in :func:`algorithm_classes`."""

from __future__ import annotations


def algorithm_classes() -> list:
    """Classes of every algorithm the provider offers (imported lazily)."""
    classes = []
    # Each algorithm module appends itself here; keep one import per line.
    from .about import AboutAlgorithm

    classes.append(AboutAlgorithm)
    from .complianceoverlay import ComplianceOverlayAlgorithm

    classes.append(ComplianceOverlayAlgorithm)
    from .checkparcels import CheckParcelsAlgorithm

    classes.append(CheckParcelsAlgorithm)
    from .importprojects import ImportProjectsAlgorithm

    classes.append(ImportProjectsAlgorithm)
    from .lifecyclemonitor import LifecycleMonitorAlgorithm

    classes.append(LifecycleMonitorAlgorithm)
    from .projectboxreport import ProjectBoxReportAlgorithm

    classes.append(ProjectBoxReportAlgorithm)
    return classes
