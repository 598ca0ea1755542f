import numpy as np
import pytest

from conftest import make_scenario
from hyosan import Simulation
from hyosan.engine.sense import sense
from hyosan.people.states import HALFBIE, HUMAN, ZOMBIE
from hyosan.world.fields import distance_field


def open_ground(seed: int, zombies: int) -> Simulation:
    """A 100 x 300 yard with scattered walls, a few doors and pools of water (where humans may
    stand and zombies may not); people and zombies anywhere."""
    rng = np.random.default_rng(seed)
    rows = ["".join(rng.choice(list("......#+~"), 300)) for _ in range(100)]
    rows[0] = "a" + rows[0][1:]
    scenario = make_scenario("\n".join(rows), 'a = "yard"', f"""
        [movement]
        sense = "4m"
        chase = "5m"

        [[people]]
        where = "anywhere"
        count = 300

        [[people]]
        where = "anywhere"
        count = {zombies}
        state = "zombie"

        [[people]]
        where = "anywhere"
        count = 2
        state = "halfbie"
        """, capacity=0)
    return Simulation(scenario, seed)


@pytest.mark.parametrize("seed, zombies, noise", [(1, 1, True), (2, 2, True), (3, 3, True),
                                                 (4, 3, False), (5, 4, False)])
def test_the_human_field_is_exact_wherever_a_zombie_or_halfbie_reads_it(seed, zombies, noise):
    """The field is searched only around its readers, from the humans near them; there it must
    equal a whole-map search from every human. Without noises the nearest humans decide it."""
    sim = open_ground(seed, zombies)
    for z in range(300, 300 + zombies * noise):  # noises 8 cells east of each zombie, 6 steps "closer"
        sim.make_noise(int(sim.people.cell[z]) + 8, 6, 30.0)
    kept_short = 0
    for _ in range(20):
        sim.step()
        f, w = sim.fields, sim.world
        f.near_readers[:] = False
        sense(sim)
        whole = np.zeros_like(f.human_near)
        state, cell = sim.people.state, sim.people.cell
        h = np.unique(cell[state == HUMAN]).astype(np.int32)
        n = len(sim.noise.active(sim.tick))
        sources = np.concatenate([f.sources[:n], h]).astype(np.int32)
        starts = np.concatenate([f.starts[:n], np.zeros(len(h), np.int32)]).astype(np.int32)
        distance_field(w.links, sim.walk.zombie, sources, starts, sim.rates.chase, whole)
        readers = np.unique(cell[(state == ZOMBIE) | (state == HALFBIE)])
        kept_short += bool(f.near_readers[readers].all())  # searched around the readers only
        around = np.unique(np.concatenate([readers, w.links[readers].ravel()]))
        around = around[around >= 0]
        assert np.array_equal(f.human_near[around], whole[around])
    assert kept_short >= 10


@pytest.mark.parametrize("threads", [1, 2])
def test_the_cells_of_humans_zombies_and_readers_are_listed_in_order(threads):
    """Each share of the cells lists its own marked cells: closed up, they are in order whatever
    the number of shares; readers (zombies and halfbies) include every zombie."""
    from numba import get_num_threads, set_num_threads

    from hyosan.engine.sense import infected_cells

    sim = open_ground(6, 40)
    for _ in range(3):
        sim.step()
    before = get_num_threads()
    set_num_threads(threads)
    try:
        humans, = sim.bins.cells_of((HUMAN,))
        zombies, readers = infected_cells(sim)
    finally:
        set_num_threads(before)
    state, cell = sim.people.state, sim.people.cell
    assert np.array_equal(humans, np.unique(cell[state == HUMAN])) and len(humans) > 100
    assert np.array_equal(zombies, np.unique(cell[state == ZOMBIE])) and len(zombies) > 0
    assert np.array_equal(readers, np.unique(cell[(state == ZOMBIE) | (state == HALFBIE)]))
    assert len(readers) > len(zombies)
