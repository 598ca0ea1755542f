"""Where everyone wants to step: humans flee, seek safety or hide; zombies chase; idle people wander.

Two parallel passes over people: everyone's random step, then, only in a tick where someone
may sense, chase or be alert, what those people do instead. Each person reads the flow fields
around its cell and writes its target cell and its action; nobody writes anyone else's row, so
the result does not depend on the thread count.
"""

from __future__ import annotations

from collections import namedtuple
from typing import NamedTuple

import numpy as np
from numba import njit, prange

from ..dice import STEP, TIE, WANDER as WANDER_DRAW, stream, uniform, uniform2
from ..people.states import BITTEN, HALFBIE, HUMAN, ZOMBIE
from ..world.fields import Senses
from ..world.grid import Graph
from .actions import CHASE, Choices, FLEE, HIDE, IDLE, SEEK_SAFETY, WANDER


FEAR = 4.0  # a step away from a zombie is worth this many steps toward safety
_JITTER = 0.9  # random tie-break below one step


class Route(NamedTuple):
    """A field to walk down (steps to somewhere) over the cells one may walk."""

    graph: Graph
    walk: np.ndarray  # uint8 per cell
    field: np.ndarray  # int32 per cell: steps to the destination


@njit(inline="always", cache=True)
def linked(graph, c, k):
    """Link k of cell c, or -1. Read from link_bits (a byte a cell, which stays in cache)
    unless the cell's links wrap around the map's edge, then from the links table."""
    links, link_bits, link_offsets = graph.links, graph.link_bits, graph.link_offsets
    bits = link_bits[c]
    nb = c + link_offsets[k] if (bits >> k) & 1 else -1
    if bits & 128:
        nb = links[c, k]
    return nb


@njit(inline="always", cache=True)
def downhill(graph, walk, field, c, key, person):
    """The linked cell with the lowest field value; staying wins ties, and ties between links
    go to the lowest of a draw for each. field holds whole steps and draws are scaled below
    one, so a link of a higher value never wins: the draws are made only when links tie."""
    links = graph.links
    lowest, best = _lowest_link(graph, walk, field, c)
    if best >= 0:
        return best
    best = c
    best_value = float(field[c])
    for k in range(links.shape[1]):
        nb = linked(graph, c, k)
        if nb >= 0 and walk[nb] != 0 and field[nb] == lowest:
            v = field[nb] + _JITTER * uniform2(key, person, k)
            if v < best_value:
                best = nb
                best_value = v
    return best


@njit(cache=True)  # compiled on its own: inlined into steps_down's loop, numba rejects it
def _lowest_link(graph, walk, field, c):
    """(lowest, best): the lowest field value among c and its links, and the cell downhill
    goes to whatever the draws (c itself, or the one link of that value); best is -1 when
    links tie for it."""
    links = graph.links
    lowest = field[c]
    best = c
    ties = 0
    for k in range(links.shape[1]):
        nb = linked(graph, c, k)
        if nb >= 0 and walk[nb] != 0:
            if field[nb] < lowest:
                lowest, best, ties = field[nb], nb, 1
            elif field[nb] == lowest and ties > 0:
                ties += 1
    return lowest, (best if ties < 2 else -1)


@njit(parallel=True, cache=True)
def steps_down(graph, walk, field, step):
    """step[c]: where downhill goes from c whatever the draws, or -1 where links tie. A field
    that changes seldom (safety) is stepped down once a cell, not once a person."""
    for c in prange(field.shape[0]):
        step[c] = _lowest_link(graph, walk, field, c)[1]


@njit(inline="always", cache=True)
def _away(graph, walk, zombie_near, safety, sense, c, key, person):
    """The linked cell (or staying) furthest from zombies, then closest to safety."""
    links = graph.links
    best = c
    best_score = FEAR * min(zombie_near[c], sense + 1) - float(safety[c])
    for k in range(links.shape[1]):
        nb = linked(graph, c, k)
        if nb >= 0 and walk[nb] != 0:
            score = FEAR * min(zombie_near[nb], sense + 1) - float(safety[nb])
            score += _JITTER * uniform2(key, person, k)
            if score > best_score:
                best = nb
                best_score = score
    return best


@njit(parallel=True, cache=True)
def ways_into(graph, walkable, ways):
    """ways[c]: bit k set when link k of cell c leads to a walkable cell, and bit 7 copied
    from link_bits (the cell's links wrap around the map's edge: read them from the table).
    A wanderer then reads one byte for its cell, not one for the cell and one for the step."""
    links, link_bits = graph.links, graph.link_bits
    for c in prange(link_bits.shape[0]):
        bits = link_bits[c] & 128
        for k in range(links.shape[1]):
            nb = linked(graph, c, k)
            if nb >= 0 and walkable[nb] != 0:
                bits |= 1 << k
        ways[c] = bits


@njit(cache=True)
def shut_ways(graph, ways, shut):
    """Clear the ways into the cells `shut` (closed doors). Links go both ways, so the cells
    that lead into a shut cell are its own linked cells."""
    links = graph.links
    for d in shut:
        for k in range(links.shape[1]):
            nb = links[d, k]
            if nb < 0:
                continue
            for back in range(links.shape[1]):
                if linked(graph, nb, back) == d:
                    ways[nb] &= 255 ^ (1 << back)


@njit(inline="always", cache=True)
def _random_step(links, link_offsets, zombie_ways, stroll_ways, zombie, c, u):
    """Link int(u * links) of cell c if it leads somewhere the walker may go (zombie_ways for a
    zombie, stroll_ways for the others, as ways_into makes them), else c. Free of branches on
    the link and the walker: a wanderer's way is as unpredictable as its draw, and a
    mispredicted branch costs more than the loads it saves."""
    k = int(u * links.shape[1])
    ways = zombie_ways[c] if zombie else stroll_ways[c]
    nb = c + link_offsets[k]
    if ways & 128:
        nb = links[c, k]
    return nb if (ways >> k) & 1 else c


@njit(parallel=True, cache=True)
def wander(seed, tick, state, cell, links, link_offsets, zombie_ways, stroll_ways, chance, choices):
    """Every walker's random step, taken with probability `chance` (WANDER), else none (IDLE).
    stroll_ways: where an idle person may wander (floor, stairs and open doors: no closed
    doors, water or exits)."""
    target, action = choices.target, choices.action
    k_wander = stream(seed, tick, WANDER_DRAW)
    k_step = stream(seed, tick, STEP)
    for i in prange(state.shape[0]):
        s = state[i]
        c = cell[i]
        zombie = s == ZOMBIE
        walker = zombie | (s == HUMAN) | (s == BITTEN) | (s == HALFBIE)
        wanders = walker & ((chance >= 1.0) | (uniform(k_wander, i) < chance))  # (draws are below 1)
        step = _random_step(links, link_offsets, zombie_ways, stroll_ways, zombie, c,
                            uniform(k_step, i))
        target[i] = step if wanders else c
        action[i] = WANDER if wanders else IDLE


class Ways(NamedTuple):
    """Where people may walk now, and the way to safety (engine.state.Walk.ways)."""

    human: np.ndarray  # uint8 per cell
    zombie: np.ndarray  # uint8 per cell (doors counted open)
    shelter: np.ndarray  # uint8 per cell: shelter cells still fit to hide in
    safety: np.ndarray  # int32 per cell: steps to the nearest shelter or exit
    safety_step: np.ndarray  # int32 per cell: the step toward safety, -1 for a tie (steps_down)


Walkers = namedtuple("Walkers", "state cell alert")


@njit(parallel=True, cache=True)
def pursue_and_flee(seed: int, tick: int, ids: np.ndarray, people: Walkers, graph: Graph,
                    ways: Ways, senses: Senses, choices: Choices) -> None:
    """After `wander`: zombies within `chase` steps of a human chase; humans within `sense`
    steps of a zombie become alert and flee; alert humans out of sight of zombies hide in a
    shelter or make for one (safety_step: steps_down of the safety field). The others keep
    their wander. ids: at least every zombie, every alert person and everyone within
    `sense` of a zombie (the others would keep their wander anyway), in any order; people:
    Walkers."""
    state, cell, alert = people.state, people.cell, people.alert
    human_walk, zombie_walk, in_shelter = ways.human, ways.zombie, ways.shelter
    safety, safety_step = ways.safety, ways.safety_step
    zombie_near, human_near, sense, chase = (senses.zombie_near, senses.human_near, senses.sense,
                                             senses.chase)
    target, action = choices.target, choices.action
    k_tie = stream(seed, tick, TIE)
    for j in prange(ids.shape[0]):
        i = ids[j]
        s = state[i]
        c = cell[i]
        zombie = s == ZOMBIE
        human = (s == HUMAN) | (s == BITTEN) | (s == HALFBIE)
        # Tests that are the same for everyone (chase, sense) or rare (alert) come first, so
        # that branches on who is a zombie are rarely taken.
        if chase >= 0 and zombie and human_near[c] <= chase:
            target[i] = downhill(graph, zombie_walk, human_near, c, k_tie,
                                 i)
            action[i] = CHASE
        elif sense >= 0 and human and zombie_near[c] <= sense:
            alert[i] = 1
            target[i] = _away(graph, human_walk, zombie_near, safety,
                              sense, c, k_tie, i)
            action[i] = FLEE
        elif alert[i] != 0 and human:
            if in_shelter[c] != 0:
                target[i] = c
                action[i] = HIDE
            else:
                t = safety_step[c]
                if t < 0:
                    t = downhill(graph, human_walk, safety, c, k_tie, i)
                target[i] = t
                action[i] = SEEK_SAFETY
