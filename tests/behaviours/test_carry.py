import dataclasses

import numpy as np

from conftest import make_scenario
from hyosan import Simulation
from hyosan.events import KINDS
from hyosan.people.states import ESCAPED, HUMAN

from .effects import SEEDS, assert_lowers, assert_raises

# Three people who cannot walk and three of their classmates in a classroom; two zombies in a
# pen behind them; a long corridor to the exit, which an unladen person walks faster than a
# zombie, and a carrier slower.
CORRIDOR = """
##################################
#z...+ii+........................E
##################################
"""
ROOMS = 'z = "pen"\ni = "classroom"'
HURT, CARRIERS = slice(0, 3), slice(3, 6)


def corridor(carry: bool):
    scenario = make_scenario(CORRIDOR, ROOMS, """
        [movement]
        human_speed = "1m/s"
        zombie_speed = "0.8m/s"
        sense = "10m"
        chase = "40m"

        [doors]
        close = false

        [[people]]
        where = "classroom"
        count = 3
        group = "class"

        [[people]]
        where = "classroom"
        count = 3
        group = "class"
        traits = {altruism = 0.9, strength = 0.6}

        [[people]]
        where = "pen"
        count = 2
        state = "zombie"
        """, duration="1m")
    acts = scenario.behaviours.only("carry") if carry else scenario.behaviours.only()
    return dataclasses.replace(scenario, behaviours=acts)


def hurt_sim(scenario, seed: int) -> Simulation:
    sim = Simulation(scenario, seed)
    sim.people.injury[HURT] = 2
    return sim


def survivors(scenario, seed: int) -> tuple[int, int]:
    sim = hurt_sim(scenario, seed)
    sim.run()
    alive = np.isin(sim.people.state, (HUMAN, ESCAPED))
    return int(alive[HURT].sum()), int(alive[CARRIERS].sum())


def test_carrying_saves_the_carried_at_the_carriers_cost():
    """100 seeds each way, the same scenario with carry on and off; outcomes: survivors among
    the 3 who cannot walk (more with carry, one-sided Mann-Whitney p < 0.01) and among their 3
    classmates (fewer with carry: carriers are slower). Seen: the hurt 1.30 vs 0.07 of 3
    (p ~ 1e-29), the classmates 2.18 vs 2.98 (p ~ 2e-20)."""
    on = np.array([survivors(corridor(True), s) for s in range(SEEDS)], float)
    off = np.array([survivors(corridor(False), s) for s in range(SEEDS)], float)
    assert_raises(on[:, 0], off[:, 0])
    assert_lowers(on[:, 1], off[:, 1])


def test_the_carried_go_where_their_carrier_goes():
    for seed in range(20):
        sim = hurt_sim(corridor(True), seed)
        while not sim.done:
            sim.step()
            p = sim.people
            for i in np.flatnonzero(p.carrying >= 0):
                j = p.carrying[i]
                assert p.injury[j] > 0 and p.injury[i] < 2
                if p.state[j] in (HUMAN, ESCAPED):
                    assert p.cell[j] == p.cell[i], (seed, sim.tick, i, j)
            assert len(set(p.carrying[p.carrying >= 0])) == (p.carrying >= 0).sum()
        ev = sim.events.arrays()
        carries = ev["kind"] == KINDS.index("carry")
        if carries.any():
            assert np.all(np.isin(ev["actor"][carries], np.arange(3, 6)))
            assert np.all(np.isin(ev["target"][carries], np.arange(0, 3)))
            return
    raise AssertionError("nobody was carried in 20 seeds")


def test_forbidding_carry_leaves_the_hurt_behind():
    sim = hurt_sim(corridor(True), 1)
    sim.people.forbid[CARRIERS] |= np.uint16(1 << 0)  # an unrelated bit: still carries
    from hyosan.behaviours.carry import CARRY_BIT

    sim.people.forbid[CARRIERS] |= np.uint16(1 << CARRY_BIT)
    sim.run()
    ev = sim.events.arrays()
    assert not (ev["kind"] == KINDS.index("carry")).any()


def test_a_restored_run_carries_on_bit_for_bit():
    from conftest import same_arrays

    whole = hurt_sim(corridor(True), 4)
    whole.run(until=12)
    saved = {k: v.copy() for k, v in whole.state_arrays().items()}
    assert (whole.people.carrying >= 0).any()
    whole.run()
    resumed = Simulation(corridor(True), 4)
    resumed.restore_arrays(saved)
    resumed.run()
    assert same_arrays(whole.state_arrays(), resumed.state_arrays())


def test_the_heroes_report_credits_carrying():
    """A carry is replayed with and without it; the article says what was done."""
    from hyosan.report.heroes import credit_acts
    from hyosan.report.heroes_article import heroes_markdown

    scenario = make_scenario(CORRIDOR, ROOMS, """
        [movement]
        human_speed = "1m/s"
        zombie_speed = "0.8m/s"
        sense = "10m"
        chase = "40m"

        [[character]]
        name = "Lee Joon-soong"
        where = "classroom"
        group = "class"
        injury = "immobile"

        [[character]]
        name = "Park Mi-jin"
        where = "classroom"
        group = "class"
        traits = {altruism = 0.95, strength = 0.6}

        [[people]]
        where = "pen"
        count = 2
        state = "zombie"
        """, duration="1m")
    scenario = dataclasses.replace(scenario, behaviours=scenario.behaviours.only("carry"))
    for seed in range(10):
        sim = Simulation(scenario, seed)
        sim.run()
        if (sim.events.arrays()["kind"] == KINDS.index("carry")).any():
            break
    credits = credit_acts(scenario, seed, sim.events.arrays(), acts=3, budget=100)
    assert [c.act.kind for c in credits] == ["carry"] and credits[0].act.actor == 1
    assert "Park Mi-jin: picked up Lee Joon-soong, hurt," in heroes_markdown(sim, credits, 60.0)


def test_mi_jin_carries_joon_soong():
    """The story: Park Mi-jin (caring, fairly strong) and Lee Joon-soong (his legs hurt) in one
    classroom when zombies come; in some of 20 seeds she picks him up."""
    scenario = make_scenario(CORRIDOR, ROOMS, """
        [movement]
        human_speed = "1m/s"
        zombie_speed = "0.8m/s"
        sense = "10m"
        chase = "40m"

        [doors]
        close = false

        [[character]]
        name = "Park Mi-jin"
        where = "classroom"
        group = "class 2-5"
        traits = {bravery = 0.6, altruism = 0.95, strength = 0.6, speed = 0.5}

        [[character]]
        name = "Lee Joon-soong"
        where = "classroom"
        group = "class 2-5"
        traits = {bravery = 0.4, altruism = 0.6, strength = 0.2, speed = 0.2}
        injury = "slow"

        [[people]]
        where = "pen"
        count = 2
        state = "zombie"
        """, duration="1m")
    carried = 0
    for seed in range(20):
        sim = Simulation(scenario, seed)
        sim.run()
        ev = sim.events.arrays()
        mj, js = sim.people.id_of("Park Mi-jin"), sim.people.id_of("Lee Joon-soong")
        carries = ev["kind"] == KINDS.index("carry")
        carried += bool(np.any((ev["actor"][carries] == mj) & (ev["target"][carries] == js)))
    assert carried >= 5
