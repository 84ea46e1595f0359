"""批而未供 at many dates at once: the batch rule of ``core/batches.py``, evaluated with arrays.

Part of :mod:`yimatong_plugin.core.lifecycle`; no Qt, no QGIS. The statistics' trend asks for
the 批而未供 batches at the ten year ends before ``AS_OF`` as well as at ``AS_OF``: running the
rule code once per date over every project's events made the trend most of a refresh. Here
the approvals and supplies are read once (one index-only scan: ``schema_v9.py``) and reduced,
per (batch, project) pair, to prefix sums by date; each date is then a few array operations
over the pairs. The counting is the rule's (see ``core/batches.py``), step by step:

* a batch is keyed by the approval's ``batch``, else its document number, else code@date; its
  date is its first approval (archived projects' included), due ``unsupplied_years`` later;
* a project counts once in its batch: by area, its approved area is the sum of its approvals'
  areas (each ``area_m2``, else the project's declared area) and its supplied area the sum of
  its supplies naming the batch plus its share of the supplies naming none (they fill the
  project's batches in approval order), capped at the approved area; a supply recording no
  area hands over the whole project; by project count (an approval without area) any supply
  of the batch supplies the project;
* archived projects are left out of the totals; a batch is found when a live project is not
  supplied (``supplied < approved - 1e-9``).

The sums are taken in the rule's order (a project's approvals by date then fid, with Python's
``sum``; the batch totals project by project in code order, ``numpy.bincount`` adding in array
order), so the ratios are the rule's to the last bit. ``tests/unit/test_batch_dates.py``
compares every figure with ``batches.unsupplied_findings`` on random libraries at many dates,
and :func:`.facts.findings_and_year_ends` checks at ``AS_OF`` that the batches found here are
the rule code's, refusing the trend otherwise.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .arrays import Dues, Prefix, add_years_ordinals, grouped, no_cycle_collection
from .events import float_value, to_date
from .model import Thresholds

#: the approvals as of a date (parameters: archived, the day after the date), in the order the
#: rules read them (``facts.load``: code, date, fid)
APPROVALS_SQL = """
SELECT code, fid, CAST(event_date AS TEXT), batch, doc_no, area_m2
FROM ymt_events
WHERE stage = 'conversion_approval' AND archived = ? AND event_date < ?
ORDER BY code, event_date, fid
"""

_APPROVING = (
    "SELECT code FROM ymt_events "
    "WHERE stage = 'conversion_approval' AND archived = ? AND event_date < ?"
)

#: the supplies as of a date of the projects with an approval by then (parameters: archived,
#: the day after the date, twice), in the rules' order
SUPPLIES_SQL = f"""
SELECT code, fid, CAST(event_date AS TEXT), batch, area_m2
FROM ymt_events
WHERE stage = 'supply' AND archived = ? AND event_date < ? AND code IN ({_APPROVING})
ORDER BY code, event_date, fid
"""

#: the projects with an approval by a date (parameters as approvals): archived, declared area;
#: division, year, source (the statistics' filter and division split of a batch)
PROJECTS_SQL = f"""
SELECT code, archived, declared_area_m2, admin, year, source
FROM ymt_projects
WHERE code IN ({_APPROVING})
"""


def _area(area, declared) -> float | None:
    """An approval's area as the rules read it: its own, else the project's declared area."""
    value = float_value(area)
    if value is None and declared not in (None, ""):
        value = float_value(declared)
    return value


def _in_order(rows: list, days: dict) -> list:
    """``rows`` in the rules' order (code, day, stored date, fid)."""
    return sorted(rows, key=lambda r: (r[0], days[str(r[2])], str(r[2]), r[1]))


@dataclass
class _State:
    found: np.ndarray  # batches found, in the findings' order
    live: np.ndarray  # per pair
    unsupplied: np.ndarray  # per pair
    approved_sum: np.ndarray  # per pair: approved m²
    by_area: np.ndarray  # per batch
    total_approved: np.ndarray  # per batch
    total_supplied: np.ndarray  # per batch
    dues: Dues  # per batch


@dataclass(frozen=True)
class BatchFigure:
    """One 批而未供 batch at a date: what the rule's finding says, as numbers."""

    batch: str
    approved_on: _dt.date  # first approval of the batch (archived projects' included)
    due: _dt.date
    by_area: bool  # False: counted by projects (an approval records no area)
    approved: float  # m² (by area) or projects
    supplied: float
    supplied_ratio: float
    codes: tuple[str, ...]  # live projects not (fully) supplied, in code order
    members: tuple[str, ...]  # live projects of the batch, in code order
    #: per live project: its approved m² in the batch (by area), for the division split
    areas: tuple[float, ...] = ()
    #: first approval of the live projects (the statistics' "approved on")
    live_approved_on: _dt.date | None = None


class _Projects(Mapping):
    """``{code: {"admin", "year", "source"}}``, each dict made when asked for."""

    _NAMES = ("admin", "year", "source")

    def __init__(self, facts: dict[str, tuple]):
        self._facts = facts

    def __getitem__(self, code: str) -> dict:
        return dict(zip(self._NAMES, self._facts[code]))

    def __iter__(self):
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)


class BatchDates:
    """The approvals and supplies of a library as of ``until``, ready for any date up to it.

    ``approvals``/``supplies``: rows of :data:`APPROVALS_SQL` / :data:`SUPPLIES_SQL`, sorted
    here in the rules' order (code, date, fid) unless ``ordered`` (the SQL's ``ORDER BY``);
    ``projects``: rows of :data:`PROJECTS_SQL` (the first three columns at least)."""

    def __init__(self, approvals, supplies, projects, until: _dt.date, ordered: bool = False):
        self.until = to_date(until)
        self.archived: set[str] = set()
        declared: dict = {}  # code -> the stored declared area
        facts: dict[str, tuple] = {}
        for code, archived, area, *more in projects:
            facts[code] = tuple(more)
            declared[code] = area
            if archived:
                self.archived.add(code)
        self._declared = declared
        approvals, supplies = list(approvals), list(supplies)
        days = {t: to_date(t) for t in {str(r[2]) for r in approvals + supplies}}
        self._days = days
        if not ordered:
            approvals, supplies = _in_order(approvals, days), _in_order(supplies, days)
        self._approval_rows, self._supply_rows = approvals, supplies

        # approvals: batch key (the rule's), area (the declared one when it records none)
        keys = [
            str(b) if b not in (None, "") else (str(d or "") or f"{c}@{days[str(t)]}")
            for c, _, t, b, d, _ in approvals
        ]
        values = [_area(r[5], declared.get(r[0])) for r in approvals]
        pair_of: dict[tuple[str, str], int] = {}
        ids = [pair_of.setdefault((k, r[0]), len(pair_of)) for k, r in zip(keys, approvals)]
        # pairs in batch then code order (the batch totals add projects in code order)
        pairs = sorted(pair_of, key=lambda kc: (kc[0], kc[1]))
        rank = np.empty(len(pairs), dtype=np.int64)
        rank[[pair_of[p] for p in pairs]] = np.arange(len(pairs))
        self.keys = sorted({k for k, _ in pairs})
        key_index = {k: i for i, k in enumerate(self.keys)}
        self.pairs = pairs
        self._members: dict[str, list[str]] = {}
        for key, code in pairs:
            self._members.setdefault(key, []).append(code)
        self.codes = sorted({code for _, code in pairs})
        code_index = {c: i for i, c in enumerate(self.codes)}
        self.pair_batch = np.asarray([key_index[k] for k, _ in pairs], dtype=np.int64)
        self.pair_code = np.asarray([code_index[c] for _, c in pairs], dtype=np.int64)
        self.pair_archived = np.asarray([c in self.archived for _, c in pairs], dtype=bool)
        ordinal = np.asarray([days[str(r[2])].toordinal() for r in approvals], dtype=np.int64)
        order, group = grouped(rank[ids].tolist() if ids else [])
        # approvals per pair: area (or 0) sums; count of approvals without a (non-zero) area
        ordered = [values[i] for i in order.tolist()]
        self.approved = Prefix(
            len(pairs),
            group,
            ordinal[order],
            [v or 0.0 for v in ordered],
            np.asarray([not v for v in ordered], dtype=bool),
        )
        first = np.full(len(pairs), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, group, ordinal[order])
        self.pair_first = first.tolist()
        batch_first = np.full(len(self.keys), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(batch_first, self.pair_batch, first)
        self.batch_first = batch_first.tolist()
        self._due_cache: dict[int, tuple] = {}
        self.batch_start = np.searchsorted(self.pair_batch, np.arange(len(self.keys) + 1)).tolist()

        # supplies per pair naming its batch, per project naming none: area (or 0) sums; count
        # recording no area (a supply naming a batch its project is not in counts nowhere)
        n_pairs, n_codes = len(pairs), len(self.codes)
        pair_index = {p: i for i, p in enumerate(pairs)}
        named_ids, unnamed_ids, named_rows, unnamed_rows = [], [], [], []
        for j, (code, _, _, batch, _) in enumerate(supplies):
            if batch in (None, ""):
                if code in code_index:
                    unnamed_ids.append(code_index[code])
                    unnamed_rows.append(j)
            else:
                i = pair_index.get((str(batch), code))
                if i is not None:
                    named_ids.append(i)
                    named_rows.append(j)
        s_ordinal = np.asarray([days[str(r[2])].toordinal() for r in supplies], dtype=np.int64)
        s_area = [float_value(r[4]) for r in supplies]

        def prefix(n, ids, rows):
            order, group = grouped(ids)
            rows = [rows[i] for i in order.tolist()]
            areas = [s_area[j] for j in rows]
            return Prefix(
                n,
                group,
                s_ordinal[rows] if rows else np.zeros(0, dtype=np.int64),
                [a or 0.0 for a in areas],
                np.asarray([a is None for a in areas], dtype=bool),
            )

        self.named = prefix(n_pairs, named_ids, named_rows)
        self.unnamed = prefix(n_codes, unnamed_ids, unnamed_rows)
        # projects in several batches: their shares of the supplies naming none, in order
        several = np.bincount(self.pair_code, minlength=n_codes) > 1
        per_code: dict[int, list[int]] = {}
        for i in np.flatnonzero(several[self.pair_code]).tolist():
            per_code.setdefault(int(self.pair_code[i]), []).append(i)
        self.multi = {
            c: sorted(idx, key=lambda i: (self.pair_first[i], self.pairs[i][0]))
            for c, idx in per_code.items()
        }
        #: the batches' projects: {code: {"admin", "year", "source"}} (as ``PROJECTS_SQL``)
        self.projects = _Projects(facts)

    def batch_codes(self, key: str) -> list[str]:
        """Every project of batch ``key`` by ``until`` (archived ones too), in code order."""
        return self._members.get(key, [])

    def events(self, codes: Iterable[str]) -> dict[str, list]:
        """``{code: its approvals and supplies by until}`` as the rules read them (``Event`` s
        in date order, the project's declared area filled in: ``with_project_defaults``)."""
        from .events import Event, with_project_defaults

        wanted = set(codes)
        rows: dict[str, list] = {c: [] for c in wanted}
        for code, fid, text, batch, doc_no, area in self._approval_rows:
            if code in wanted:
                rows[code].append(
                    ("conversion_approval", code, fid, str(text), batch, doc_no, area)
                )
        for code, fid, text, batch, area in self._supply_rows:
            if code in wanted:
                rows[code].append(("supply", code, fid, str(text), batch, None, area))
        out = {}
        for code in sorted(wanted):
            evs = sorted(rows[code], key=lambda r: (self._days[r[3]], r[3], r[2]))
            events = [
                Event(
                    stage=stage,
                    date=self._days[text],
                    doc_no=str(doc_no or ""),
                    id=fid,
                    attrs={"fid": fid, "code": code, "batch": batch, "area_m2": area},
                )
                for stage, _, fid, text, batch, doc_no, area in evs
            ]
            out[code] = with_project_defaults(
                {"declared_area_m2": self._declared.get(code)}, events
            )
        return out

    def _state(self, as_of: _dt.date, th: Thresholds):
        """The batch rule as of ``as_of`` over every (batch, project) pair, as arrays; None
        when there is no batch."""
        as_of = to_date(as_of)
        if as_of > self.until:
            raise ValueError(f"{as_of} is after the date the facts were read for ({self.until})")
        if not self.pairs:
            return None
        day = as_of.toordinal()
        n_keys = len(self.keys)
        k_a, approved_sum, no_area = self.approved.at(day)
        k_n, named_sum, named_none = self.named.at(day)
        k_u, pool, pool_none = self.unnamed.at(day)
        present = k_a > 0
        live = present & ~self.pair_archived
        lacking = (live & (no_area > 0)).astype(np.float64)
        by_area = np.bincount(self.pair_batch, weights=lacking, minlength=n_keys) == 0
        pair_by_area = by_area[self.pair_batch]
        # the supplies naming no batch: each pair's share of its project's pool
        code = self.pair_code
        whole = (k_u[code] > 0) & (pool_none[code] > 0)
        need = np.maximum(0.0, approved_sum - named_sum)
        share = np.where(k_u[code] > 0, np.minimum(need, pool[code]), 0.0)
        for c, idx in self.multi.items():
            if k_u[c] == 0 or pool_none[c] > 0:
                continue
            left = float(pool[c])
            for i in idx:
                if not present[i]:
                    continue
                share[i] = min(max(0.0, float(approved_sum[i]) - float(named_sum[i])), left)
                left -= share[i]
        approved = np.where(pair_by_area, approved_sum, 1.0)
        own = (k_n + k_u[code]) > 0
        plain = ~pair_by_area | whole | (named_none > 0)
        supplied = np.where(
            own, np.where(plain, approved, np.minimum(approved, named_sum + share)), 0.0
        )
        unsupplied = live & (supplied < approved - 1e-9)
        weights = unsupplied.astype(np.float64)
        found = np.flatnonzero(np.bincount(self.pair_batch, weights=weights, minlength=n_keys))
        dues, due_day, rank = self._dues(th.unsupplied_years)
        found = found[due_day[found] <= day]  # due by as_of
        found = found[np.argsort(rank[found])]  # the findings' order: due date, then batch
        lv = np.flatnonzero(live)
        total_approved = np.bincount(self.pair_batch[lv], weights=approved[lv], minlength=n_keys)
        total_supplied = np.bincount(self.pair_batch[lv], weights=supplied[lv], minlength=n_keys)
        return _State(
            found, live, unsupplied, approved_sum, by_area, total_approved, total_supplied, dues
        )

    def at(self, as_of: _dt.date, thresholds: Thresholds | None = None) -> list[BatchFigure]:
        """The 批而未供 batches as of ``as_of`` (≤ ``until``), ordered as the findings (due date,
        then batch)."""
        st = self._state(as_of, thresholds or Thresholds())
        if st is None or not len(st.found):
            return []
        live_l, unsupplied_l = st.live.tolist(), st.unsupplied.tolist()
        areas_l, by_area_l = st.approved_sum.tolist(), st.by_area.tolist()
        pairs, starts, first_day = self.pairs, self.batch_start, self.pair_first
        out = []
        for b in st.found.tolist():
            begin, end = starts[b], starts[b + 1]
            if end - begin == 1:  # most batches: one project
                members = [begin]
                live_first = first_day[begin]
            else:
                members = [i for i in range(begin, end) if live_l[i]]
                live_first = min(first_day[i] for i in members)
            approved_total = float(st.total_approved[b])
            supplied_total = float(st.total_supplied[b])
            out.append(
                BatchFigure(
                    batch=self.keys[b],
                    approved_on=_dt.date.fromordinal(self.batch_first[b]),
                    due=st.dues[b],
                    by_area=by_area_l[b],
                    approved=approved_total,
                    supplied=supplied_total,
                    supplied_ratio=supplied_total / approved_total if approved_total else 0.0,
                    codes=tuple(pairs[i][1] for i in members if unsupplied_l[i]),
                    members=tuple(pairs[i][1] for i in members),
                    areas=tuple(areas_l[i] for i in members),
                    live_approved_on=_dt.date.fromordinal(live_first),
                )
            )
        return out

    def totals(self, as_of: _dt.date, thresholds: Thresholds | None = None, matching=None) -> list:
        """``[batches, approved m², unsupplied m², batches without area]`` of the 批而未供
        batches as of ``as_of`` (what ``statistics.tables.add_batch`` adds up over
        :meth:`at`'s batches): those with a live project for which ``matching(code)`` is
        true (None: all). Unsupplied = approved × (1 − supplied ratio), per batch."""
        st = self._state(as_of, thresholds or Thresholds())
        if st is None or not len(st.found):
            return [0, 0.0, 0.0, 0]
        found = st.found
        if matching is not None:
            pair_ok = np.asarray([bool(matching(c)) for _, c in self.pairs], dtype=bool)
            weights = (pair_ok & st.live).astype(np.float64)
            ok = np.bincount(self.pair_batch, weights=weights, minlength=len(self.keys)) > 0
            found = found[ok[found]]
        by_area = st.by_area[found]
        approved = st.total_approved[found][by_area]
        supplied = st.total_supplied[found][by_area]
        ratio = np.divide(supplied, approved, out=np.zeros_like(approved), where=approved != 0)
        return [
            int(len(found)),
            float(approved.sum()),
            float((approved * (1.0 - ratio)).sum()),
            int((~by_area).sum()),
        ]

    def _dues(self, years: int) -> tuple[Dues, np.ndarray, np.ndarray]:
        """Per batch: due date, as an ordinal, and its rank by (due date, batch)."""
        got = self._due_cache.get(years)
        if got is None:
            due_day = add_years_ordinals(np.asarray(self.batch_first, dtype=np.int64), years)
            rank = np.empty(len(due_day), dtype=np.int64)
            rank[np.lexsort((np.arange(len(due_day)), due_day))] = np.arange(len(due_day))
            got = self._due_cache[years] = (Dues(due_day), due_day, rank)
        return got


def read(fetch, until: _dt.date) -> BatchDates:
    """:class:`BatchDates` of a library (``fetch(sql, params)`` → tuples) as of ``until``."""
    until = to_date(until)
    params = [False, (until + _dt.timedelta(days=1)).isoformat()]
    with no_cycle_collection():
        return BatchDates(
            fetch(APPROVALS_SQL, params),
            fetch(SUPPLIES_SQL, params * 2),
            fetch(PROJECTS_SQL, params),
            until,
            ordered=True,
        )
