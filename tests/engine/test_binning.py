import numpy as np
from hypothesis import given, settings, strategies as st

from hyosan.engine.binning import sort_by_cell
from hyosan.scenario.model import ESCAPED


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 5)), max_size=200),
       st.integers(1, 5))
def test_bins_hold_everyone_but_the_escaped_in_increasing_id(cells, people, parts):
    cell = np.array([c % cells for c, _ in people], np.int32)
    state = np.array([s for _, s in people], np.uint8)
    start = np.zeros(cells + 1, np.int32)
    order = np.full(len(people), -1, np.int32)
    sort_by_cell(cell, state != ESCAPED, start, order, np.zeros((parts, cells), np.int32))
    kept = np.flatnonzero(state != ESCAPED)
    expected = kept[np.argsort(cell[kept], kind="stable")]
    assert np.array_equal(order[: len(kept)], expected)
    assert start[-1] == len(kept)
    for c in range(cells):
        members = order[start[c]:start[c + 1]]
        assert np.all(cell[members] == c)
