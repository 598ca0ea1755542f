"""hyosan on the reference model: the scenario file, resized to N people, run through the
public API (`hyosan.Simulation(scenario, seed)`, then `sim.run()`).

`Model` keeps what the peers keep: the counts at the start and at the end of the run (no peer
writes a time series or a replay). `RecordingModel` keeps what the scenario file keeps, as any
hyosan run does by default: a row of counts and a replay frame every tick."""

from __future__ import annotations

import dataclasses

import numpy as np

import hyosan
from hyosan.world.terrain import FLOOR
from hyosan.scenario.model import Record

from .reference import SCENARIO, STATES, TICKS, side, zombies


def scenario(n: int, ticks: int = TICKS, every_tick: bool = False) -> hyosan.Scenario:
    """The scenario file with an all-floor torus of side(n) cells and n people, 1% zombies,
    recording at the start and the end only, or (every_tick) as the file does."""
    base = hyosan.load(SCENARIO)
    humans, undead = base.people  # the file's two blocks: humans, then zombies
    shape = (1, side(n), side(n))
    grid = dataclasses.replace(base.map, terrain=np.full(shape, FLOOR, np.uint8),
                               zone=np.full(shape, -1, np.int16))
    people = (dataclasses.replace(humans, count=n - zombies(n)),
              dataclasses.replace(undead, count=zombies(n)))
    record = base.record if every_tick else Record(every=ticks, frames=ticks)
    return base.replace(map=grid, people=people, duration=ticks * base.tick, record=record)


class Model:
    every_tick = False

    def __init__(self, n: int, seed: int, ticks: int = TICKS):
        self.sim = hyosan.Simulation(scenario(n, ticks, self.every_tick), seed)

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
        return self.sim.plan.by_phase()


class RecordingModel(Model):
    every_tick = True
