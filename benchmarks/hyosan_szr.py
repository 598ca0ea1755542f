"""hyosan on the reference model: the scenario file, resized to N people, run through the
public API (`hyosan.Simulation(scenario, seed)`, then `sim.run()`)."""

from __future__ import annotations

import dataclasses

import numpy as np

import hyosan
from hyosan.scenario.model import FLOOR

from .reference import SCENARIO, STATES, TICKS, side, zombies


def scenario(n: int, ticks: int = TICKS) -> hyosan.Scenario:
    """The scenario file with an all-floor torus of side(n) cells and n people, 1% zombies."""
    base = hyosan.load(SCENARIO)
    humans, undead = base.people  # the file's two blocks: humans, then zombies
    shape = (1, side(n), side(n))
    grid = dataclasses.replace(base.map, terrain=np.full(shape, FLOOR, np.uint8),
                               zone=np.full(shape, -1, np.int16))
    people = (dataclasses.replace(humans, count=n - zombies(n)),
              dataclasses.replace(undead, count=zombies(n)))
    return base.replace(map=grid, people=people, duration=ticks * base.tick)


class Model:
    def __init__(self, n: int, seed: int, ticks: int = TICKS):
        self.sim = hyosan.Simulation(scenario(n, ticks), seed)

    def run(self) -> None:
        self.sim.run()

    def counts(self) -> dict[str, int]:
        counts = self.sim.counts()
        return {state: counts[state] for state in STATES}

    @property
    def bytes_per_person(self) -> int:
        return self.sim.people.bytes_per_person

    @property
    def phases(self) -> dict[str, float]:
        return dict(self.sim.plan.seconds)
