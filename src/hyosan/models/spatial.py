"""The lattice kind: a metapopulation on a grid of cells, or Alemi's one-person-per-site lattice."""

from __future__ import annotations

from abc import abstractmethod

import numpy as np

from ..engine.plan import Plan
from ..scenario.model import Scenario
from .cells import build_cells
from .lattice import column_totals, hops_in, hops_out, nsm_until, tau_react
from .reactions import compile_system
from .run import Extent, Population, ScienceSimulation
from .sitelattice import R, S, Z, build_bonds, centre_start, run_key, site_until


class _Maps(ScienceSimulation):
    """Keeps per-cell maps of humans and zombies at `lattice.snapshots` evenly spaced ticks."""

    height: int
    width: int

    def _start_maps(self) -> None:
        n = self.scenario.lattice.snapshots
        self.snap_ticks = np.unique(np.linspace(0, self.ticks, max(n, 2)).round().astype(np.int64))
        self.maps = np.zeros((len(self.snap_ticks), 2, self.height, self.width), np.int32)
        self._snap(0)

    def _snap(self, tick: int) -> None:
        hit = np.flatnonzero(self.snap_ticks == tick)
        if hit.size:
            humans, zombies = self.grids()
            self.maps[hit[0], 0] = humans.reshape(self.height, self.width)
            self.maps[hit[0], 1] = zombies.reshape(self.height, self.width)

    @abstractmethod
    def grids(self) -> tuple[np.ndarray, np.ndarray]:
        """Humans and zombies per cell, as flat arrays."""

    def _record_tick(self, _sim) -> None:
        self._record("total", self.totals())
        self._snap(self.tick + 1)


class LatticeSimulation(_Maps):
    def __init__(self, scenario: Scenario, seed: int | None = None):
        super().__init__(scenario, seed)
        spec = scenario.model
        self.system = compile_system(spec.name, spec.parameters, population=1.0)
        self.species = self.system.species
        self.cells, self.x = build_cells(scenario.lattice, self.system, self.seed)
        self.height, self.width = self.cells.height, self.cells.width
        self.moves = np.zeros((self.cells.count, 4), np.int32)
        people = int(self.x.sum())
        self.people = Population(people, (self.x.nbytes + self.moves.nbytes) / max(people, 1))
        self.world = Extent(self.cells.count)
        self.human = self.system.index(self.system.model.human)
        self.zombie = self.system.index(self.system.model.zombie)
        if spec.method == "exact":
            phases = [("react+move", self._exact)]
        else:
            phases = [("react", self._react), ("move", self._move)]
        self.plan = Plan.of_steps(phases + [("record", self._record_tick)])
        self._row("total", 0, self.totals())
        self._start_maps()

    def _exact(self, _sim) -> None:
        s, c = self.system, self.cells
        nsm_until(self.x, c.mask, c.width, self.day(self.tick), self.day(self.tick + 1), s.reactions,
                  c.inv_n, c.hop, self.seed, self.tick)

    def _react(self, _sim) -> None:
        s = self.system
        tau_react(self.x, self.scenario.tick / 86400.0, s.nu, s.r1, s.r2, s.k, s.freq, self.cells.inv_n,
                  self.seed, self.tick)

    def _move(self, _sim) -> None:
        tau = self.scenario.tick / 86400.0
        for sp, rate in enumerate(self.cells.hop):
            if rate > 0:
                hops_out(self.x, sp, self.cells.mask, rate, tau, self.seed, self.tick, self.moves)
                hops_in(self.x, sp, self.cells.width, self.moves)

    def totals(self) -> np.ndarray:
        return column_totals(self.x)

    def grids(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[:, self.human], self.x[:, self.zombie]

    def _state(self) -> dict[str, np.ndarray]:
        return {"x": self.x, "maps": self.maps}

    def _restore(self, arrays: dict[str, np.ndarray]) -> None:
        self.x[:] = arrays["x"]
        self.maps[:] = arrays["maps"]


class SiteLatticeSimulation(_Maps):
    """One person per site; starts with `lattice.zombies` zombies in a block at the centre."""

    def __init__(self, scenario: Scenario, seed: int | None = None):
        super().__init__(scenario, seed)
        self.species = ("S", "Z", "R")
        self.height, self.width = scenario.lattice.sites
        pars = {"beta": 1.0, "kappa": 0.8} | scenario.model.parameters
        self.beta, self.kappa = pars["beta"], pars["kappa"]
        self.state = centre_start(self.height, self.width, max(scenario.lattice.zombies, 1))
        self.active, self.where, count = build_bonds(self.state, self.width)
        self.clock = np.array([float(count), 0.0, 0.0])  # active bonds, time (days), events drawn
        self.people = Population(self.state.size, (self.state.nbytes + 2 * self.active.nbytes) / self.state.size)
        self.world = Extent(self.state.size)
        self.plan = Plan.of_steps([("bonds", self._bonds), ("record", self._record_tick)])
        self._row("total", 0, self.totals())
        self._start_maps()

    def _bonds(self, _sim) -> None:
        key = np.uint64(run_key(self.seed))
        clock = (int(self.clock[0]), self.clock[1], int(self.clock[2]))
        count, t, n = site_until(self.state, self.width, self.active, self.where, clock,
                                 self.day(self.tick + 1), self.beta, self.kappa, key)
        self.clock[:] = (count, t, n)

    def totals(self) -> np.ndarray:
        return np.bincount(self.state, minlength=3)[[S, Z, R]].astype(np.int64)

    def grids(self) -> tuple[np.ndarray, np.ndarray]:
        return (self.state == S).astype(np.int32), (self.state == Z).astype(np.int32)

    def _state(self) -> dict[str, np.ndarray]:
        return {"state": self.state, "active": self.active, "where": self.where, "clock": self.clock,
                "maps": self.maps}

    def _restore(self, arrays: dict[str, np.ndarray]) -> None:
        for name in ("state", "active", "where", "clock", "maps"):
            getattr(self, name)[:] = arrays[name]


def lattice_simulation(scenario: Scenario, seed: int | None = None) -> ScienceSimulation:
    if scenario.lattice.sites is not None:
        return SiteLatticeSimulation(scenario, seed)
    return LatticeSimulation(scenario, seed)
