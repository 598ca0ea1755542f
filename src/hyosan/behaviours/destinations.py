"""Walking to a destination of one's own: a messenger to the authorities, a seeker to where a
relative was last seen.

Such destinations are few and change rarely, so each one's distance field is computed once,
when someone first needs it, and kept while anyone still walks toward it and the walkable
cells stay the same (a quarantine changes them). The cache is derived state: a restored run
recomputes the fields from the saved destinations (the people columns) when next asked.
"""

from __future__ import annotations

from typing import Callable, Hashable

import numpy as np
from numba import njit

from ..dice import stream
from ..world.fields import distance_field
from ..world.grid import UNREACHABLE
from .actions import Choices
from .walk import Route, downhill


@njit(cache=True)
def walk_toward(people: np.ndarray, cell: np.ndarray, route: Route, zombie_near: np.ndarray,
                caution: int, seed: int, tick: int, purpose: int, act_code: int,
                choices: Choices) -> None:
    """Each of `people` steps down the route's field (staying wins ties, drawn from the
    `purpose` stream), unless a zombie is within `caution` steps: then the step already chosen
    (fleeing) stands."""
    graph, walk, field = route.graph, route.walk, route.field
    target, action = choices.target, choices.action
    key = stream(seed, tick, purpose)
    for i in people:
        c = cell[i]
        if zombie_near[c] <= caution:
            continue
        target[i] = downhill(graph, walk, field, c, key, i)
        action[i] = act_code


class Destinations:
    """Distance fields toward destinations, keyed by the caller (a place name, a cell...)."""

    def __init__(self) -> None:
        self.fields: dict[Hashable, np.ndarray] = {}
        self.used: dict[Hashable, int] = {}
        self.holding: tuple[int, ...] | None = None

    def route(self, sim, key: Hashable, cells: Callable[[], np.ndarray]) -> Route:
        """Steps to the nearest of `cells()` (called only when the field must be computed)
        through the cells humans may walk now."""
        if self.holding != sim.walk.holding:
            self.fields.clear()
            self.holding = sim.walk.holding
        # Fields nobody asked for in the last tick are no longer anyone's destination.
        stale = [k for k, t in self.used.items() if t < sim.tick - 1]
        for k in stale:
            self.fields.pop(k, None)
            del self.used[k]
        self.used[key] = sim.tick
        if key not in self.fields:
            sources = np.unique(np.asarray(cells(), np.int32))
            dist = np.empty(sim.world.cells, np.int32)
            distance_field(sim.world.links, sim.walk.human, sources, np.zeros(len(sources), np.int32),
                           UNREACHABLE, dist)
            self.fields[key] = dist
        return Route(sim.world.graph, sim.walk.human, self.fields[key])
