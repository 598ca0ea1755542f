"""The tick as data: a table of rows, each a step of the engine or of a behaviour, timed.

The tick runs seven phases in order (registry.PHASES); within a phase its rows run in
increasing order. The engine's own rows are listed here; each behaviour adds its steps
(`Behaviour.steps`). A row whose `on` is false for the scenario is in the table but never runs.
`hyosan run --plan` prints the table, and `--profile` the time of every row.

The events a phase's rows log go into one sink (events.EventLog), committed when the phase ends.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from ..behaviours.registry import PHASES, behaviours, step_name
from .authorities import authorities
from .decide import walk
from .interact import fights
from .move import steps, wear_doors_down
from .progress import progress
from .record import record
from .sense import sense

ENGINE = "engine"


@dataclass(frozen=True)
class Row:
    name: str  # "phase.step"
    owner: str  # "engine" or the behaviour's name
    at: str  # its phase
    order: int  # its place in the phase
    run: Callable = field(repr=False)
    on: bool = True


def _always(scenario) -> bool:
    return True


# (phase, order, name, step, on)
ENGINE_ROWS = (
    ("sense", 50, "fields", sense, _always),  # how far the nearest zombie and the nearest human are
    ("decide", 10, "walk", walk, _always),  # everyone picks a step: wander, flee, chase
    ("move", 50, "steps", steps, _always),  # steps within cell capacity; door pushes; escapes
    ("move", 70, "wear_doors", wear_doors_down, _always),  # the pushes wear closed doors down
    ("interact", 50, "fights", fights, _always),  # bites and fights inside cells
    ("progress", 50, "turn", progress, _always),  # incubation: the bitten turn
    ("authorities", 50, "orders", authorities, _always),  # quarantines, rescues and bombings
    ("record", 50, "counts", record, _always),  # counts by state and room
)


@dataclass
class Plan:
    rows: list[Row]
    logs_events: bool = True  # the science kinds' plans log none
    seconds: dict[str, float] = field(default_factory=dict)  # by row name

    @classmethod
    def of_steps(cls, steps: list[tuple[str, Callable]]) -> "Plan":
        """A plan of one row a phase, for the science kinds (they log no events)."""
        return cls([Row(name, ENGINE, name, 50, run) for name, run in steps], logs_events=False)

    @classmethod
    def of(cls, scenario) -> "Plan":
        rows = [Row(f"{at}.{name}", ENGINE, at, order, run, on(scenario))
                for at, order, name, run, on in ENGINE_ROWS]
        for b in behaviours():
            for step in b.steps:
                on = step.on(scenario) if step.on is not None else b.is_on(scenario)
                rows.append(Row(f"{b.name}.{step_name(step)}", b.name, step.at, step.order, step.run, on))
        rows.sort(key=lambda r: (PHASES.index(r.at), r.order))
        _check_unique(rows)
        return cls(rows)

    def run_tick(self, sim) -> None:
        events, seconds = (sim.events if self.logs_events else None), self.seconds
        phase = self.rows[0].at
        for row in self.rows:
            if events is not None and row.at != phase:
                events.commit(sim.tick)
                phase = row.at
            if not row.on:
                continue
            t0 = time.perf_counter()
            if events is not None:
                events.reserve(sim.event_room)
            row.run(sim)
            seconds[row.name] = seconds.get(row.name, 0.0) + time.perf_counter() - t0
        if events is not None:
            events.commit(sim.tick)

    def by_phase(self) -> dict[str, float]:
        """Seconds spent in each phase so far."""
        out: dict[str, float] = {}
        for row in self.rows:
            out[row.at] = out.get(row.at, 0.0) + self.seconds.get(row.name, 0.0)
        return out

    def table(self) -> list[tuple[str, str, str, int, str]]:
        """The rows as (name, owner, phase, order, "on" or "off")."""
        return [(r.name, r.owner, r.at, r.order, "on" if r.on else "off") for r in self.rows]


def _check_unique(rows: list[Row]) -> None:
    seen: dict[tuple[str, int], str] = {}
    for r in rows:
        if (r.at, r.order) in seen:
            raise ValueError(f"rows {seen[(r.at, r.order)]!r} and {r.name!r} both run at {r.at} "
                             f"{r.order}: give one another order")
        seen[(r.at, r.order)] = r.name
