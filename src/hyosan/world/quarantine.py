"""A quarantine line: the cells that seal a zone off from the rest of the map.

The zone's inside is its rooms plus the doors, stairs and unnamed passages reachable from them
without entering another room. The line is every exit next to the inside, and every cell of
another room that touches it: nobody can step onto the line, so nobody crosses it.
"""

from __future__ import annotations

import numpy as np

from .terrain import EXIT
from .fields import distance_field
from .grid import UNREACHABLE, World


def quarantine_line(world: World, zone: np.ndarray) -> np.ndarray:
    """A bool mask of the cells that seal off the cells of `zone` (a bool mask of rooms)."""
    passage = (world.zone < 0) & (world.terrain != EXIT) & (world.human_walk != 0)
    sources = np.flatnonzero(zone & (world.human_walk != 0)).astype(np.int32)
    reach = np.empty(world.cells, np.int32)
    distance_field(world.links, (passage | zone).astype(np.uint8), sources,
                   np.zeros(len(sources), np.int32), UNREACHABLE, reach)
    inside = reach < UNREACHABLE
    links = world.links
    touches = np.zeros(world.cells, dtype=bool)
    for k in range(links.shape[1]):
        linked = links[:, k] >= 0
        touches[linked] |= inside[links[linked, k]]
    return touches & ~inside & (world.human_walk != 0)
