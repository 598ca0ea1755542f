import numpy as np
from hypothesis import given, settings, strategies as st

from hyosan.engine.binning import sort_by_cell
from hyosan.people.where import Occupants, people_in


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(0, 200), st.data())
def test_people_in_lists_those_standing_in_the_cells_and_the_others_asked_for(cells, people, data):
    cell = np.array(data.draw(st.lists(st.integers(0, cells - 1), min_size=people, max_size=people)),
                    np.int32)
    wanted = np.array(sorted(data.draw(st.sets(st.integers(0, cells - 1)))), np.int32)
    also = np.array(data.draw(st.lists(st.booleans(), min_size=people, max_size=people)), np.bool_)
    cell_start, order = np.zeros(cells + 1, np.int32), np.zeros(people, np.int32)
    sort_by_cell(cell, np.arange(people, dtype=np.int32), cell_start, order,
                 np.zeros((2, cells), np.int32))
    expected = np.flatnonzero(np.isin(cell, wanted))
    occupants = Occupants(cell_start, order)
    assert np.array_equal(people_in(wanted, occupants), expected)
    kept = also.copy()
    assert np.array_equal(people_in(wanted, occupants, also=also),
                          np.flatnonzero(np.isin(cell, wanted) | also))
    assert np.array_equal(also, kept)  # the caller's mask is left as it was
