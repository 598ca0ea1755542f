"""Who stands in a few cells, read from the bins (people sorted by cell, engine.binning): a
behaviour that acts near a door or a zombie looks at the people there, not at everyone."""

from __future__ import annotations

import numpy as np
from numba import njit

from .states import HUMAN


@njit(cache=True)
def _mark(cells, cell_start, order, marks):
    for c in cells:
        for j in range(cell_start[c], cell_start[c + 1]):
            marks[order[j]] = True


def people_in(cells: np.ndarray, cell_start: np.ndarray, order: np.ndarray,
              also: np.ndarray | None = None) -> np.ndarray:
    """The people in the cells, and those with also[i] (a bool per person) if given, in
    increasing id; cell c's people are order[cell_start[c]:cell_start[c+1]]."""
    marks = np.zeros(len(order), np.bool_) if also is None else also.copy()
    _mark(cells, cell_start, order, marks)
    return np.flatnonzero(marks)


@njit(inline="always", cache=True)
def first_human(state, cell_start, order, c, also):
    """The first human (or person in state `also`) in cell c, in increasing id; -1 if none."""
    for j in range(cell_start[c], cell_start[c + 1]):
        s = state[order[j]]
        if s == HUMAN or s == also:
            return order[j]
    return -1
