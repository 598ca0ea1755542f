import dataclasses

import numpy as np

from conftest import make_scenario
from hyosan.events import KINDS

from .effects import assert_raises, outcomes

ROOM = """
##########
#a.......#
#........#
####+###################
#c.................+z..#
########################
"""
ROOMS = 'a = {name = "room", shelter = true}\nc = "hall"\nz = "den"'


def room(hold: bool, barricade: bool):
    """The zombies break out of their den and come for the room; only the door acts asked for are on."""
    on = [name for name, wanted in (("hold_door", hold), ("barricade", barricade)) if wanted]
    scenario = make_scenario(ROOM, ROOMS, """
        [doors]
        strength = 40
        damage = 1

        [movement]
        sense = "15m"
        chase = "30m"

        [[people]]
        where = "room"
        count = 12
        traits = {bravery = {dist = "uniform", low = 0.3, high = 1.0}}

        [[people]]
        where = "den"
        count = 3
        state = "zombie"
        """, duration="5m")
    return dataclasses.replace(scenario, behaviours=scenario.behaviours.only(*on))


def breach_tick(sim) -> float:
    """When the room's door (row 3, column 4) broke; the end of the run if it held."""
    ev = sim.events.arrays()
    door = 3 * sim.world.cols + 4
    broken = ev["tick"][(ev["kind"] == KINDS.index("door_broken")) & (ev["cell"] == door)]
    return float(broken.min()) if len(broken) else float(sim.ticks)


def test_holding_the_door_delays_the_breach():
    """100 seeds each way (barricades off)."""
    on = outcomes(room(hold=True, barricade=False), breach_tick)
    off = outcomes(room(hold=False, barricade=False), breach_tick)
    assert_raises(on, off)


def test_barricades_delay_the_breach():
    """100 seeds each way (holding off)."""
    on = outcomes(room(hold=False, barricade=True), breach_tick)
    off = outcomes(room(hold=False, barricade=False), breach_tick)
    assert_raises(on, off)


def test_holders_and_barricaders_are_logged_by_the_door():
    from hyosan import Simulation

    sim = Simulation(room(True, True), 2)
    sim.run()
    ev = sim.events.arrays()
    for kind in ("hold_door", "barricade"):
        acts = ev["kind"] == KINDS.index(kind)
        assert acts.any(), kind
        assert np.all(sim.world.door_of_cell[ev["cell"][acts]] == 0)
