import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conftest import make_scenario
from hyosan import Simulation
from hyosan.behaviours.actions import CHASE, FLEE, HIDE, SEEK_SAFETY, Choices
from hyosan.people.states import ZOMBIE

CORRIDOR = "#" * 32 + "\n#c" + "." * 29 + "#\n" + "#" * 32
ROOMS = 'c = "corridor"'


def corridor_sim(seed, people, wander=0.0, speed="5m/s"):
    """A 1 x 30 corridor; people is a list of (state, column)."""
    blocks = "".join(f'[[people]]\nwhere = "corridor"\ncount = 1\nstate = "{state}"\n' for state, _ in people)
    s = make_scenario(CORRIDOR, ROOMS, f'[movement]\nhuman_speed = "{speed}"\nzombie_speed = "{speed}"\n'
                      f'wander = {wander}\nsense = "6m"\nchase = "8m"\n' + blocks)
    sim = Simulation(s, seed)
    for i, (_, col) in enumerate(people):
        sim.people.cell[i] = sim.world.cell_index(0, 1, col)
    sim.bins.moved()
    return sim


def col(sim, i):
    return sim.world.position(sim.people.cell[i])[2]


def small_world(text, wrap):
    """The world of a map text, on a torus if wrap (every edge cell's links wrap)."""
    import dataclasses

    from hyosan.scenario.mapfile import parse_map
    from hyosan.world.grid import build_world

    return build_world(dataclasses.replace(parse_map(text), wrap=wrap))


def test_humans_flee_and_zombies_chase():
    for seed in range(30):
        sim = corridor_sim(seed, [("human", 12), ("zombie", 8)])
        sim.step()
        assert sim.people.action[0] == FLEE and sim.people.action[1] == CHASE
        assert col(sim, 0) >= 12 and col(sim, 1) >= 8
        assert col(sim, 0) == 13 and col(sim, 1) == 9  # speed 5 m/s: every step is taken


def test_nobody_reacts_beyond_their_senses():
    sim = corridor_sim(1, [("human", 25), ("zombie", 3)])
    sim.step()
    assert sim.people.action[0] != FLEE and sim.people.action[1] != CHASE
    assert col(sim, 0) == 25 and col(sim, 1) == 3


def test_noise_draws_zombies_away_from_where_they_were():
    ends = {}
    for noisy in (False, True):
        cols = []
        for seed in range(20):
            sim = corridor_sim(seed, [("zombie", 5)], wander=0.5, speed="1m/s")
            if noisy:
                sim.make_noise(sim.world.cell_index(0, 1, 28), loudness=30, seconds=60)
            sim.run(until=40)
            cols.append(col(sim, 0))
        ends[noisy] = np.array(cols)
    # 20 seeds each: with the noise every zombie walks to it; without, they drift near the start
    assert np.all(ends[True] >= 26)
    assert ends[False].mean() < 12


@pytest.mark.parametrize("senses", ['', 'sense = 0\nchase = 0\n'])
def test_alerted_people_seek_safety_and_then_hide(senses):
    """Also where nobody senses or chases: then only the alert make the walk's second pass."""
    text = """
    ##########
    #a...+..cE
    ##########
    """
    rooms = 'a = {name = "room", shelter = true}\nc = "hall"'
    s = make_scenario(text, rooms, '[movement]\nhuman_speed = "5m/s"\nwander = 0\n' + senses +
                      '[[people]]\nwhere = "hall"\ncount = 1\n')
    sim = Simulation(s, 1)
    sim.people.cell[0] = sim.world.cell_index(0, 1, 6)
    sim.people.alert[0] = 1
    sim.bins.moved()
    sim.step()
    assert sim.people.action[0] == SEEK_SAFETY
    assert col(sim, 0) == 5  # the shelter through the door is nearer than the exit
    sim.run(until=4)
    assert sim.people.action[0] == HIDE and sim.world.in_shelter[sim.people.cell[0]] == 1


def test_zombies_never_enter_water():
    text = """
    ##########
    #c..~~~..#
    ##########
    """
    s = make_scenario(text, 'c = "shore"', '[movement]\nwander = 1\n[[people]]\nwhere = "shore"\n'
                      'count = 3\nstate = "zombie"\n')
    sim = Simulation(s, 4)
    sim.run(until=200)
    assert np.all(sim.world.position(sim.people.cell[sim.people.state == ZOMBIE])[2] <= 3)


def test_a_sense_of_zero_means_nobody_reacts_and_no_capacity_means_crowds():
    s = make_scenario(CORRIDOR, ROOMS, '[movement]\nsense = 0\nchase = "0m"\nwander = 1\n'
                      '[[people]]\nwhere = "corridor"\ncount = 200\n'
                      '[[people]]\nwhere = "corridor"\ncount = 5\nstate = "zombie"\n', capacity=0)
    sim = Simulation(s, 2)
    sim.run(until=50)
    assert not np.isin(sim.people.action, (FLEE, CHASE)).any()
    assert np.bincount(sim.people.cell).max() > 4  # more than 4 people share a cell


def test_where_nobody_senses_chases_or_is_alert_everyone_wanders_in_one_pass():
    """The walk's second pass would change nothing: decide skips it, and the run never makes
    the alert column."""
    from hyosan.behaviours.walk import Walkers, pursue_and_flee
    from hyosan.behaviours.actions import IDLE, WANDER

    s = make_scenario(CORRIDOR, ROOMS, '[movement]\nsense = 0\nchase = 0\nwander = 0.5\n'
                      '[[people]]\nwhere = "corridor"\ncount = 20\n'
                      '[[people]]\nwhere = "corridor"\ncount = 5\nstate = "zombie"\n')
    sim = Simulation(s, 3)
    sim.run(until=10)
    assert "alert" not in sim.people.columns
    assert set(np.unique(sim.people.action)) == {IDLE, WANDER}
    w, p, walk = sim.world, sim.people, sim.walk
    target, action = sim.scratch.target.copy(), p.action.copy()
    pursue_and_flee(sim.seed, sim.tick - 1, np.arange(p.count), p.view(Walkers), w.graph, walk.ways,
                    sim.senses, sim.choices)
    assert np.array_equal(target, sim.scratch.target) and np.array_equal(action, p.action)


@pytest.mark.parametrize("sense", ["5m", "0"])
def test_those_who_may_react_react_as_if_everyone_were_looked_at(sense):
    """decide runs the second pass over zombies, the alert and the people near zombies only;
    for everyone else it changes nothing. With no sensing, only zombies chase."""
    from hyosan.behaviours.walk import Walkers, pursue_and_flee
    from hyosan.engine.decide import _may_react

    rng = np.random.default_rng(5)
    yard = "\n".join("".join(rng.choice(list(".......#"), 90)) for _ in range(40))
    s = make_scenario("c" + yard[1:], ROOMS, f'[movement]\nsense = "{sense}"\nchase = "8m"\n'
                      '[[people]]\nwhere = "anywhere"\ncount = 700\n'
                      '[[people]]\nwhere = "anywhere"\ncount = 15\nstate = "zombie"\n')
    sim = Simulation(s, 4)
    reacted = 0
    for _ in range(8):
        sim.step()
        w, p, walk = sim.world, sim.people, sim.walk
        results = []
        for ids in (np.arange(p.count), _may_react(sim)):
            target, action, alert = sim.scratch.target.copy(), p.action.copy(), p.alert.copy()
            pursue_and_flee(sim.seed, sim.tick, ids, Walkers(p.state, p.cell, alert), w.graph,
                            walk.ways, sim.senses, Choices(target, action))
            results.append((target, action, alert))
        for whole, some in zip(*results):
            assert np.array_equal(whole, some)
        reacted += np.isin(results[0][1], (FLEE, CHASE, HIDE, SEEK_SAFETY)).sum()
    assert reacted > (100 if sense != "0" else 30)
    assert len(_may_react(sim)) < sim.people.count // 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=20, max_size=20), st.integers(0, 19),
       st.integers(0, 2**32), st.booleans())
def test_downhill_takes_the_lowest_link_and_breaks_ties_by_a_draw_for_each(values, c, key, wrap):
    """The rule in full, each link's value plus a draw below one step, staying unless a link is
    lower: what downhill gives, though it draws only when links tie. Values of 0-3 make ties
    common; on the torus every cell's links wrap."""
    from hyosan.behaviours.walk import _JITTER, downhill, steps_down
    from hyosan.dice import uniform2
    from hyosan.world.terrain import WALL

    w = small_world("#.....\n...#..\n.#....\n....#.", wrap)
    c %= w.cells
    field = np.array(values[: w.cells] + [0] * (w.cells - len(values)), np.int32)
    walk = (w.terrain != WALL).astype(np.uint8)
    key = np.uint64(key)
    best, best_value = c, float(field[c])
    for k in range(w.links.shape[1]):
        nb = w.links[c, k]
        if nb >= 0 and walk[nb]:
            v = field[nb] + _JITTER * uniform2(key, 7, k)
            if v < best_value:
                best, best_value = nb, v
    assert downhill(w.graph, walk, field, c, key, 7) == best
    # once a cell, without draws: the same step, unless links tie
    step = np.zeros(w.cells, np.int32)
    steps_down(w.graph, walk, field, step)
    lower = [nb for nb in w.links[c] if nb >= 0 and walk[nb] and field[nb] < field[c]]
    lowest = [nb for nb in lower if field[nb] == min(field[lower])]
    assert step[c] == (best if len(lowest) < 2 else -1)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.booleans(), min_size=6, max_size=6), st.booleans())
def test_the_ways_past_closed_doors_are_the_ways_into_open_cells(closed, wrap):
    """What sense makes each tick (the zombies' ways, less those into closed doors) is what
    ways_into would make of the cells left open."""
    from hyosan.behaviours.walk import shut_ways, ways_into

    w = small_world("#.+..+\n+....+\n..#.+.\n+.....", wrap)
    doors = w.door_cells
    shut = doors[np.array(closed[: len(doors)] + [False] * (len(doors) - len(closed)))].astype(np.int32)
    ways = np.zeros(w.cells, np.uint8)
    ways_into(w.graph, w.zombie_walk, ways)
    shut_ways(w.graph, ways, shut)
    open_cells = w.zombie_walk.copy()
    open_cells[shut] = 0
    expected = np.zeros(w.cells, np.uint8)
    ways_into(w.graph, open_cells, expected)
    assert np.array_equal(ways, expected)
    for c in range(w.cells):
        for k, nb in enumerate(w.links[c]):
            assert (ways[c] >> k) & 1 == (nb >= 0 and open_cells[nb] != 0)
        assert (ways[c] & 128) == (w.link_bits[c] & 128)
