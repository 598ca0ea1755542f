import numpy as np
import pytest

from conftest import make_scenario, same_arrays
from hyosan import Simulation
from hyosan.behaviours.messenger import BIT as MESSENGER_BIT
from hyosan.events import KINDS
from hyosan.scenario.errors import ScenarioError

from .effects import assert_lowers, outcomes

# People wait on a roof for a rescue scheduled at 2 minutes; a messenger in the street below
# may carry word of them to the police station at the far end, past two zombies.
STREET = """
##################################
#rrrr#.....................#.....#
#r...+.....s...............+..a..#
#....#.....................#.....#
##################################
"""
ROOMS = 'r = "roof"\ns = "street"\na = {name = "police station", tags = ["authorities"]}'


def street(messenger: bool | str = True, orders: str = "", **fields):
    """messenger: on or off, or its table as inline TOML."""
    orders = orders or """
        [[authority]]
        at = "2m"
        do = "rescue"
        zone = "roof"
        lasts = "30s"
        on_message = "10s"
        """
    scenario = make_scenario(STREET, ROOMS, f"""
        [behaviours]
        messenger = {str(messenger).lower() if isinstance(messenger, bool) else messenger}

        [[character]]
        name = "Song Jae-ik"
        where = "street"
        message = true
        traits = {{bravery = 0.85, altruism = 0.85}}

        [[people]]
        where = "roof"
        count = 8

        [[people]]
        where = "street"
        count = 2
        state = "zombie"
        {orders}""", **{"duration": "2m30s", **fields})
    return scenario.replace(behaviours=scenario.behaviours.only("messenger"))  # the others off


def kind(sim, name):
    ev = sim.events.arrays()
    return {k: v[ev["kind"] == KINDS.index(name)] for k, v in ev.items()}


def first_rescue(sim) -> float:
    ticks = kind(sim, "rescue")["tick"]
    return float(ticks.min()) if len(ticks) else float(sim.ticks + 1)


def test_a_delivered_message_brings_the_rescue_forward():
    """100 seeds each way; the tick of the first rescue, messenger on vs off (lower is better).
    Seen: 96.7 on, 120.7 off (p ~ 4e-13); the message got through in 56 of 100 runs."""
    on = outcomes(street(True), first_rescue)
    off = outcomes(street(False), first_rescue)
    assert_lowers(on, off)
    assert on.mean() < off.mean() - 10


def test_the_messenger_sets_off_walks_and_delivers():
    sim = Simulation(street(True), 2)
    sim.run()
    left, arrived = kind(sim, "messenger"), kind(sim, "message_delivered")
    assert list(left["actor"]) == [0] and list(arrived["actor"]) == [0]
    assert arrived["tick"][0] > left["tick"][0]
    assert sim.world.rooms[sim.world.zone[arrived["cell"][0]]].name == "police station"
    assert sim.people.message[0] == 0 and sim.orders.delivered == arrived["tick"][0]
    assert first_rescue(sim) == arrived["tick"][0] + 10


def test_a_forbidden_messenger_stays_and_the_rescue_keeps_its_time():
    sim = Simulation(street(True), 2)
    sim.people.forbid[0] |= np.uint16(1 << MESSENGER_BIT)
    sim.run()
    assert not len(kind(sim, "messenger")["tick"]) and sim.orders.delivered == -1
    assert first_rescue(sim) >= 120


@pytest.mark.parametrize("stop_at", [5, 40])
def test_a_restored_run_with_a_messenger_continues_bit_for_bit(stop_at):
    scenario = street(True)
    whole = Simulation(scenario, 2)
    whole.run()
    first = Simulation(scenario, 2)
    first.run(until=stop_at)
    second = Simulation(scenario, 2)
    second.restore_arrays({k: v.copy() for k, v in first.state_arrays().items()})
    second.run()
    assert same_arrays(whole.state_arrays(), second.state_arrays())


def orders_after(orders: str, delivered: int) -> tuple[list[int], list[int]]:
    sim = Simulation(street(True, orders, duration="10m"), 1)
    sim.orders.deliver(delivered)
    return sim.orders.start, sim.orders.end


def test_what_a_message_does_to_each_kind_of_order():
    never = 601
    quarantine = '[[authority]]\nat = "1m"\ndo = "quarantine"\nzone = "roof"\non_message = "lift"\n'
    assert orders_after(quarantine, 90) == ([60], [90])
    assert orders_after(quarantine, 30) == ([60], [60])  # lifted before it began: never holds
    rescue = '[[authority]]\nat = "5m"\ndo = "rescue"\nzone = "roof"\nlasts = "1m"\non_message = "1m"\n'
    assert orders_after(rescue, 100) == ([160], [220])
    assert orders_after(rescue, 280) == ([300], [360])  # not later than scheduled
    bombing = '[[authority]]\nat = "5m"\ndo = "bombing"\nzone = "street"\non_message = "cancel"\n'
    assert orders_after(bombing, 100) == ([never], [never])
    assert orders_after(bombing, 300) == ([300], [301])
    plain = '[[authority]]\nat = "5m"\ndo = "bombing"\nzone = "street"\n'
    assert orders_after(plain, 100) == ([300], [301])


@pytest.mark.parametrize("order, field, expected", [
    ('do = "rescue"\non_message = "lift"', "[[authority]][1].on_message", 'expected it only for a quarantine'),
    ('do = "quarantine"\non_message = "cancel"', "[[authority]][1].on_message", 'expected "lift" or a duration'),
    ('do = "rescue"\non_message = "soon"', "[[authority]][1].on_message", 'expected a duration like "30m"'),
])
def test_on_message_is_validated(order, field, expected):
    with pytest.raises(ScenarioError) as e:
        street(True, f'[[authority]]\nat = "1m"\nzone = "roof"\n{order}\n')
    message = str(e.value)
    assert field in message and expected in message and "<scenario>:" in message


def test_the_messengers_destination_must_be_a_place():
    with pytest.raises(ScenarioError) as e:
        street('{to = "polce station"}')
    message = str(e.value)
    assert "<scenario>:24: [behaviours].messenger.to: found 'polce station'" in message
    assert "did you mean 'police station'?" in message
