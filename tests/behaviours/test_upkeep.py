import numpy as np

from conftest import make_scenario, same_arrays
from hyosan import Simulation
from hyosan.events import KINDS
from hyosan.people.states import ESCAPED

from .effects import assert_raises, outcomes

# Twelve people shelter in a room with scant supplies; out in the hall there is an exit.
ROOM = """
##########
#a.......#
#........#
#........#
####+#####
#c.......E
##########
"""
ROOMS = 'a = {name = "room", shelter = true}\nc = "hall"'



def room(tend: bool, duration: str = "4h"):
    """Upkeep on or off (the needs run down either way), every other behaviour off."""
    scenario = make_scenario(ROOM, ROOMS, """
        [behaviours.upkeep]
        sanitation = 10.0
        water = 20.0
        food = 30.0

        [[people]]
        where = "room"
        count = 12
        traits = {altruism = {dist = "uniform", low = 0.3, high = 1.0}}
        """, tick="1m", duration=duration)
    acts = scenario.behaviours.only("upkeep") if tend else scenario.behaviours.only()
    return scenario.replace(behaviours=acts)


def time_sheltered(sim) -> float:
    """Ticks until the room ran out of a need and everyone had to leave (the whole run if never)."""
    left = np.flatnonzero(sim.series[:, 1, 0] == 0)  # row 1: the room; column 0: humans in it
    return float(left[0]) if len(left) else float(sim.ticks)


def test_upkeep_keeps_the_shelter_longer():
    """100 seeds each way, 12 people, stocks of 10/20/30 person-hours; compared: ticks (1 min)
    until nobody is left in the room. Seen: 59 ticks without upkeep, 169 with (p ~ 7e-34)."""
    on = outcomes(room(True), time_sheltered)
    off = outcomes(room(False), time_sheltered)
    assert_raises(on, off)


def test_a_room_that_runs_out_is_abandoned():
    sim = Simulation(room(False), 0)
    while not sim.states["upkeep"].abandoned[0] and not sim.done:
        sim.step()
    inside = sim.world.zone[sim.people.cell] == 0  # (someone wandering in the hall is not told)
    assert inside.sum() >= 6
    sim.run()
    assert sim.states["upkeep"].abandoned[0] == 1
    assert sim.walk.shelter[sim.world.zone == 0].max() == 0
    assert (sim.people.state[inside] == ESCAPED).all()  # they all went out through the exit


def test_upkeep_is_logged_in_the_room_and_restored_from_a_checkpoint():
    sim = Simulation(room(True), 1)
    sim.run(until=100)
    ev = sim.events.arrays()
    acts = ev["kind"] == KINDS.index("upkeep")
    assert acts.any()
    assert np.all(sim.world.zone[ev["cell"][acts]] == 0)
    saved = {k: v.copy() for k, v in sim.state_arrays().items()}
    sim.run()
    again = Simulation(room(True), 1)
    again.restore_arrays(saved)
    again.run()
    assert same_arrays(sim.state_arrays(), again.state_arrays())
