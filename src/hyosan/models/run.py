"""A Simulation-like object per science kind, stepped tick by tick like the agent engine.

Each has what the runner, the run directory and the CLI read from a simulation: `scenario`,
`seed`, `tick`, `ticks`, `run`, `counts`, `plan` (phases, each timed), `people.count`,
`world.cells`, `rates.tick_seconds`, and `state_arrays` / `restore_arrays` for checkpoints.
Time in the kernels is in days; a tick is `scenario.tick` seconds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Callable
from dataclasses import dataclass

import numpy as np

from ..engine.plan import Plan
from ..engine.simulation import Simulation, step_until
from ..scenario.model import Scenario
from ..scenario.model_spec import DAY
from .reactions import Strikes


@dataclass(frozen=True)
class Population:
    count: int  # people at the start
    bytes_per_person: float


@dataclass(frozen=True)
class Extent:
    cells: int


@dataclass(frozen=True)
class TickRate:
    tick_seconds: float


class ScienceSimulation(ABC):
    """What every science kind shares: ticks, the record of counts, the run loop, checkpoints.
    A kind sets `species`, `plan`, `people`, `world` and implements `totals`, `_state` and
    `_restore`; its phases advance the state from day(tick) to day(tick + 1)."""

    species: tuple[str, ...]
    plan: Plan
    people: Population
    world: Extent

    def __init__(self, scenario: Scenario, seed: int | None = None):
        if scenario.model is None:
            raise ValueError(f"scenario '{scenario.name}' of kind {scenario.kind} has no [model]")
        self.scenario = scenario
        self.seed = int(scenario.seed if seed is None else seed)
        self.tick = 0
        self.rates = TickRate(scenario.tick)
        self.every = scenario.record.every
        self.series: dict[str, np.ndarray] = {}

    # --- time -----------------------------------------------------------------------------

    ticks = Simulation.ticks  # the agent engine's: scenario.ticks, and tick >= ticks
    done = Simulation.done

    def day(self, tick: int) -> float:
        return tick * self.scenario.tick / DAY

    @property
    def records(self) -> int:
        return self.ticks // self.every + 1

    def strikes(self) -> Strikes:
        s = self.scenario.model.strikes
        return Strikes(np.array([x.at / DAY for x in s], np.float64),
                       np.array([x.kill for x in s], np.float64))

    # --- running --------------------------------------------------------------------------

    def step(self) -> None:
        self.plan.run_tick(self)
        self.tick += 1

    def run(self, until: int | None = None, *, on_tick: Callable[[Any], None] | None = None,
            stop: Callable[[], bool] | None = None) -> bool:
        """Step to tick `until` (default: the end). Returns False if `stop()` said to stop first."""
        return step_until(self, until, on_tick, stop)

    @abstractmethod
    def totals(self) -> np.ndarray:
        """Counts of every species now (float for means and ODE solutions)."""

    def counts(self) -> dict[str, float | int]:
        values = self.totals()
        if np.issubdtype(values.dtype, np.integer):
            return {s: int(v) for s, v in zip(self.species, values)}
        return {s: round(float(v), 3) for s, v in zip(self.species, values)}

    def _record(self, name: str, values: np.ndarray) -> None:
        """Keep `values` as the row of tick+1 in series `name`, every `every` ticks."""
        done = self.tick + 1
        if done % self.every == 0:
            self._row(name, done // self.every, values)

    def _row(self, name: str, row: int, values: np.ndarray) -> None:
        if name not in self.series:
            self.series[name] = np.zeros((self.records, len(values)), values.dtype)
        self.series[name][row] = values

    # --- checkpoints ----------------------------------------------------------------------

    def state_arrays(self) -> dict[str, np.ndarray]:
        arrays = {"tick": np.array(self.tick, np.int64), "seed": np.array(self.seed, np.int64)}
        arrays.update({f"series.{k}": v for k, v in self.series.items()})
        arrays.update(self._state())
        return arrays

    def restore_arrays(self, arrays: dict[str, np.ndarray]) -> None:
        if int(arrays["seed"]) != self.seed:
            raise ValueError(f"checkpoint is of seed {int(arrays['seed'])}, not {self.seed}")
        self.tick = int(arrays["tick"])
        self.series = {k.split(".", 1)[1]: v.copy() for k, v in arrays.items() if k.startswith("series.")}
        self._restore(arrays)

    @abstractmethod
    def _state(self) -> dict[str, np.ndarray]:
        """The arrays a checkpoint keeps besides the tick, the seed and the series."""

    @abstractmethod
    def _restore(self, arrays: dict[str, np.ndarray]) -> None:
        """Put back what `_state` kept."""

