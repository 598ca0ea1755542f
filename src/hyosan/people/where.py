"""Who stands in a few cells, read from the bins (people sorted by cell, engine.binning): a
behaviour that acts near a door or a zombie looks at the people there, not at everyone."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit, prange

from .states import HUMAN


class Occupants(NamedTuple):
    """Who stands in each cell: cell c's people are order[cell_start[c]:cell_start[c+1]], in
    increasing id (engine.state.Bins.occupants)."""

    cell_start: np.ndarray  # int32 per cell, and one more
    order: np.ndarray  # int32 per person binned


class Contacts(NamedTuple):
    """The cells where a zombie stands, binned: bin b holds cell cell[b]'s humans and zombies, in
    increasing id, as order[lo[b]:hi[b]]; the cells in increasing order (Bins.contacts)."""

    cell: np.ndarray  # int32 per bin
    lo: np.ndarray
    hi: np.ndarray
    order: np.ndarray  # int32: ids


@njit(parallel=True, cache=True)
def _mark(cells, occupants, marks):
    cell_start, order = occupants.cell_start, occupants.order
    for k in prange(cells.shape[0]):
        c = cells[k]
        for j in range(cell_start[c], cell_start[c + 1]):
            marks[order[j]] = True


def people_in(cells: np.ndarray, occupants: Occupants, also: np.ndarray | None = None) -> np.ndarray:
    """The people in the cells, and those with also[i] (a bool per person) if given, in
    increasing id."""
    marks = np.zeros(len(occupants.order), np.bool_) if also is None else also.copy()
    _mark(cells, occupants, marks)
    return np.flatnonzero(marks)


@njit(inline="always", cache=True)
def first_human(state, occupants, c, also):
    """The first human (or person in state `also`) in cell c, in increasing id; -1 if none."""
    cell_start, order = occupants.cell_start, occupants.order
    for j in range(cell_start[c], cell_start[c + 1]):
        s = state[order[j]]
        if s == HUMAN or s == also:
            return order[j]
    return -1
