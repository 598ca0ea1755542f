import numpy as np
import pytest

from hyosan import Simulation
from hyosan.people.table import COLUMNS, People


def test_a_column_is_made_at_its_initial_value_when_first_read():
    people = People.empty(5)
    assert people.columns == {} and people.bytes_per_person == 0
    assert np.array_equal(people.kin, np.full(5, -1))
    assert people.kin is people.column("kin")  # made once
    assert people.bytes_per_person == 4
    with pytest.raises(AttributeError):
        people.no_such_column


def test_restore_makes_the_saved_columns_and_resets_the_others():
    saved = People.empty(3)
    saved.group[:] = 2
    people = People.empty(3)
    people.kin[:] = 7  # made here, never in the saved table: so at its initial value there
    people.restore(dict(saved.columns))
    assert np.array_equal(people.group, [2, 2, 2])
    assert np.array_equal(people.kin, [-1, -1, -1])


def test_a_run_with_every_behaviour_off_makes_no_behaviour_columns():
    from benchmarks.hyosan_szr import scenario

    sim = Simulation(scenario(2000, ticks=20), 1)
    sim.run()
    behaviours = {"group", "kin", "act", "forbid", "arrows", "hostile", "skills", "message",
                  "kin_cell", "kin_state", "carrying", "leader", "left_group", "judged",
                  "heading", "guard_cell", "guard_wait"}
    assert behaviours <= set(COLUMNS)
    assert not behaviours & set(sim.people.columns)
    assert sim.people.bytes_per_person <= 24


def test_a_view_holds_the_columns_themselves_so_kernels_write_into_the_table():
    from collections import namedtuple

    Walkers = namedtuple("Walkers", "state cell alert")
    people = People.empty(5)
    view = people.view(Walkers)
    view.alert[2] = 1
    assert view.state is people.state and view.cell is people.cell
    assert people.alert.tolist() == [0, 0, 1, 0, 0]
