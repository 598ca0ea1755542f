import numpy as np
import pytest

from conftest import make_scenario, same_arrays
from hyosan import Simulation
from hyosan.behaviours.seek_kin import BIT as SEEK_KIN_BIT
from hyosan.behaviours.seek_kin import APART, LOST, TOGETHER
from hyosan.events import KINDS
from hyosan.people.states import DEAD

from .effects import assert_raises, outcomes

# Four parents in the west room, their children in the east room, a street between them where
# a zombie wanders.
TOWN = """
#####################################
#.........#...............#.........#
#....w....+.......s.......+....e....#
#.........#...............#.........#
#####################################
"""
ROOMS = 'w = "west"\ns = "street"\ne = "east"'
FAMILIES = 4


def town(seek: bool | str = True, zombies: int = 1, children: str = ""):
    """seek: seek_kin on or off, or its table as inline TOML; children: more of the children's
    [[character]] fields."""
    families = "".join(f"""
        [[character]]
        name = "parent {k}"
        where = "west"
        kin = ["child {k}"]
        traits = {{altruism = 0.9}}

        [[character]]
        name = "child {k}"
        where = "east"
        {children}
        """ for k in range(FAMILIES))
    scenario = make_scenario(TOWN, ROOMS, f"""
        [behaviours]
        seek_kin = {str(seek).lower() if isinstance(seek, bool) else seek}
        {families}
        [[people]]
        where = "street"
        count = {zombies}
        state = "zombie"
        """, duration="2m")
    return scenario.replace(behaviours=scenario.behaviours.only("seek_kin"))  # the others off


def kind(sim, name):
    ev = sim.events.arrays()
    return {k: v[ev["kind"] == KINDS.index(name)] for k, v in ev.items()}


def reunions(sim) -> float:
    return float(len(kind(sim, "reunion")["tick"]))


def test_seekers_find_their_relatives():
    """100 seeds each way; reunions in a run, seek_kin on vs off (4 parents apart from their
    children). Seen: 2.89 on, 0.30 off (p ~ 3e-32)."""
    on = outcomes(town(True), reunions)
    off = outcomes(town(False), reunions)
    assert_raises(on, off)
    assert on.mean() > off.mean() + 1


def test_a_seeker_sets_off_for_the_relative_and_is_reunited():
    sim = Simulation(town("{rate = 0.3}", zombies=0), 1)
    sim.run()
    left, met = kind(sim, "seek_kin"), kind(sim, "reunion")
    parents = set(range(0, 2 * FAMILIES, 2))
    assert set(left["actor"]) == parents and set(met["actor"]) == parents
    assert np.all(left["target"] == left["actor"] + 1) and np.all(met["target"] == met["actor"] + 1)
    assert np.all(sim.people.kin_state[sorted(parents)] == TOGETHER)
    # the children, who have no kin of their own, neither seek nor are watched
    assert np.all(sim.people.kin_state[1::2] == 0) and np.all(sim.people.kin_cell[1::2] == -1)


def test_reunited_they_keep_together_in_the_childs_group():
    sim = Simulation(town("{rate = 0.3}", zombies=0, children='group = "east family"'), 1)
    assert np.all(sim.people.group[0::2] == -1)
    sim.run()
    met = kind(sim, "reunion")["actor"]
    assert len(met) and np.all(sim.people.group[met] == 0)


def test_the_last_known_place_is_the_relatives_start_and_a_forbidden_seeker_stays():
    sim = Simulation(town(True, zombies=0), 1)
    children = sim.people.cell[1::2].copy()
    sim.people.forbid[0] |= np.uint16(1 << SEEK_KIN_BIT)
    sim.run(until=1)
    assert np.array_equal(sim.people.kin_cell[0::2], children)
    assert np.all(sim.people.kin_state[0::2] == APART)
    sim.run()
    assert 0 not in kind(sim, "seek_kin")["actor"]


def test_a_seeker_gives_up_where_they_learn_the_relative_is_dead():
    sim = Simulation(town("{rate = 0.3}", zombies=0), 1)
    there = sim.people.cell[1]  # child 0 at the start
    sim.run(until=1)
    sim.people.state[1] = DEAD
    while sim.people.kin_state[0] != LOST and not sim.done:
        sim.step()
    assert sim.people.kin_state[0] == LOST and sim.people.act[0] == 0
    assert sim.people.kin_cell[0] == there
    assert there in (sim.people.cell[0], *sim.world.links[sim.people.cell[0]])  # where they learn
    sim.run()
    assert 0 not in kind(sim, "reunion")["actor"]


@pytest.mark.parametrize("stop_at", [3, 30])
def test_a_restored_run_with_seekers_continues_bit_for_bit(stop_at):
    scenario = town(True)
    whole = Simulation(scenario, 4)
    whole.run()
    first = Simulation(scenario, 4)
    first.run(until=stop_at)
    second = Simulation(scenario, 4)
    second.restore_arrays({k: v.copy() for k, v in first.state_arrays().items()})
    second.run()
    assert same_arrays(whole.state_arrays(), second.state_arrays())


def test_a_field_is_computed_once_per_destination_and_dropped_when_unused():
    sim = Simulation(town("{rate = 1.0}", zombies=0), 1)
    sim.run(until=2)
    places = {("kin", int(c)) for c in sim.people.kin_cell[0::2]}
    assert set(sim.destinations.fields) == places
    kept = {k: v for k, v in sim.destinations.fields.items()}
    sim.run(until=5)
    assert all(sim.destinations.fields[k] is v for k, v in kept.items() if k in sim.destinations.fields)
    sim.run()  # all reunited: nobody walks anywhere, and the fields are gone
    assert np.all(sim.people.act[0::2] == 0)
    sim.destinations.route(sim, ("probe",), lambda: np.array([0]))
    assert set(sim.destinations.fields) == {("probe",)}
