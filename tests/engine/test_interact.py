"""Contacts: bites and fights in a cell, and lunges into a full cell next door."""

import numpy as np
import pytest

from conftest import make_scenario, same_arrays
from hyosan import Simulation
from hyosan.people.states import BITTEN, HUMAN, ZOMBIE

# A dead end one cell wide: four humans fill its last cell (capacity 4), through an open
# doorway from the corridor; a zombie comes for them.
DEAD_END = """
#########
#z....+h#
#########
"""
ROOMS = 'z = "corridor"\nh = "end"'


def dead_end(fight: float = 0.0):
    return make_scenario(DEAD_END, ROOMS, f"""
        [infection]
        bite = 0.5
        fight = {fight}
        incubation = "1h"

        [movement]
        wander = 0

        [behaviours]
        injuries = false
        rescue = false
        decoy = false
        hold_door = false
        barricade = false

        [[people]]
        where = "end"
        count = 4

        [[people]]
        where = "corridor"
        count = 1
        state = "zombie"
        """, duration="2m")


def test_a_zombie_kept_out_of_a_full_cell_lunges_at_the_people_packed_in_it():
    """The zombie can never enter the full cell, so every bite is a lunge. 20 seeds: in every
    one some are bitten, and a lunge bites at most one person a tick (REACH x bite = 0.25)."""
    for seed in range(20):
        sim = Simulation(dead_end(), seed)
        end = sim.people.cell[sim.people.state == HUMAN][0]
        sim.run()
        assert (sim.people.cell[sim.people.state == ZOMBIE] != end).all()
        assert (sim.people.state == BITTEN).sum() >= 1, seed


def test_a_lunging_zombie_can_be_destroyed_by_those_it_lunges_at():
    killed = [Simulation(dead_end(fight=0.5), seed) for seed in range(20)]
    for sim in killed:
        sim.run()
    assert np.mean([(sim.people.state == ZOMBIE).sum() == 0 for sim in killed]) > 0.5


def test_bites_and_fights_read_the_same_from_the_bins_of_zombie_cells_as_from_every_cell():
    from benchmarks.hyosan_szr import scenario  # every behaviour off: nothing sorts everyone

    sparse, every = (Simulation(scenario(3000, ticks=60), 2) for _ in range(2))
    every.bins.contacts = every.bins.zombie_cells
    sparse.run()
    every.run()
    assert sparse.bins._order is None  # the bins of every cell were never sorted
    assert len(sparse.events.arrays()["tick"]) > 50  # bites, kills and turns happened
    assert same_arrays(sparse.state_arrays(), every.state_arrays())


def test_a_run_without_the_full_bins_does_not_depend_on_the_thread_count():
    import numba
    from benchmarks.hyosan_szr import scenario

    threads = numba.get_num_threads()
    if threads < 2:
        pytest.skip("one core: nothing to compare")
    runs = []
    try:
        for k in (1, threads):
            numba.set_num_threads(k)
            sim = Simulation(scenario(3000, ticks=60), 3)
            sim.run()
            runs.append(sim.state_arrays())
    finally:
        numba.set_num_threads(threads)
    assert same_arrays(runs[0], runs[1])
