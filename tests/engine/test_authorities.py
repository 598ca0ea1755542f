import numpy as np

from conftest import make_scenario, same_arrays
from hyosan import Simulation
from hyosan.events import KINDS
from hyosan.people.states import DEAD, ESCAPED
from hyosan.world.terrain import DOOR

MAP = """
############
#a.........#
#..........#
#####+######
#c.........E
############
"""
ROOMS = 'a = {name = "hall", tags = ["inside"]}\nc = "corridor"'
PEOPLE = """
[[people]]
where = "hall"
count = 20

[[people]]
where = "corridor"
count = 8
"""


def sim_with(orders: str, seed=1, **kw) -> Simulation:
    return Simulation(make_scenario(MAP, ROOMS, PEOPLE + orders, **kw), seed)


def events(sim, kind):
    ev = sim.events.arrays()
    return {k: v[ev["kind"] == KINDS.index(kind)] for k, v in ev.items()}


def in_hall(sim):
    return sim.world.zone[sim.people.cell] == 0


def test_a_bombing_kills_everyone_in_its_zone_and_no_one_else():
    sim = sim_with('[[authority]]\nat = "30s"\ndo = "bombing"\nzone = "hall"\n')
    sim.run(until=30)
    there = np.flatnonzero(in_hall(sim) & (sim.people.state != DEAD))
    elsewhere = np.flatnonzero(~in_hall(sim))
    sim.step()
    bombed = events(sim, "bombing")
    assert set(bombed["target"]) == set(there) and np.all(bombed["tick"] == 30)
    assert np.all(sim.people.state[there] == DEAD)
    assert not set(bombed["target"]) & set(elsewhere)


def test_a_rescue_takes_at_most_its_capacity_from_its_zone():
    sim = sim_with('[[authority]]\nat = "10s"\ndo = "rescue"\nzone = "inside"\ncapacity = 6\nlasts = "2m"\n')
    sim.run()
    taken = events(sim, "rescue")
    assert len(taken["target"]) == 6 and np.all(taken["tick"] >= 10)
    assert np.all(sim.people.state[taken["target"]] == ESCAPED)
    assert np.all(sim.world.zone[taken["cell"]] == 0)
    assert sim.rescued[0] == 6


def test_nobody_crosses_a_quarantine_line():
    """The hall is quarantined from the start; its people are alerted and head for the exit."""
    for quarantine in (False, True):
        orders = '[[authority]]\nat = "0s"\ndo = "quarantine"\nzone = "hall"\n' if quarantine else ""
        sim = sim_with(orders, duration="3m")
        sim.people.alert[:] = 1
        start_inside = in_hall(sim).copy()
        sim.run()
        escaped = sim.people.state == ESCAPED
        if quarantine:
            assert not np.any(escaped[start_inside])
            assert np.all(in_hall(sim)[start_inside] | (sim.world.terrain[sim.people.cell[start_inside]] == DOOR))
            assert len(events(sim, "quarantine")["tick"]) == 1
            _assert_read_from_the_masks(sim)
        else:
            assert escaped[start_inside].mean() > 0.5


def _assert_read_from_the_masks(sim):
    """What the walk reads is made again from the quarantined masks and safety field."""
    from hyosan.behaviours.walk import steps_down, ways_into

    w, walk = sim.world, sim.walk
    ways, step = np.zeros(w.cells, np.uint8), np.zeros(w.cells, np.int32)
    ways_into(w.graph, walk.zombie, ways)
    steps_down(w.graph, walk.human, walk.safety, step)
    assert not np.array_equal(walk.zombie, w.zombie_walk)  # the line is drawn
    assert np.array_equal(ways, walk.zombie_ways) and np.array_equal(step, walk.safety_step)


def test_restore_in_the_middle_of_orders_continues_bit_for_bit():
    orders = ('[[authority]]\nat = "20s"\ndo = "quarantine"\nzone = "hall"\nlasts = "40s"\n'
              '[[authority]]\nat = "30s"\ndo = "rescue"\nzone = "corridor"\ncapacity = 3\nlasts = "1m"\n'
              '[[authority]]\nat = "2m"\ndo = "bombing"\nzone = "corridor"\n')
    whole = sim_with(orders, seed=5)
    whole.people.alert[:] = 1
    whole.run()
    for stop_at in (25, 45, 70):
        first = sim_with(orders, seed=5)
        first.people.alert[:] = 1
        first.run(until=stop_at)
        second = sim_with(orders, seed=5)
        second.restore_arrays({k: v.copy() for k, v in first.state_arrays().items()})
        second.run()
        assert same_arrays(whole.state_arrays(), second.state_arrays()), stop_at
