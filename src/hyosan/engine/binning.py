"""People sorted by cell (a counting sort), so that a cell's occupants are one slice.

Everyone but the escaped is binned, the dead included, so that the bins do not change when
people die or turn between one move and the next: a bin rebuilt from a checkpoint is the same.
"""

from __future__ import annotations

from numba import njit

from ..scenario.model import ESCAPED


@njit(cache=True)
def bin_by_cell(state, cell, cell_start, order):
    """cell_start has cells + 1 entries; cell c's people are order[cell_start[c]:cell_start[c+1]],
    in increasing id."""
    cells = cell_start.shape[0] - 1
    for c in range(cells + 1):
        cell_start[c] = 0
    for i in range(state.shape[0]):
        if state[i] != ESCAPED:
            cell_start[cell[i] + 1] += 1
    for c in range(cells):
        cell_start[c + 1] += cell_start[c]
    # Fill from the end, walking people backwards, so that each bin keeps increasing ids.
    end = cell_start[cells]
    for i in range(state.shape[0] - 1, -1, -1):
        if state[i] != ESCAPED:
            c = cell[i]
            cell_start[c + 1] -= 1
            order[cell_start[c + 1]] = i
    # Each cursor now sits at the start of its bin, one slot to the right: shift them back.
    for c in range(cells):
        cell_start[c] = cell_start[c + 1]
    cell_start[cells] = end
    return end
