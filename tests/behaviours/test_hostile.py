import numpy as np

from conftest import make_scenario
from hyosan import Simulation
from hyosan.events import KINDS
from hyosan.people.states import ESCAPED, HALFBIE, HUMAN

from .effects import assert_raises, outcomes

# Twelve people in a hall, two of them halfbies already; a few zombies in a pen beside it.
HALL = """
##########################
#z..+....................#
#...#....................#
#...#.............h......#
#...#....................#
##########################
"""
ROOMS = 'z = "pen"\nh = "hall"'



def hall(hostile: bool, share: float = 0.5):
    """Hostile halfbies on or off, every other behaviour off."""
    scenario = make_scenario(HALL, ROOMS, f"""
        [movement]
        sense = "8m"
        chase = "12m"

        [behaviours.hostile]
        share = {share}

        [[people]]
        where = "hall"
        count = 2
        state = "halfbie"
        traits = {{altruism = 0.1}}

        [[people]]
        where = "hall"
        count = 10

        [[people]]
        where = "pen"
        count = 2
        state = "zombie"
        """, duration="2m")
    acts = scenario.behaviours.only("hostile") if hostile else scenario.behaviours.only()
    return scenario.replace(behaviours=acts)


def humans_lost(sim) -> float:
    """Of the ten humans, those bitten, turned or dead."""
    return float(10 - np.isin(sim.people.state[2:12], (HUMAN, ESCAPED)).sum())


def test_hostile_halfbies_bite_the_living():
    """100 seeds each way; compared: of 10 humans, how many are bitten, turned or dead after
    2 minutes. Seen: 9.5 with hostile halfbies, 2.2 without (p ~ 4e-35)."""
    on = outcomes(hall(True), humans_lost)
    off = outcomes(hall(False), humans_lost)
    assert_raises(on, off)


def test_the_selfish_turn_hostile_and_their_bites_are_logged():
    sim = Simulation(hall(True, share=1.0), 0)
    sim.run()
    ev = sim.events.arrays()
    turned = ev["actor"][ev["kind"] == KINDS.index("hostile")]
    assert sorted(turned) == [0, 1]  # at altruism 0.1 the chance is 1.8: both
    bites = (ev["kind"] == KINDS.index("bite")) & np.isin(ev["actor"], [0, 1])
    assert bites.any()
    assert np.all(sim.people.state[:2] == HALFBIE)


def test_friendly_halfbies_bite_nobody():
    sim = Simulation(hall(True, share=0.0), 0)
    sim.run()
    ev = sim.events.arrays()
    assert not (ev["kind"] == KINDS.index("hostile")).any()
    assert not ((ev["kind"] == KINDS.index("bite")) & np.isin(ev["actor"], [0, 1])).any()
    assert np.all(sim.people.hostile[:2] == 1)
