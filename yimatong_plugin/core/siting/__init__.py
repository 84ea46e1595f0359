"""辅助选址 site selection: where may a project of a given use and size go?

No Qt/QGIS here (the Processing glue is ``processing/algorithms/siteselection.py``).

* :mod:`.land` — the allowed land: search area − avoid lines ∩ inside lines ∩ zoning compatible
  with the project's use − excluded land, with the compliance engine's layers, rules, repair and
  use-compatibility table (:mod:`..overlay`, :mod:`..landuse_compat`);
* :mod:`.candidates` — candidate sites from the allowed land (minimum width by a morphological
  opening, connected pieces of at least the minimum area, optional grid cut of large pieces),
  criteria normalised 0–1 and ranked by a weighted sum, with reasons in Chinese.
"""

from .candidates import Candidate, Criterion, SitingResult, select_sites

__all__ = ["Candidate", "Criterion", "SitingResult", "select_sites"]
