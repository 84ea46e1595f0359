"""Array helpers of :mod:`.batch_dates`: prefix sums by date per group, anniversaries over
day ordinals, the cyclic garbage collector paused for a bulk read. No Qt, no QGIS."""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc

import numpy as np

_EPOCH = _dt.date(1970, 1, 1).toordinal()


def add_years_ordinals(days: np.ndarray, years: int) -> np.ndarray:
    """:func:`.events.add_years` over day ordinals: the same month and day ``years`` later,
    29 February → 1 March in a year that is not leap (the first of the month + the day − 1)."""
    d = (days - _EPOCH).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    day_in_month = (d - month).astype(np.int64)
    later = (month.astype(np.int64) + 12 * years).astype("datetime64[M]").astype("datetime64[D]")
    return (later - np.datetime64("1970-01-01", "D")).astype(np.int64) + day_in_month + _EPOCH


class Dues:
    """Due dates by batch index, as dates, made when asked for."""

    def __init__(self, ordinals: np.ndarray):
        self.ordinals = ordinals

    def __getitem__(self, b: int) -> _dt.date:
        return _dt.date.fromordinal(int(self.ordinals[b]))


class Prefix:
    """Per group, its items (in the rule's order) as prefix sums: after k items, Python's
    ``sum`` of their values and how many are flagged — for any date, in one ``bincount``.

    ``group``: each item's group (0…n-1, items of a group together, in order); ``day``:
    ordinal; ``value``; ``flag``."""

    def __init__(self, n: int, group: np.ndarray, day: np.ndarray, value: list, flag: np.ndarray):
        counts = np.bincount(group, minlength=n)
        start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        self.n = n
        self.offset = start + np.arange(n, dtype=np.int64)  # each group: 1 + its items
        size = len(group) + n
        position = self.offset[group] + (np.arange(len(group)) - start[group]) + 1
        sums = np.zeros(size, dtype=np.float64)
        sums[position] = np.asarray(value, dtype=np.float64)  # a group of one: its value
        for g in np.flatnonzero(counts > 1).tolist():  # several: Python's sum, as the rule
            first = int(start[g])
            values = value[first : first + int(counts[g])]
            base = int(self.offset[g]) + 1
            for k in range(2, len(values) + 1):
                sums[base + k - 1] = sum(values[:k])
        flags = np.zeros(size, dtype=np.int64)
        running = np.cumsum(flag.astype(np.int64))
        before = np.concatenate(([0], running))[start][group]  # flagged before each group
        flags[position] = running - before
        self.sums, self.flags = sums, flags
        self.group, self.day = group, day

    def at(self, day: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(count, sum, flagged count) per group of the items dated by ``day``."""
        count = np.bincount(self.group[self.day <= day], minlength=self.n)
        index = self.offset + count
        return count, self.sums[index], self.flags[index]


def grouped(ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(stable order putting equal ids together, the ids in that order)."""
    ids_a = np.asarray(ids, dtype=np.int64)
    order = np.argsort(ids_a, kind="stable")
    return order, ids_a[order]


@contextlib.contextmanager
def no_cycle_collection():
    """Python's cyclic garbage collector paused: reading a few hundred thousand rows makes as
    many tuples, none in a cycle, and each collection would walk them all again (a third of
    the time of a refresh). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
