import numpy as np
from hypothesis import given, settings, strategies as st

from hyosan.engine import binning
from hyosan.engine.binning import bins_with_zombies, cells_of, in_zombie_cells, sort_by_cell
from hyosan.shares import pick
from hyosan.people.states import ESCAPED, HALFBIE, HUMAN, ZOMBIE

people_in_cells = st.lists(st.tuples(st.integers(0, 29), st.integers(0, 5)), max_size=200)


def _arrays(cells, people):
    """The cell and state columns of people_in_cells, on a map of `cells` cells."""
    return (np.array([c % cells for c, _ in people], np.int32),
            np.array([s for _, s in people], np.uint8))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), people_in_cells, st.integers(1, 5))
def test_bins_hold_everyone_but_the_escaped_in_increasing_id(cells, people, parts):
    cell, state = _arrays(cells, people)
    binned = pick(state != ESCAPED, np.zeros(len(people), np.int32))
    kept = np.flatnonzero(state != ESCAPED)
    expected = kept[np.argsort(cell[kept], kind="stable")]
    # sort_by_cell sorts so few on one thread: the threaded sort must give the same
    for sort in (lambda *a: sort_by_cell(*a, np.zeros((parts, cells), np.int32)),
                 lambda *a: binning._counting_sort(*a[:1], False, *a[1:], np.zeros((parts, cells), np.int32))):
        start = np.full(cells + 1, 7, np.int32)  # not zeros: the sort must write every entry
        order = np.full(len(people), -1, np.int32)
        sort(cell, binned, start, order)
        assert np.array_equal(order[: len(kept)], expected)
        assert start[0] == 0 and start[-1] == len(kept)
        for c in range(cells):
            members = order[start[c]:start[c + 1]]
            assert np.all(cell[members] == c)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=300))
def test_pick_lists_the_kept_in_increasing_id(keep):
    keep = np.array(keep, np.bool_)
    assert np.array_equal(pick(keep, np.full(len(keep), -1, np.int32)), np.flatnonzero(keep))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), people_in_cells)
def test_the_cells_of_each_group_are_those_np_unique_finds(cells, people):
    cell, state = _arrays(cells, people)
    groups = ((HUMAN,), (ZOMBIE,), (ZOMBIE, HALFBIE))
    found = cells_of(state, cell, np.zeros(cells, np.int32), groups)
    for states, listed in zip(groups, found):
        assert np.array_equal(listed, np.unique(cell[np.isin(state, states)]))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), people_in_cells)
def test_contacts_are_the_humans_and_zombies_of_cells_with_a_zombie(cells, people):
    cell, state = _arrays(cells, people)
    n = len(people)
    met, their_cells = in_zombie_cells(state, cell, np.zeros(cells, np.uint8),
                                       np.zeros(n, np.int32), np.zeros(n, np.int32))
    with_zombie = np.isin(cell, cell[state == ZOMBIE])
    expected = np.flatnonzero(with_zombie & ((state == HUMAN) | (state == ZOMBIE)))
    assert np.array_equal(met, expected)
    assert np.array_equal(their_cells, cell[expected])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), people_in_cells)
def test_bins_with_zombies_are_the_bins_of_every_cell_with_a_zombie(cells, people):
    cell, state = _arrays(cells, people)
    n = len(people)
    bin_cell, bin_start, order = bins_with_zombies(state, cell, np.zeros(cells, np.uint8),
                                                   np.zeros(cells, np.int32), np.zeros(n, np.int32),
                                                   np.zeros(n, np.int32), np.zeros(n, np.int32))
    assert np.array_equal(bin_cell, np.unique(cell[state == ZOMBIE]))
    for b, c in enumerate(bin_cell):
        here = np.flatnonzero((cell == c) & ((state == HUMAN) | (state == ZOMBIE)))
        assert np.array_equal(order[bin_start[b]:bin_start[b + 1]], here)
