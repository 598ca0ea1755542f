"""The tick as data: an ordered list of named phases, each timed.

Reading DEFAULT_PLAN shows the whole tick; `hyosan run --profile` prints the time per phase.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from .authorities import authorities
from .decide import decide
from .interact import interact
from .move import move
from .progress import progress
from .record import record
from .sense import sense


@dataclass
class Plan:
    phases: list[tuple[str, Callable]]
    seconds: dict[str, float] = field(default_factory=dict)

    def run_tick(self, sim) -> None:
        for name, phase in self.phases:
            t0 = time.perf_counter()
            phase(sim)
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.phases]


def default_plan() -> Plan:
    return Plan([
        ("sense", sense),  # flow fields: how far the nearest zombie and the nearest human are
        ("decide", decide),  # everyone picks a step; sheltering people close doors
        ("move", move),  # steps within cell capacity; door pushes; escapes
        ("interact", interact),  # bites and fights inside cells
        ("progress", progress),  # incubation: the bitten turn
        ("authorities", authorities),  # quarantines, rescues and bombings
        ("record", record),  # counts by state and room
    ])
