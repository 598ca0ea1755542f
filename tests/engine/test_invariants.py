"""Engine invariants, checked after every tick: people are conserved, states move only along
allowed transitions, cells stay within capacity, everyone stands where they may (zombies
never step into water or exits), doors never
drop below zero strength, and a broken door stays broken."""

import numpy as np
from hypothesis import given, settings, strategies as st

from conftest import make_scenario
from hyosan import Simulation, load_scenario
from hyosan.world.grid import BROKEN
from hyosan.people.states import BITTEN, DEAD, ESCAPED, HALFBIE, HUMAN, ZOMBIE
from hyosan.world.terrain import EXIT, WATER

ALLOWED = {
    (HUMAN, BITTEN), (HUMAN, ESCAPED), (BITTEN, ZOMBIE), (BITTEN, HALFBIE), (BITTEN, ESCAPED),
    (ZOMBIE, DEAD), (HALFBIE, ESCAPED),
    (HUMAN, DEAD), (BITTEN, DEAD), (HALFBIE, DEAD),  # bombings
}
LIVING = (HUMAN, BITTEN, ZOMBIE, HALFBIE)


def check_run(sim: Simulation, ticks: int) -> None:
    w = sim.world
    n = sim.people.count
    for _ in range(ticks):
        before = sim.people.state.copy()
        was = sim.people.cell.copy()
        broken = sim.doors.state == BROKEN
        sim.step()
        state, cell = sim.people.state, sim.people.cell
        assert len(state) == n
        changed = before != state
        pairs = set(zip(before[changed].tolist(), state[changed].tolist()))
        assert pairs <= ALLOWED, pairs - ALLOWED
        living = np.isin(state, LIVING)
        per_cell = np.bincount(cell[living], minlength=w.cells)
        assert per_cell.max(initial=0) <= w.capacity
        assert np.all(w.human_walk[cell] == 1)
        # zombies never step into water or exits (one bitten while swimming may turn there)
        stepped = cell[(state == ZOMBIE) & (before == ZOMBIE) & (cell != was)]
        assert not np.any(np.isin(w.terrain[stepped], (WATER, EXIT)))
        assert np.all(sim.doors.strength >= 0)
        assert np.all(sim.doors.state[broken] == BROKEN)
        assert sim.series[sim.tick // sim.scenario.record.every, 0].sum() == n or \
            sim.tick % sim.scenario.record.every


def test_invariants_hold_in_hyosan_high():
    sim = Simulation(load_scenario("hyosan-high"), 2)
    check_run(sim, 1500)


MAP_CELLS = st.sampled_from("....+~#")


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.text(MAP_CELLS, min_size=6, max_size=6), min_size=3, max_size=6),
    humans=st.integers(0, 30),
    zombies=st.integers(0, 6),
    bite=st.floats(0, 1),
    fight=st.floats(0, 1),
    seed=st.integers(0, 2**31),
)
def test_invariants_hold_on_random_maps(rows, humans, zombies, bite, fight, seed):
    body = "\n".join("#" + r + "#" for r in rows)
    width = len(rows[0]) + 2
    map_text = "#" * width + "\n#a" + "." * (width - 4) + "E\n" + body + "\n" + "#" * width
    scenario = make_scenario(
        map_text, 'a = {name = "room", shelter = true}',
        f"""
        [infection]
        bite = {bite}
        fight = {fight}
        incubation = {{dist = "exponential", mean = "20s"}}
        halfbie = 0.2

        [doors]
        strength = 3

        [[people]]
        where = "room"
        count = {min(humans, 4 * (width - 4))}

        [[people]]
        where = "room"
        count = {min(zombies, 2)}
        state = "zombie"
        """,
    )
    check_run(Simulation(scenario, seed), 120)
