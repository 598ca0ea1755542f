"""Flow fields: breadth-first distances over the cell links, shared by everyone.

A field answers "how many steps to the nearest source" for every cell at once, so a person
picks a step by looking at its neighbours' values. Sources may start with a head start
(a negative or positive initial distance), which is how a decoy's noise outweighs a human.

The fields every tick needs over a whole city are searched level by level instead, each level
shared among threads (`distance_field_by_levels`): the same fields, several times sooner.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import get_num_threads, njit, prange


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
def nearest_source(links, passable, sources, owners, limit, dist, owner, reached):
    """distance_field from sources that all start at 0, also telling for every cell whose
    source is nearest: owner[c] = owners[s] (the first listed wins ties; -1 beyond limit).
    Lists the cells it reached (within limit, each once) in reached[:n], n returned; reached
    has room for every cell."""
    owner[:] = -1
    return _search(links, passable, sources, np.zeros(sources.shape[0], np.int32), limit, dist,
                   owners, owner, reached)


@njit(cache=True)
def _search(links, passable, sources, start, limit, dist, owners, owner, queue):
    """The breadth-first search of both; owner is only filled when it is not empty. The
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


# --- the same search level by level, on several threads -----------------------------------

SEARCH_THREADS = 4  # at most: a search this wide is bound by memory, not by cores
_SMALL = 4096  # a level of fewer cells is searched on one thread (starting threads costs more)


class Levels:
    """Scratch for distance_field_by_levels: a list of cells per thread for the level being
    searched, and one for the next."""

    def __init__(self, cells: int):
        self._cells = cells
        self._lists = np.zeros((2, 0, cells), np.int32)

    def lists(self) -> tuple[np.ndarray, np.ndarray]:
        parts = max(1, min(get_num_threads(), SEARCH_THREADS))
        if self._lists.shape[1] != parts:
            self._lists = np.zeros((2, parts, self._cells), np.int32)
        return self._lists, np.zeros((2, parts), np.int64)


def distance_field_by_levels(graph, passable, sources, start, limit, dist, levels: Levels,
                             ways=None) -> None:
    """distance_field, searched level by level, each level's cells shared among threads (graph:
    world.grid.Graph). Two threads may reach a cell at once: both write the same distance, and
    the cell is searched from twice, which changes nothing. So the field is distance_field's,
    whatever the threads. ways, when given, says which links of each cell lead to a passable
    cell (walk.ways_into): read instead of passable, one byte a cell, it is faster."""
    lists, counts = levels.lists()
    by_ways = ways is not None
    _by_levels(graph, graph.link_bits if ways is None else ways, by_ways, passable, sources,
               start, limit, dist, lists, counts)


@njit(cache=True)
def _by_levels(graph, bits, by_ways, passable, sources, start, limit, dist, lists, counts):
    _fill(dist, limit + 1 if limit < 2147483647 else limit)
    s, now = 0, 0
    d = start[0] if sources.shape[0] > 0 else limit + 1
    while d <= limit:
        s = _place_sources(sources, start, s, d, dist, lists[now, 0], counts[now])
        if counts[now].sum() == 0:
            if s == sources.shape[0]:
                return
            d = start[s]  # nothing reached at this level: skip to the next source's
            continue
        if d == limit:
            return
        if counts[now].sum() < _SMALL:
            _expand_one(graph, bits, by_ways, passable, dist, d + 1, lists[now], counts[now],
                        lists[1 - now], counts[1 - now])
        else:
            _expand(graph, bits, by_ways, passable, dist, d + 1, lists[now], counts[now],
                    lists[1 - now], counts[1 - now])
        now = 1 - now
        d += 1


@njit(parallel=True, cache=True)
def _fill(dist, value):
    for c in prange(dist.shape[0]):
        dist[c] = value


@njit(cache=True)
def _place_sources(sources, start, s, d, dist, into, count):
    """The sources that start at d and are not nearer already join `into` (the first thread's
    list); returns the first source past them."""
    m = count[0]
    while s < sources.shape[0] and start[s] == d:
        c = sources[s]
        if d < dist[c]:
            dist[c] = d
            into[m] = c
            m += 1
        s += 1
    count[0] = m
    return s


@njit(inline="always", cache=True)
def _expand_share(graph, bits, by_ways, passable, dist, d, now, now_count, lo, hi, out):
    """Cells lo..hi-1 of the lists `now`, read as one: their linked cells further than d get
    d and are listed in out; returns how many. bits: link_bits, or the ways when by_ways."""
    links, link_offsets = graph.links, graph.link_offsets
    m = 0
    b, base = 0, 0
    for j in range(lo, hi):
        while j - base >= now_count[b]:
            base += now_count[b]
            b += 1
        c = now[b, j - base]
        w = bits[c]
        for k in range(links.shape[1]):
            if by_ways:  # bit k: a way into a passable cell; bit 7: it wraps, read the table
                if not (w >> k) & 1:
                    continue
                nb = links[c, k] if w & 128 else c + link_offsets[k]
            else:  # as walk.linked reads a link
                nb = c + link_offsets[k] if (w >> k) & 1 else -1
                if w & 128:
                    nb = links[c, k]
                if nb < 0 or passable[nb] == 0:
                    continue
            if dist[nb] > d:
                dist[nb] = d
                out[m] = nb
                m += 1
    return m


@njit(parallel=True, cache=True)
def _expand(graph, bits, by_ways, passable, dist, d, now, now_count, out, out_count):
    """Thread k takes the k-th share of the lists `now` and lists what it reaches in out[k]."""
    parts = out_count.shape[0]
    total = now_count.sum()
    for part in prange(parts):
        out_count[part] = _expand_share(graph, bits, by_ways, passable, dist, d, now, now_count,
                                        total * part // parts, total * (part + 1) // parts,
                                        out[part])
    now_count[:] = 0


@njit(cache=True)
def _expand_one(graph, bits, by_ways, passable, dist, d, now, now_count, out, out_count):
    """_expand on one thread, into out[0]."""
    out_count[0] = _expand_share(graph, bits, by_ways, passable, dist, d, now, now_count, 0,
                                 now_count.sum(), out[0])
    now_count[:] = 0
