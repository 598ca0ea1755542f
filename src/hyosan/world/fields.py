"""Flow fields: breadth-first distances over the cell links, shared by everyone.

A field answers "how many steps to the nearest source" for every cell at once, so a person
picks a step by looking at its neighbours' values. Sources may start with a head start
(a negative or positive initial distance), which is how a decoy's noise outweighs a human.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit


class Senses(NamedTuple):
    """What people sense this tick (engine.sense): the two fields, and how far each is felt."""

    zombie_near: np.ndarray  # int32 per cell: steps from the nearest zombie
    human_near: np.ndarray  # int32 per cell: steps from the nearest human or noise
    sense: int  # steps within which a human notices a zombie; -1: never
    chase: int  # steps within which a zombie notices a human; -1: never


@njit(cache=True)
def distance_field(links, passable, sources, start, limit, dist):
    """Fill dist with the steps from the nearest source through passable cells.

    Sources must come sorted by their start distance, lowest first (a head start is a lower
    start). Cells further than limit, or unreachable, get limit + 1 (or the int32 maximum when
    limit is the int32 maximum).
    """
    none = np.empty(0, np.int32)
    return _search(links, passable, sources, start, limit, dist, none, none,
                   np.empty(dist.shape[0], np.int32))


@njit(cache=True)
def distance_field_listing(links, passable, sources, start, limit, dist, reached):
    """distance_field, also listing the cells it reached (within limit, each once) in
    reached[:n], n returned; reached has room for every cell."""
    none = np.empty(0, np.int32)
    return _search(links, passable, sources, start, limit, dist, none, none, reached)


@njit(cache=True)
def nearest_source(links, passable, sources, owners, limit, dist, owner, reached):
    """distance_field from sources that all start at 0, also telling for every cell whose
    source is nearest: owner[c] = owners[s] (the first listed wins ties; -1 beyond limit).
    Lists the cells reached as distance_field_listing does."""
    owner[:] = -1
    return _search(links, passable, sources, np.zeros(sources.shape[0], np.int32), limit, dist,
                   owners, owner, reached)


@njit(cache=True)
def _search(links, passable, sources, start, limit, dist, owners, owner, queue):
    """The breadth-first search of all three; owner is only filled when it is not empty. The
    queue holds every cell reached, in order, as queue[:tail]."""
    n = dist.shape[0]
    tracking = owner.shape[0] > 0
    far = limit + 1 if limit < 2147483647 else limit
    for c in range(n):
        dist[c] = far
    head = 0
    tail = 0
    # Taking the next source whenever it is no further than the queue's head keeps the queue
    # sorted by distance, so every cell is settled the first time it is reached.
    s = 0
    while s < len(sources) or head < tail:
        if head == tail or (s < len(sources) and start[s] <= dist[queue[head]]):
            c = sources[s]
            d0 = start[s]
            if d0 < dist[c] and d0 <= limit:
                dist[c] = d0
                if tracking:
                    owner[c] = owners[s]
                queue[tail] = c
                tail += 1
            s += 1
            continue
        c = queue[head]
        head += 1
        d = dist[c] + 1
        if d > limit:
            continue
        for k in range(links.shape[1]):
            nb = links[c, k]
            if nb >= 0 and passable[nb] != 0 and d < dist[nb]:
                dist[nb] = d
                if tracking:
                    owner[nb] = owner[c]
                queue[tail] = nb
                tail += 1
    return tail
