"""Rescue: a brave and caring person runs to someone a zombie is closing in on, and fights.

A human is threatened when a zombie is within `threat` steps of them (rescuers themselves do
not count: they are there by choice). An unhurt human of bravery at least `brave`, not busy with
another act, not threatened themselves, and within `reach` steps of a threatened person whom
nobody is going to yet, sets off to them with chance `rate` x bravery x altruism per tick. A
rescuer steps toward the nearest threatened person and stays with them; every tick, in the
interact phase before zombies bite, they strike a zombie in their cell and destroy it with
chance `strike` x (0.5 + strength). The rescue ends when nobody within reach is threatened any
more, or when the rescuer is bitten, hurt, or picks someone up.

Parameters: scenario.behaviours.Rescue. Columns: `act`, `forbid`. Events: "rescue_person" when
a rescuer sets off (actor: the rescuer; target: the threatened person nearest to them; cell:
where the rescuer was), and "kill" for their strikes. (The authorities' "rescue" is another act.)
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..dice import RESCUE_PERSON as RESCUE_DRAW, TIE, stream, uniform, uniform2
from ..events import KILL, RESCUE_PERSON, log_event
from ..people.where import people_in
from ..scenario.model import DEAD, HUMAN, ZOMBIE
from ..world.fields import nearest_source
from .actions import RESCUE, RESCUE_BIT
from .walk import downhill


@njit(parallel=True, cache=True)
def _threatened(state, cell, act, zombie_near, threat, keep):
    """keep[i]: i is a human with a zombie within `threat` steps, and not a rescuer."""
    for i in prange(state.shape[0]):
        keep[i] = state[i] == HUMAN and zombie_near[cell[i]] <= threat and act[i] != RESCUE


def threatened(sim, threat: int) -> np.ndarray:
    """The humans with a zombie within `threat` steps, but rescuers, in increasing id. Read
    from the people in the cells near zombies, unless `threat` reaches beyond what they sense
    (then every cell is within it)."""
    p, f, r = sim.people, sim.fields, sim.rates
    if r.sense < 0 or threat > r.sense:
        keep = np.empty(p.count, np.bool_)
        _threatened(p.state, p.cell, p.act, f.zombie_near, threat, keep)
        return np.flatnonzero(keep).astype(np.int32)
    near = f.cells_near_zombies()
    them = people_in(near[f.zombie_near[near] <= threat], sim.bins.cell_start, sim.bins.order)
    return them[(p.state[them] == HUMAN) & (p.act[them] != RESCUE)]


@njit(cache=True)
def set_off(seed, tick, people, state, cell, bravery, altruism, injury, carrying, forbid, act,
            zombie_near, threat, reach, dist, owner, links, link_bits, link_offsets, walk, rate,
            brave, target, action, ev_kind, ev_actor, ev_target, ev_cell, n):
    """people: the rescuers and everyone within reach of a threatened person, in increasing id
    (the first to set off covers a person)."""
    key = stream(seed, tick, RESCUE_DRAW)
    k_tie = stream(seed, tick, TIE)
    covered = np.zeros(state.shape[0], np.bool_)  # a rescuer is on their way to them
    for i in people:
        if act[i] == RESCUE and owner[cell[i]] >= 0:
            covered[owner[cell[i]]] = True
    for i in people:
        a = act[i]
        c = cell[i]
        able = (state[i] == HUMAN and injury[i] == 0 and carrying[i] < 0
                and not (forbid[i] >> RESCUE_BIT) & 1 and dist[c] <= reach)
        if a == RESCUE:
            if not able:
                act[i] = 0
                continue
        elif a == 0:
            if (not able or zombie_near[c] <= threat or bravery[i] < brave * 255.0
                    or owner[c] == i or covered[owner[c]]):
                continue
            if uniform(key, i) >= rate * (bravery[i] / 255.0) * (altruism[i] / 255.0):
                continue
            act[i] = RESCUE
            covered[owner[c]] = True
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, RESCUE_PERSON, i, owner[c], c)
        else:
            continue
        target[i] = downhill(links, link_bits, link_offsets, walk, dist, c, k_tie, i)
        action[i] = RESCUE
    return n


@njit(cache=True)
def strikes(seed, tick, state, cell, act, strength, cell_start, order, strike, ev_kind, ev_actor,
            ev_target, ev_cell, n):
    """Each rescuer strikes at the zombies in their cell, destroying at most one per tick."""
    key = stream(seed, tick, RESCUE_DRAW)
    for i in range(state.shape[0]):
        if act[i] != RESCUE or state[i] != HUMAN:
            continue
        c = cell[i]
        p = strike * (0.5 + strength[i] / 255.0)
        for jj in range(cell_start[c], cell_start[c + 1]):
            z = order[jj]
            if state[z] == ZOMBIE and uniform2(key, i, z) < p:
                state[z] = DEAD
                n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, KILL, i, z, c)
                break
    return n


def decide(sim) -> None:
    params = sim.scenario.behaviours.rescue
    p, w = sim.people, sim.world
    rescuers = p.act == RESCUE
    people = threatened(sim, params.threat)
    if not len(people):
        p.act[rescuers] = 0
        return
    dist, owner, cells = sim.scratch.field, _owner_scratch(sim), sim.scratch.cells
    reached = nearest_source(w.links, sim.walk.human, p.cell[people], people, params.reach, dist,
                             owner, cells)
    # set_off looks at the rescuers and at whoever stands within reach of a threatened person
    may_act = people_in(cells[:reached], sim.bins.cell_start, sim.bins.order, also=rescuers)
    kind, actor, target, cell = sim.events.buffer(sim.event_room)
    n = set_off(sim.seed, sim.tick, may_act, p.state, p.cell, p.bravery, p.altruism,
                p.injury, p.carrying, p.forbid, p.act, sim.fields.zombie_near, params.threat,
                params.reach, dist, owner, w.links, w.link_bits, w.link_offsets, sim.walk.human,
                params.rate, params.brave, sim.scratch.target, p.action, kind, actor, target, cell,
                0)
    sim.events.commit(sim.tick, n)


def before_fights(sim, kind, actor, target, cell, n: int) -> int:
    """The interact phase's part: rescuers strike before the zombies bite."""
    params = sim.scenario.behaviours.rescue
    if not params.on:
        return n
    p = sim.people
    return strikes(sim.seed, sim.tick, p.state, p.cell, p.act, p.strength, sim.bins.cell_start,
                   sim.bins.order, params.strike, kind, actor, target, cell, n)


def _owner_scratch(sim) -> np.ndarray:
    owner = getattr(sim.scratch, "rescue_owner", None)
    if owner is None or len(owner) != sim.world.cells:
        owner = np.empty(sim.world.cells, np.int32)
        sim.scratch.rescue_owner = owner
    return owner
