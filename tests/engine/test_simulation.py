import numpy as np
import pytest

from conftest import same_arrays
from hyosan import Simulation, load_scenario
from hyosan.events import KINDS


def test_same_seed_same_run_and_other_seed_differs(corridor):
    a, b, c = Simulation(corridor, 4), Simulation(corridor, 4), Simulation(corridor, 5)
    for sim in (a, b, c):
        sim.run()
    assert same_arrays(a.state_arrays(), b.state_arrays())
    assert not np.array_equal(a.people.cell, c.people.cell)


@pytest.mark.parametrize("name, stop_at", [("classroom", 1), ("classroom", 137), ("hyosan-high", 900)])
def test_restored_checkpoint_continues_bit_for_bit(name, stop_at):
    scenario = load_scenario(name).replace(duration=1500.0)
    whole = Simulation(scenario, 3)
    whole.run()

    first = Simulation(scenario, 3)
    first.run(until=stop_at)
    saved = {k: v.copy() for k, v in first.state_arrays().items()}
    second = Simulation(scenario, 3)
    second.restore_arrays(saved)
    assert second.tick == stop_at
    second.run()
    assert same_arrays(whole.state_arrays(), second.state_arrays())


def test_restore_refuses_another_seed(corridor):
    sim = Simulation(corridor, 1)
    with pytest.raises(ValueError, match="seed"):
        Simulation(corridor, 2).restore_arrays(sim.state_arrays())


def test_outbreak_spreads_in_the_classroom():
    """30 humans and one bitten person in one room, over 10 minutes and 20 seeds."""
    scenario = load_scenario("classroom")
    infected = []
    for seed in range(20):
        sim = Simulation(scenario, seed)
        sim.run()
        kinds = sim.events.arrays()["kind"]
        infected.append(int(np.sum(kinds == KINDS.index("bite"))))
        assert np.sum(kinds == KINDS.index("turn")) + np.sum(kinds == KINDS.index("halfbie")) >= 1
    # The bitten classmate turns in every run; the zombie bites someone in most runs (here 15 of
    # 20) and often infects most of the class; sometimes it is destroyed or outrun first.
    infected = np.array(infected)
    assert np.mean(infected > 0) >= 0.6
    assert infected.mean() >= 5


def test_initial_infections_are_logged_at_tick_zero(corridor):
    sim = Simulation(corridor, 1)
    ev = sim.events.arrays()
    start = ev["kind"] == KINDS.index("start")
    assert start.sum() == 3 and np.all(ev["tick"][start] == 0)


@pytest.mark.parametrize("sense", [1e30, 1e300])
def test_a_sense_past_any_map_is_capped_and_runs(corridor, sense):
    """A distance of 1e30 m is legal; in cells it is capped at 2^31 - 1 steps (the fields count
    steps in 32 bits), not an integer too big for a kernel."""
    import dataclasses

    from hyosan.engine.state import FARTHEST

    scenario = corridor.replace(movement=dataclasses.replace(corridor.movement, sense=sense, chase=sense))
    sim = Simulation(scenario, 1)
    assert sim.rates.sense == sim.rates.chase == FARTHEST
    sim.run(until=3)
    assert sim.tick == 3
