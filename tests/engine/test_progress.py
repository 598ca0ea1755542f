import numpy as np
import pytest

from conftest import make_scenario
from hyosan import Simulation
from hyosan.people.states import BITTEN, HALFBIE, ZOMBIE

ROOM = """
    ##########
    #...a....#
    #........#
    #........#
    ##########
    """


def _turned(halfbie: float, resistance: float | None, count: int = 96, seed: int = 1) -> np.ndarray:
    """The states of `count` bitten people, alone in a room, once their incubation is over."""
    traits = "" if resistance is None else f"traits = {{resistance = {resistance}}}"
    scenario = make_scenario(ROOM, 'a = "room"', f"""
        [infection]
        halfbie = {halfbie}
        incubation = {{dist = "fixed", value = "2s"}}

        [[people]]
        where = "room"
        count = {count}
        state = "bitten"
        {traits}
        """, capacity=0, duration="10s")
    sim = Simulation(scenario, seed)
    sim.run()
    assert not np.any(sim.people.state == BITTEN)
    return sim.people.state


@pytest.mark.parametrize("halfbie", [0.0, 0.3])
def test_resistance_left_out_leaves_the_halfbie_share_alone(halfbie):
    assert np.array_equal(_turned(halfbie, None), _turned(halfbie, 0.0))


def test_full_resistance_keeps_everyone_lucid_and_none_keeps_nobody():
    assert np.all(_turned(0.0, 1.0) == HALFBIE)
    assert np.all(_turned(0.0, 0.0) == ZOMBIE)


def test_resistance_raises_the_share_of_halfbies():
    """halfbie 0.2 and resistance 0.5 give 0.2 + 0.8 x 0.5 = 0.6 (resistance is stored as a byte:
    128/255). 10 seeds x 96 people: 960 draws, sd of the share 0.016; 4 sd allowed."""
    expected = 0.2 + 0.8 * 128 / 255
    share = np.mean([np.mean(_turned(0.2, 0.5, seed=s) == HALFBIE) for s in range(10)])
    assert abs(share - expected) < 4 * np.sqrt(expected * (1 - expected) / 960)
