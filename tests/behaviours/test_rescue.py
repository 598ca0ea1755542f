import dataclasses

import numpy as np

from conftest import make_scenario
from hyosan import Simulation
from hyosan.events import KINDS
from hyosan.people.states import ESCAPED, HUMAN

from .effects import SEEDS, assert_raises

# Two people who cannot walk in a hall; two zombies come at them from a pen; two brave people
# stand in an office off the other end of the hall.
HALL = """
######################
#rr+vvv+..........+zz#
######################
"""
ROOMS = 'r = "office"\nv = "hall"\nz = "pen"'
VICTIMS, RESCUERS = slice(0, 2), slice(2, 4)


def hall(rescue: bool):
    scenario = make_scenario(HALL, ROOMS, """
        [movement]
        human_speed = "1m/s"
        zombie_speed = "0.8m/s"
        sense = "10m"
        chase = "20m"

        [doors]
        close = false

        [[people]]
        where = "hall"
        count = 2
        traits = {strength = 0.2}

        [[people]]
        where = "office"
        count = 2
        traits = {bravery = 0.9, altruism = 0.9, strength = 0.8}

        [[people]]
        where = "pen"
        count = 2
        state = "zombie"
        """, duration="1m")
    acts = scenario.behaviours.only("rescue") if rescue else scenario.behaviours.only()
    return dataclasses.replace(scenario, behaviours=acts)


def victims_sim(scenario, seed: int) -> Simulation:
    sim = Simulation(scenario, seed)
    sim.people.injury[VICTIMS] = 2
    return sim


def victims_unbitten(scenario, seed: int) -> float:
    sim = victims_sim(scenario, seed)
    sim.run()
    return float(np.isin(sim.people.state[VICTIMS], (HUMAN, ESCAPED)).sum())


def test_rescuers_save_the_threatened():
    """100 seeds each way, rescue on vs off; outcome: how many of the 2 threatened people who
    cannot walk are unbitten at the end (one-sided Mann-Whitney p < 0.01).
    Seen: 0.31 vs 0.00 of 2 (p ~ 5e-8)."""
    on = np.array([victims_unbitten(hall(True), s) for s in range(SEEDS)])
    off = np.array([victims_unbitten(hall(False), s) for s in range(SEEDS)])
    assert_raises(on, off)


def test_a_rescue_is_logged_for_the_threatened_and_rescuers_strike():
    found = False
    for seed in range(10):
        sim = victims_sim(hall(True), seed)
        sim.run()
        ev = sim.events.arrays()
        rescues = ev["kind"] == KINDS.index("rescue_person")
        kills = ev["kind"] == KINDS.index("kill")
        if rescues.any() and np.isin(ev["actor"][kills], np.arange(2, 4)).any():
            assert np.all(np.isin(ev["actor"][rescues], np.arange(2, 4)))
            assert np.all(np.isin(ev["target"][rescues], np.arange(0, 2)))
            found = True
            break
    assert found


def test_the_threatened_are_found_from_the_cells_near_zombies_as_from_everyone():
    """rescue.threatened reads the people in the cells that the zombie field reached; it must
    find whom a look at everyone finds, for every threat up to the sensing radius and beyond."""
    from hyosan.behaviours.rescue import RESCUE
    from hyosan.behaviours.rescue import threatened
    from hyosan.people.states import ZOMBIE

    rng = np.random.default_rng(3)
    yard = "\n".join("".join(rng.choice(list("........#"), 80)) for _ in range(40))
    scenario = make_scenario("a" + yard[1:], 'a = "yard"', """
        [movement]
        sense = "6m"

        [[people]]
        where = "anywhere"
        count = 600

        [[people]]
        where = "anywhere"
        count = 12
        state = "zombie"
        """)
    sim = Simulation(scenario, 3)
    for _ in range(5):
        sim.step()
    p, sense = sim.people, sim.rates.sense
    p.act[::7] = RESCUE  # rescuers are never among the threatened
    found = 0
    for threat in range(sense + 3):
        near = sim.fields.zombie_near[p.cell] <= threat
        everyone = np.flatnonzero(near & (p.state == HUMAN) & (p.act != RESCUE))
        assert np.array_equal(threatened(sim, threat), everyone), threat
        found += len(everyone)
    assert found > 100 and (p.state == ZOMBIE).any()
