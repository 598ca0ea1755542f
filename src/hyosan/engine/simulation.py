"""A simulation: a scenario's world and people, stepped tick by tick through the plan.

The whole state is a set of named arrays (`state_arrays`), so a run can be saved at any tick
and restored to continue bit for bit.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

import numba
import numpy as np

from ..behaviours.actions import Choices
from ..behaviours.destinations import Destinations
from ..behaviours.registry import behaviours
from ..dice import Incubation
from ..events import START, EventLog
from ..people.placement import place_people
from ..people.states import BITTEN, HALFBIE, STATE_NAMES, ZOMBIE
from ..scenario.model import Scenario
from ..world.fields import Senses
from ..world.grid import build_world
from .plan import Plan
from .progress import incubate_the_bitten
from .record import count_states
from .authorities import Orders
from .frames import Frames
from .state import Bins, Doors, Fields, Noise, Rates, Scratch, Walk


def step_until(sim: Any, until: int | None, on_tick: Callable[[Any], None] | None,
               stop: Callable[[], bool] | None) -> bool:
    """The loop of a run, for the agent engine and the science kinds alike: step `sim` to tick
    `until` (default: its end), calling on_tick after each; False if `stop()` said to stop first."""
    end = sim.ticks if until is None else min(until, sim.ticks)
    while sim.tick < end:
        if stop is not None and stop():
            return False
        sim.step()
        if on_tick is not None:
            on_tick(sim)
    return True


# A world of fewer people runs on one thread: its passes are over in about the time it takes to
# start the others, which may not get a core at once when other runs share the machine. (At 10,000
# people on the reference model two threads still win by ~12% on a quiet machine.)
ONE_THREAD_BELOW = 5_000


class Simulation:
    def __init__(self, scenario: Scenario, seed: int | None = None):
        self.scenario = scenario
        self.seed = int(scenario.seed if seed is None else seed)
        self.world = build_world(scenario.map)
        self.people = place_people(scenario, self.world, self.seed)
        for b in behaviours():  # what the scenario says of its characters: a leader, a message...
            if b.start is not None and scenario.characters:
                b.start(self, scenario.characters)
        self.rates = Rates.of(scenario)
        self.plan = Plan.of(scenario)
        self.tick = 0
        self.events = EventLog()
        self.doors = Doors.of(self.world, scenario.doors.strength)
        self.noise = Noise.none()
        self.walk = Walk.of(self.world)
        self.orders = Orders(self)
        self.rescued = np.zeros(len(scenario.authorities), np.int32)  # people taken by each rescue
        self.destinations = Destinations()  # fields toward messengers' and seekers' destinations
        records = scenario.ticks // scenario.record.every + 1
        self.series = np.zeros((records, len(self.world.rooms) + 1, len(STATE_NAMES)), np.int32)
        self.fields = Fields.of(self.world, self.people.count)
        self.scratch = Scratch.of(self.world, self.people.count)
        # The containers kernels read, made once: their arrays are written in place.
        self.choices = Choices(self.scratch.target, self.people.action)  # written by decide
        self.senses = Senses(self.fields.zombie_near, self.fields.human_near, self.rates.sense,
                             self.rates.chase)  # the fields are written by the sense phase
        inc = scenario.infection.incubation
        self.incubation = Incubation(inc.kind, inc.a, inc.b, self.rates.tick_seconds)
        # no phase records more events in a tick: at most two per person (a rescuer's strike and
        # an injury in the same fight) and one per door
        self.event_room = 2 * self.people.count + len(self.world.door_cells)
        # what behaviours keep besides people columns (shelters' needs...), by behaviour
        self.states = {b.name: b.state.of(self) for b in behaviours() if b.state is not None}
        self._start_infections()
        self.bins = Bins(self.world, self.people)
        count_states(self.people.state, self.people.cell, self.world.zone, self.series[0])
        self.frames = Frames(self)
        self.frames.capture(self, 0)

    def _start_infections(self) -> None:
        p = self.people
        incubate_the_bitten(self.seed, p.state, p.turn_tick, self.incubation)
        infected = np.flatnonzero(np.isin(p.state, (BITTEN, ZOMBIE, HALFBIE)))
        self.events.add(0, START, infected, -1, p.cell[infected])

    # --- running -------------------------------------------------------------------------

    @property
    def ticks(self) -> int:
        return self.scenario.ticks

    @property
    def done(self) -> bool:
        return self.tick >= self.ticks

    def step(self) -> None:
        self.plan.run_tick(self)
        self.tick += 1

    def run(self, until: int | None = None, *, on_tick: Callable[["Simulation"], None] | None = None,
            stop: Callable[[], bool] | None = None) -> bool:
        """Step to tick `until` (default: the end). Returns False if `stop()` said to stop first."""
        with self._threads():
            return step_until(self, until, on_tick, stop)

    @contextmanager
    def _threads(self) -> Iterator[None]:
        """numba's threads for this run's ticks (the same results on any number)."""
        before = numba.get_num_threads()
        if self.people.count >= ONE_THREAD_BELOW or before == 1:
            yield
            return
        numba.set_num_threads(1)
        try:
            yield
        finally:
            numba.set_num_threads(before)

    def make_noise(self, cell: int, loudness: int, seconds: float) -> None:
        """A noise at a cell that draws zombies as if it were `loudness` steps closer than a human."""
        self.noise.add(cell, loudness, self.tick + max(1, round(seconds / self.rates.tick_seconds)))

    def counts(self) -> dict[str, int]:
        """People by state now."""
        totals = np.bincount(self.people.state, minlength=len(STATE_NAMES))
        return {name: int(totals[k]) for k, name in enumerate(STATE_NAMES)}

    # --- checkpoints ---------------------------------------------------------------------

    def _saved_parts(self) -> dict[str, Any]:
        """The engine's parts of the state that save themselves (arrays(), restore(arrays)), by
        the prefix of their keys; the behaviours' states (`states`) restore with the sim too."""
        return {"doors": self.doors, "noise": self.noise}

    def state_arrays(self) -> dict[str, np.ndarray]:
        arrays = {f"people.{k}": v for k, v in self.people.columns.items()}
        arrays.update({f"events.{k}": v for k, v in self.events.arrays().items()})
        for prefix, part in {**self._saved_parts(), **self.states}.items():
            arrays.update({f"{prefix}.{k}": v for k, v in part.arrays().items()})
        arrays.update({
            "tick": np.array(self.tick, np.int64),
            "seed": np.array(self.seed, np.int64),
            "series": self.series,
            "rescued": self.rescued,
            "orders.delivered": np.array(self.orders.delivered, np.int64),
            **self.frames.arrays(),
        })
        return arrays

    def restore_arrays(self, arrays: dict[str, np.ndarray], *, reseed: int | None = None) -> None:
        """Continue from saved state. With `reseed`, the run goes on from there with other dice
        (a replica of what might have followed), instead of the saved run's own."""
        if reseed is not None:
            self.seed = int(reseed)
        elif int(arrays["seed"]) != self.seed:
            raise ValueError(f"checkpoint is of seed {int(arrays['seed'])}, not {self.seed}")
        self.people.restore(_part(arrays, "people"))
        self.events.restore(_part(arrays, "events"))
        self.tick = int(arrays["tick"])
        for prefix, part in self._saved_parts().items():
            part.restore(_part(arrays, prefix))
        self.series[:] = arrays["series"]
        self.rescued[:] = arrays["rescued"]
        self.orders.retime(int(arrays["orders.delivered"]))
        self.frames.restore(arrays)
        self.bins.moved()
        for name, state in self.states.items():
            state.restore(self, _part(arrays, name))
        self.orders.apply(self.tick - 1)


def _part(arrays: dict[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    """The arrays whose keys start with `prefix.`, without it."""
    start = prefix + "."
    return {k[len(start):]: v for k, v in arrays.items() if k.startswith(start)}
