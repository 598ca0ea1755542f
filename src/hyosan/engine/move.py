"""Moves: everyone steps to their chosen cell unless it is full or shut.

A cell takes at most `capacity` living people. When more want in than there is room, those
with the lowest draw of the PRIORITY stream get in, so conflicts are settled fairly at random
and the same way whatever the order of work. People still in a cell count against its room
even when they are leaving it, which keeps the rule simple and never overfills a cell.
A zombie stepping into a closed door pushes on it instead, and wears its strength down until
it breaks. A walker reaching an exit escapes.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, prange

from ..dice import MOVE, PRIORITY, stream, uniform
from ..events import DOOR_BROKEN, ESCAPE, Parts, Sink, gather_parts, log_event, part_slots
from ..people.where import Occupants
from ..people.states import BITTEN, ESCAPED, HALFBIE, HUMAN, ZOMBIE
from ..world.terrain import EXIT
from ..world.grid import BROKEN, CLOSED
from ..shares import pick, share


SWIM = 0.3  # speed in water relative to walking


@njit(inline="always", cache=True)
def _alive(s):
    return s == HUMAN or s == BITTEN or s == ZOMBIE or s == HALFBIE


@njit(parallel=True, cache=True)
def take_chances(seed, tick, state, cell, target, speed, water, p_human, p_zombie):
    """A step is made with a chance set by speed (per tick: cells per tick at walking pace);
    whoever misses it stays where they are."""
    k_move = stream(seed, tick, MOVE)
    for i in prange(state.shape[0]):  # free of branches, so the compiler vectorizes it
        t = target[i]
        c = cell[i]
        p = p_zombie if state[i] == ZOMBIE else p_human
        wet = (water[c] != 0) | (water[t] != 0)
        chance = (p * SWIM if wet else p) * (0.5 + speed[i] / 255.0)
        target[i] = c if (chance < 1.0) & (uniform(k_move, i) >= chance) else t  # draws < 1


@njit(parallel=True, cache=True)
def push_doors(state, cell, target, door_of_cell, door_state, pushes, parts):
    """A zombie stepping into a closed door pushes on it instead, and stays. Each of `parts`
    counts the pushes of a share of the people in its own row."""
    by_part = np.zeros((parts, pushes.shape[0]), np.int32)
    for part in prange(parts):
        lo, hi = share(part, parts, state.shape[0])
        for i in range(lo, hi):
            if state[i] != ZOMBIE:  # first: zombies are few, so this branch is well predicted
                continue
            t = target[i]
            d = door_of_cell[t]
            if t != cell[i] and d >= 0 and door_state[d] == CLOSED:
                by_part[part, d] += 1
                target[i] = cell[i]
    for part in range(parts):
        pushes += by_part[part]


@njit(parallel=True, cache=True)
def _copy(cell, target):
    for i in prange(cell.shape[0]):
        cell[i] = target[i]


@njit(parallel=True, cache=True)
def _step_movers(movers: np.ndarray, state: np.ndarray, cell: np.ndarray, target: np.ndarray,
                 crowded_out: np.ndarray, terrain: np.ndarray, exits: bool, sink: Sink, n: int,
                 parts: Parts) -> None:
    """Part k of the movers logs its escapes from slot parts.first[k] = n + its first mover on.
    crowded_out is empty where cells have no capacity, else it names the full cell that kept a
    person where they are."""
    first, found = parts.first, parts.found
    count = found.shape[0]
    limited = crowded_out.shape[0] > 0
    for part in prange(count):
        lo, hi = share(part, count, movers.shape[0])
        first[part] = m = n + lo
        for j in range(lo, hi):
            i = movers[j]
            if limited and crowded_out[i] >= 0:
                continue
            t = target[i]
            cell[i] = t
            if exits and terrain[t] == EXIT and state[i] != ZOMBIE:
                state[i] = ESCAPED
                m = log_event(sink, m, ESCAPE, i, -1, t)
        found[part] = m - first[part]


def step_all(state, cell, target, movers, crowded_out, terrain, exits, sink, n):
    """Everyone steps to their target, but those a full cell kept out; a walker stepping onto
    an exit escapes. movers: those whose target is not their cell, in increasing id, or None
    where cells have no capacity and the map no exits (then every cell is copied from its
    target). Escapes are logged in increasing id, whatever the number of threads."""
    if movers is None:
        _copy(cell, target)
        return n
    parts = part_slots()
    _step_movers(movers, state, cell, target, crowded_out, terrain, exits, sink, n, parts)
    return gather_parts(parts.first, parts.found, sink, n)


@njit(cache=True)
def contested(target, movers, cell_start, capacity, hits, out):
    """The movers (in increasing id) into cells that may be too full for them: more movers
    want in than the room left if everyone binned there (the dead too) still stood in it.
    They are written to out, in increasing id; returns how many. hits (an int per cell,
    zeros) is scratch and is left zeros. Few cells are contested, so one thread does this
    faster than sorting every mover by cell."""
    for i in movers:
        hits[target[i]] += 1
    n = 0
    for i in movers:
        t = target[i]
        out[n] = i
        n += hits[t] + cell_start[t + 1] - cell_start[t] > capacity
    for i in movers:
        hits[target[i]] = 0
    return n


@njit(parallel=True, cache=True)
def settle_full_cells(seed, tick, state, capacity, occupants, cells, wanted, movers, draws,
                      crowded_out):
    """movers[wanted[g]:wanted[g+1]] want to step into cell cells[g]; those it has no room
    for get crowded_out = that cell, and step_all keeps them where they are. Each cell is
    settled on its own (a mover wants one cell only), so cells are settled in parallel; draws
    (a float per mover) is scratch."""
    cell_start, order = occupants.cell_start, occupants.order
    key = stream(seed, tick, PRIORITY)
    for g in prange(cells.shape[0]):
        c = cells[g]
        lo = wanted[g]
        hi = wanted[g + 1]
        room = capacity
        for j in range(cell_start[c], cell_start[c + 1]):
            if _alive(state[order[j]]):
                room -= 1
        if hi - lo <= room:
            continue
        if room <= 0:  # a full cell: everyone goes back, and draws would change nothing
            for j in range(lo, hi):
                crowded_out[movers[j]] = c
            continue
        # Let in the `room` movers with the lowest priority draws; keep the rest out.
        for j in range(lo, hi):
            draws[j] = uniform(key, movers[j])
        for j in range(lo, hi):
            rank = 0
            for k in range(lo, hi):
                # free of branches: which draw is lower is a coin toss for the predictor
                rank += (draws[k] < draws[j]) | ((draws[k] == draws[j]) & (k < j))
            if rank >= room:
                crowded_out[movers[j]] = c


def settle(sim, movers: np.ndarray, occupants: Occupants) -> None:
    """Mark in scratch.crowded_out the movers that a full cell keeps out."""
    s, p = sim.scratch, sim.people
    s.crowded_out[:] = -1
    them = s.movers[:contested(s.target, movers, occupants.cell_start, sim.world.capacity, s.hits,
                               s.movers)]
    into = s.target[them]
    by_cell = np.argsort(into, kind="stable")  # stable: each cell's movers stay in increasing id
    them, into = them[by_cell], into[by_cell]
    firsts = np.flatnonzero(np.diff(into, prepend=-1)).astype(np.int32)
    wanted = np.append(firsts, np.int32(len(them)))
    settle_full_cells(sim.seed, sim.tick, p.state, sim.world.capacity, occupants,
                      into[firsts], wanted, them, s.draws, s.crowded_out)


@njit(cache=True)
def wear_doors(door_cells, door_state, strength, pushes, damage, held, sink, n):
    """Each push takes `damage` off a closed door's strength, divided by 1 + `held` (people
    holding it: behaviours.door_defence), which slows the breach down but never stops it."""
    for d in range(door_cells.shape[0]):
        if pushes[d] == 0 or door_state[d] != CLOSED:
            continue
        wear = pushes[d] * damage / (1.0 + held[d])
        strength[d] = max(strength[d] - wear, 0.0)
        if strength[d] == 0.0:
            door_state[d] = BROKEN
            c = door_cells[d]
            n = log_event(sink, n, DOOR_BROKEN, -1, -1, c)
    return n


def _every_step_taken(sim) -> bool:
    """Whether even the slowest person makes every step (no water anywhere): then take_chances
    would draw nothing and change nothing."""
    r, slowest = sim.rates, int(sim.people.speed.min(initial=255))
    return min(r.p_human, r.p_zombie) * (0.5 + slowest / 255.0) >= 1.0 and not sim.world.water.any()


def steps(sim) -> None:
    """Steps, door pushes and escapes; the bins are sorted again on next use."""
    w, p, s = sim.world, sim.people, sim.scratch
    s.pushes[:] = 0
    r = sim.rates
    if not _every_step_taken(sim):
        take_chances(sim.seed, sim.tick, p.state, p.cell, s.target, p.speed, w.water, r.p_human,
                     r.p_zombie)
    if np.any(sim.doors.state == CLOSED):
        push_doors(p.state, p.cell, s.target, w.door_of_cell, sim.doors.state, s.pushes,
                   get_num_threads())
    limited, exits = w.capacity > 0, len(w.exit_cells) > 0
    movers = None
    if limited:
        occupants = sim.bins.occupants  # sorted before ids() is lent
    if limited or exits:
        movers = pick(s.target != p.cell, sim.bins.ids())
    if limited:
        settle(sim, movers, occupants)
    sink, n = sim.events.sink()
    n = step_all(p.state, p.cell, s.target, movers, s.crowded_out, w.terrain, exits, sink, n)
    sim.events.wrote(n)
    sim.bins.moved()


def wear_doors_down(sim) -> None:
    """The pushes of this tick wear the closed doors down; some break."""
    w, doors = sim.world, sim.doors
    sink, n = sim.events.sink()
    n = wear_doors(w.door_cells, doors.state, doors.strength, sim.scratch.pushes,
                   sim.rates.door_damage, doors.held, sink, n)
    sim.events.wrote(n)
    doors.pressure[:] = sim.scratch.pushes
