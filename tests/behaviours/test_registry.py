"""A behaviour is one module: one defined only in this file registers, runs, and is checkpointed,
validated, planned and credited like a built-in one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from numba import njit

from conftest import make_scenario, same_arrays
from hyosan import Simulation
from hyosan.behaviours.behaviour import Behaviour, Step
from hyosan.behaviours.registry import RegistryError, credited_acts, register, unregister
from hyosan.dice import stream, uniform
from hyosan.engine.plan import Plan
from hyosan.events import KINDS, log_event
from hyosan.people.states import HUMAN
from hyosan.scenario import ScenarioError


@dataclass(frozen=True)
class Pray:
    """Humans in a shelter kneel and pray, now and then."""

    on: bool = True
    rate: float = 0.2  # chance per tick that a human in a shelter prays


@njit
def kneel(seed, tick, state, cell, in_shelter, prayers, action, rate, kneeling, prayer, draw,
          sink, n):
    key = stream(seed, tick, draw)
    for i in range(state.shape[0]):
        if state[i] == HUMAN and in_shelter[cell[i]] and uniform(key, i) < rate:
            prayers[i] += 1
            action[i] = kneeling
            n = log_event(sink, n, prayer, i, -1, cell[i])
    return n


def pray(sim) -> None:
    p, b = sim.people, PRAYING
    sink, n = sim.events.sink()
    n = kneel(sim.seed, sim.tick, p.state, p.cell, sim.world.in_shelter, p.prayers, p.action,
              sim.scenario.behaviours.pray.rate, b.action["kneel"], b.event["prayer"],
              b.streams["pray"], sink, n)
    sim.events.wrote(n)


def first_prayers(sim, characters) -> None:
    """The scenario's characters have said a prayer before the run starts."""
    sim.people.prayers[:len(characters)] = 1


PRAYING = Behaviour(
    "pray", Pray,
    columns={"prayers": (np.int32, 0)},
    actions=("kneel",),
    events=("prayer",),
    acts={"prayer": "prayed in {place}"},
    streams={"pray": 1000},
    steps=(Step("decide", 155, pray),),
    start=first_prayers,
)


@pytest.fixture
def registered():
    register(PRAYING)
    yield PRAYING
    unregister(PRAYING)


def chapel(body: str = ""):
    return make_scenario("""
        #######
        #sss..E
        #######
        """, 's = {name = "chapel", shelter = true}', f"""
        [[character]]
        name = "Priest"
        where = "chapel"

        [[people]]
        where = "chapel"
        count = 5
        {body}
        """, duration="30s")


def test_a_behaviour_declared_in_a_test_runs_in_a_scenario(registered):
    scenario = chapel("\n[behaviours.pray]\nrate = 0.5\n")
    assert scenario.behaviours.pray.rate == 0.5
    sim = Simulation(scenario, 3)
    sim.run()
    ev = sim.events.arrays()
    prayers = ev["kind"] == KINDS.index("prayer")
    assert prayers.sum() > 10  # 6 people x 30 ticks x 0.5, less those who left the chapel
    said = np.bincount(ev["actor"][prayers], minlength=6)
    said[0] += 1  # the priest's prayer before the run (its `start`)
    assert np.array_equal(said, sim.people.prayers)
    assert "prayer" in credited_acts()
    rows = {name: on for name, _, _, _, on in Plan.of(scenario).table()}
    assert rows["pray.pray"] == "on"


def test_its_table_is_validated_and_it_can_be_switched_off(registered):
    with pytest.raises(ScenarioError, match=r"pray.rate: found -1, expected a number of at least 0"):
        chapel("\n[behaviours.pray]\nrate = -1\n")
    with pytest.raises(ScenarioError, match="loudness"):
        chapel("\n[behaviours.pray]\nloudness = 2\n")
    off = chapel("\n[behaviours]\npray = false\n")
    assert {name: on for name, _, _, _, on in Plan.of(off).table()}["pray.pray"] == "off"
    sim = Simulation(off, 3)
    sim.run()
    assert not (sim.events.arrays()["kind"] == KINDS.index("prayer")).any()


def test_its_column_is_checkpointed_and_a_resumed_run_is_the_same(registered):
    scenario = chapel()
    whole = Simulation(scenario, 5)
    whole.run()
    half = Simulation(scenario, 5)
    half.run(until=12)
    saved = half.state_arrays()
    assert "people.prayers" in saved
    resumed = Simulation(scenario, 5)
    resumed.restore_arrays(saved)
    resumed.run()
    assert same_arrays(whole.state_arrays(), resumed.state_arrays())


def test_unregistering_takes_everything_back():
    before = (list(KINDS), dict(credited_acts()))
    register(PRAYING)
    unregister(PRAYING)
    assert (list(KINDS), dict(credited_acts())) == before
    assert "pray" not in chapel().behaviours.names()


def test_clashing_declarations_are_refused():
    with pytest.raises(RegistryError, match="event kind 'bite'"):
        register(Behaviour("biting", Pray, events=("bite",)))
    with pytest.raises(ValueError, match="stream 'again' has number 25, which is 'isolate'"):
        register(Behaviour("again", Pray, streams={"again": 25}))
    with pytest.raises(RegistryError, match="runs at 'lunch'"):
        register(Behaviour("lunch", Pray, steps=(Step("lunch", 1, pray),)))


def test_the_built_ins_register_in_their_order():
    """A module that imported a later one would register it early and shift every code."""
    from hyosan.behaviours import BUILT_IN
    from hyosan.behaviours.registry import behaviours

    modules = [b.steps[0].run.__module__ if b.steps else None for b in behaviours()]
    found = [m.rsplit(".", 1)[1] for m in modules if m and m.startswith("hyosan.behaviours.")]
    assert list(dict.fromkeys(found)) == list(BUILT_IN)


def test_a_behaviours_numbers_are_its_numeric_parameters_and_survive_pickling():
    """numba's cache pickles the types of a kernel's arguments: the namedtuple must be found
    again by name."""
    import pickle

    from hyosan.behaviours.behaviour import numbers
    from hyosan.behaviours.messenger import Messenger

    params = numbers(Messenger(rate=0.5))
    assert params._fields == ("on", "rate", "caution")  # the text field `to` is left out
    assert (params.on, params.rate, params.caution) == (True, 0.5, 3)
    assert pickle.loads(pickle.dumps(params)) == params
    assert type(pickle.loads(pickle.dumps(params))) is type(params)
