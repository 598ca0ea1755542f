"""The well-mixed kinds: `ode` (one solution) and `stochastic` (many exact or tau replicas)."""

from __future__ import annotations

import numpy as np

from ..engine.plan import Plan
from ..scenario.model import Scenario
from . import ode
from .gillespie import advance_replicas
from .reactions import system_of
from .run import Extent, Population, ScienceSimulation
from .tauleap import leap_replicas

QUANTILES = (0.05, 0.95)


class OdeSimulation(ScienceSimulation):
    def __init__(self, scenario: Scenario, seed: int | None = None):
        super().__init__(scenario, seed)
        self.system = system_of(scenario.model)
        self.species = self.system.species
        self.x = self.system.x0.astype(np.float64)
        self.people = Population(self.system.population, 8.0 * len(self.species) / max(self.system.population, 1))
        self.world = Extent(1)
        self.plan = Plan.of_steps([("solve", self._solve), ("record", lambda sim: self._record("mean", self.x))])
        self._row("mean", 0, self.x)

    def _solve(self, _sim) -> None:
        t, k = self.strikes()
        self.x = ode.advance(self.system, self.x, self.day(self.tick), self.day(self.tick + 1),
                             tuple(zip(t, k)))

    def totals(self) -> np.ndarray:
        return self.x

    def _state(self) -> dict[str, np.ndarray]:
        return {"x": self.x}

    def _restore(self, arrays: dict[str, np.ndarray]) -> None:
        self.x = arrays["x"].astype(np.float64).copy()


class StochasticSimulation(ScienceSimulation):
    """`replicas` independent runs; the time series holds their mean and 5% and 95% quantiles."""

    def __init__(self, scenario: Scenario, seed: int | None = None):
        super().__init__(scenario, seed)
        spec = scenario.model
        self.system = system_of(spec)
        self.species = self.system.species
        n = spec.replicas
        self.X = np.tile(self.system.x0, (n, 1))
        self.T = np.zeros(n)
        self.N = np.zeros(n, np.int64)
        self.people = Population(self.system.population, self.X.nbytes / max(self.system.population * n, 1))
        self.world = Extent(1)
        self.plan = Plan.of_steps([("react", self._react), ("record", self._record_all)])
        self._record_all(None, row=0)

    def _react(self, _sim) -> None:
        s, strikes = self.system, self.strikes()
        zombie = s.index(s.model.zombie)
        stop = self.day(self.tick + 1)
        if self.scenario.model.method == "exact":
            advance_replicas(self.X, self.T, self.N, stop, s.reactions, self.seed, strikes, zombie)
        else:
            tau = self.scenario.tick / 86400.0
            leap_replicas(self.X, self.T, self.tick, stop, tau, s.reactions, self.seed, strikes, zombie)

    def _record_all(self, _sim, row: int | None = None) -> None:
        put = self._record if row is None else (lambda name, v: self._row(name, row, v))
        put("mean", self.X.mean(axis=0))
        if len(self.X) > 1:
            q = np.quantile(self.X, QUANTILES, axis=0)
            put("q05", q[0])
            put("q95", q[1])

    def totals(self) -> np.ndarray:
        return self.X[0] if len(self.X) == 1 else self.X.mean(axis=0)

    def _state(self) -> dict[str, np.ndarray]:
        return {"X": self.X, "T": self.T, "N": self.N}

    def _restore(self, arrays: dict[str, np.ndarray]) -> None:
        self.X[:], self.T[:], self.N[:] = arrays["X"], arrays["T"], arrays["N"]
