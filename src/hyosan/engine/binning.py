"""People sorted by cell (a counting sort), so that a cell's occupants are one slice.

Everyone but the escaped is binned, the dead included, so that the bins do not change when
people die or turn between one move and the next. The move phase sorts the people who step by
the cell they step into in the same way, and bites and fights sort only the people who stand
with a zombie.

Every pass splits the people (or cells) into shares, one per thread, and the results are the
same for any number of shares.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, prange

from ..events import part_slots
from ..people.states import HUMAN, ZOMBIE
from ..shares import close_gaps, pick, share


SERIAL_BELOW = 16384  # fewer people are sorted on one thread: starting threads costs more


def sort_by_cell(cell, ids, cell_start, order, counts) -> None:
    """Sort the people `ids` (in increasing id) by cell: cell_start has cells + 1 entries, and
    cell c's people are order[cell_start[c]:cell_start[c+1]], in increasing id. counts
    (parts x cells) is scratch: part k counts and places the k-th share of ids, and a cell
    takes part 0's people first."""
    _sort(cell, False, ids, cell_start, order, counts)


def sort_by_key(keys, ids, key_start, order, counts) -> None:
    """sort_by_cell, with the key of ids[j] given as keys[j] (not looked up by id)."""
    _sort(keys, True, ids, key_start, order, counts)


def _sort(keys, by_position, ids, key_start, order, counts) -> None:
    if len(ids) < SERIAL_BELOW:
        _counting_sort_serial(keys, by_position, ids, key_start, order)
    else:
        _counting_sort(keys, by_position, ids, key_start, order, counts)


@njit(inline="always", cache=True)
def _key(keys, by_position, ids, j):
    return keys[j] if by_position else keys[ids[j]]


@njit(parallel=True, cache=True)
def _counting_sort(keys, by_position, ids, key_start, order, counts):
    parts, cells = counts.shape
    for part in prange(parts):
        mine = counts[part]
        mine[:] = 0
        lo, hi = share(part, parts, ids.shape[0])
        for j in range(lo, hi):
            mine[_key(keys, by_position, ids, j)] += 1
    # Where each part's people go in each cell: a running sum over cells, then parts. It is
    # made in `parts` blocks of cells at once, each block starting from the totals before it.
    block_start = np.zeros(parts + 1, np.int64)
    for b in prange(parts):
        total = 0
        lo, hi = share(b, parts, cells)
        for c in range(lo, hi):
            for part in range(parts):
                total += counts[part, c]
        block_start[b + 1] = total
    for b in range(parts):
        block_start[b + 1] += block_start[b]
    for b in prange(parts):
        at = block_start[b]
        lo, hi = share(b, parts, cells)
        for c in range(lo, hi):
            key_start[c] = at
            for part in range(parts):
                k = counts[part, c]
                counts[part, c] = at  # from now on: where part's next person in cell c goes
                at += k
    key_start[cells] = block_start[parts]
    for part in prange(parts):
        mine = counts[part]
        lo, hi = share(part, parts, ids.shape[0])
        for j in range(lo, hi):
            c = _key(keys, by_position, ids, j)
            order[mine[c]] = ids[j]
            mine[c] += 1


@njit(cache=True)
def _counting_sort_serial(keys, by_position, ids, key_start, order):
    """_counting_sort on one thread, with key_start as its only count: the same result in a
    third of the passes over the cells, which is what a sort of few people costs."""
    cells = key_start.shape[0] - 1
    key_start[:] = 0
    for j in range(ids.shape[0]):
        k = _key(keys, by_position, ids, j)
        if k + 2 <= cells:  # the last key's count is never needed
            key_start[k + 2] += 1
    for c in range(2, cells + 1):
        key_start[c] += key_start[c - 1]
    # now key_start[k + 1] is where key k's people start: place them, moving it to their end,
    # which is where key k + 1's start
    for j in range(ids.shape[0]):
        k = _key(keys, by_position, ids, j)
        order[key_start[k + 1]] = ids[j]
        key_start[k + 1] += 1


def bins_with_zombies(state, cell, marks, bin_of_cell, ids, keys, order):
    """(bin_cell, bin_start, order): a bin for each cell where a zombie stands, in increasing
    cell; bin b holds the humans and zombies of cell bin_cell[b], in increasing id, as
    order[bin_start[b]:bin_start[b+1]]. marks (a byte per cell), bin_of_cell (an int32 per
    cell), ids, keys and order (one per person) are scratch."""
    marks[:] = 0
    met, their_cells = in_zombie_cells(state, cell, marks, ids, keys)
    bin_cell = pick(marks, bin_of_cell).copy()  # bin_of_cell is scratch until the next line
    bin_of_cell[bin_cell] = np.arange(len(bin_cell), dtype=np.int32)
    bins = _to_bins(their_cells, bin_of_cell)
    bin_start = np.empty(len(bin_cell) + 1, np.int32)
    sort_by_key(bins, met, bin_start, order, np.empty((get_num_threads(), len(bin_cell)), np.int32))
    return bin_cell, bin_start, order[:len(met)]


def cells_of(state, cell, out, groups: tuple[tuple[int, ...], ...]) -> list[np.ndarray]:
    """For each group of states (people.states), the cells where someone in one of them
    stands, in increasing order: the same as np.unique of their cells, several times faster.
    One pass over the people marks the cells of every group. out (an int32 per cell) is
    scratch."""
    member = np.zeros((len(groups) + 1, 256), np.bool_)  # the last row: in any group
    for g, states in enumerate(groups):
        member[g, list(states)] = member[-1, list(states)] = True
    marks = np.zeros((len(groups), len(out)), np.uint8)
    _mark_cells_of(state, cell, member, marks)
    return [pick(m, out).copy() for m in marks]


@njit(parallel=True, cache=True)
def _mark_cells_of(state, cell, member, marks):
    """marks[g, c] = 1 where someone of a state in group g (member[g, state]) stands in c."""
    groups = marks.shape[0]
    for i in prange(state.shape[0]):
        s = state[i]
        if member[groups, s]:  # first: often false, so a person is passed over at once
            for g in range(groups):
                if member[g, s]:
                    marks[g, cell[i]] = 1  # threads may mark a cell at once: the same value


def in_zombie_cells(state, cell, marks, ids, cells) -> tuple[np.ndarray, np.ndarray]:
    """The humans and zombies who stand in a cell with a zombie, in increasing id, and their
    cells: all that bites and fights read. marks (a byte per cell, zeros), ids and cells (one
    per person) are scratch; the results are slices of ids and cells."""
    first, found = part_slots()
    _mark_zombie_cells(state, cell, marks)
    _with_zombies(state, cell, marks, ids, cells, first, found)
    return close_gaps(ids, first, found), close_gaps(cells, first, found)


@njit(parallel=True, cache=True)
def _mark_zombie_cells(state, cell, marks):
    for i in prange(state.shape[0]):
        if state[i] == ZOMBIE:
            marks[cell[i]] = 1  # threads may mark a cell at once: they write the same value


@njit(parallel=True, cache=True)
def _with_zombies(state, cell, marks, ids, cells, first, found):
    parts = found.shape[0]
    for part in prange(parts):
        lo, hi = share(part, parts, state.shape[0])
        m = first[part] = lo
        for i in range(lo, hi):
            s = state[i]
            c = cell[i]
            ids[m] = i  # branch-free, as in _pick_parts
            cells[m] = c
            m += ((s == HUMAN) | (s == ZOMBIE)) & (marks[c] != 0)
        found[part] = m - lo


@njit(parallel=True, cache=True)
def _to_bins(cells, bin_of_cell):
    """Each cell's bin, in place."""
    for j in prange(cells.shape[0]):
        cells[j] = bin_of_cell[cells[j]]
    return cells
