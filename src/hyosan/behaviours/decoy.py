"""Decoy: when zombies close in on a group, a brave and caring member makes noise and walks away
from the others, so that the zombies follow them while the group gets away. A bitten member,
with little left to lose, steps up more readily: then it is a sacrifice.

Parameters: scenario.behaviours.Decoy. Columns: `act`, `forbid`. Acts logged: "decoy" (actor:
the decoy; target: -1, the group is the actor's). The noise is a source in the zombies' field
with a head start of `loudness` steps (engine.sense), for as long as the decoy stands.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..dice import DECOY as DECOY_DRAW, LEAD, stream, uniform
from ..events import DECOY as DECOY_EVENT, log_event
from ..scenario.model import BITTEN, HUMAN
from ..world.fields import distance_field
from .actions import DECOY, DECOY_BIT as BIT

LEAD_RADIUS = 40  # steps: beyond this a decoy counts as far enough from the group


@njit(cache=True)
def step_up(seed, tick, state, cell, group, bravery, altruism, forbid, act, zombie_near, groups,
            threat, rate, sacrifice, target, action, ev_kind, ev_actor, ev_target, ev_cell, n):
    threatened = np.zeros(groups, np.bool_)
    covered = np.zeros(groups, np.bool_)
    for i in range(state.shape[0]):
        g = group[i]
        if g < 0 or not (state[i] == HUMAN or state[i] == BITTEN):
            continue
        threatened[g] |= zombie_near[cell[i]] <= threat
        covered[g] |= act[i] == DECOY
    key = stream(seed, tick, DECOY_DRAW)
    for i in range(state.shape[0]):
        s = state[i]
        standing = s == HUMAN or s == BITTEN
        if act[i] == DECOY:
            if not standing:
                act[i] = 0
                continue
        else:
            g = group[i]
            if (g < 0 or not standing or act[i] != 0 or not threatened[g] or covered[g]
                    or (forbid[i] >> BIT) & 1):  # someone busy with another act keeps at it
                continue
            p = rate * (bravery[i] / 255.0) * (altruism[i] / 255.0) * (sacrifice if s == BITTEN else 1.0)
            if uniform(key, i) >= p:
                continue
            act[i] = DECOY
            covered[g] = True
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, DECOY_EVENT, i, -1, cell[i])
        target[i] = cell[i]
        action[i] = DECOY
    return n


@njit(cache=True)
def lead_away(seed, tick, links, walk, apart, c, person):
    """The linked cell furthest from the decoy's group (or staying, if none is further)."""
    key = stream(seed, tick, LEAD)
    best = c
    best_value = float(apart[c])
    for k in range(links.shape[1]):
        nb = links[c, k]
        if nb >= 0 and walk[nb] != 0:
            v = apart[nb] + 0.9 * uniform(key, person * 8 + k)
            if v > best_value + 0.9:
                best = nb
                best_value = v
    return best


def decide(sim) -> None:
    params = sim.scenario.behaviours.decoy
    p = sim.people
    if not p.groups:
        return  # a decoy steps up for their group: without groups there are none
    kind, actor, target, cell = sim.events.buffer(sim.event_room)
    n = step_up(sim.seed, sim.tick, p.state, p.cell, p.group, p.bravery, p.altruism, p.forbid,
                p.act, sim.fields.zombie_near, max(len(p.groups), 1), params.threat, params.rate,
                params.sacrifice, sim.scratch.target, p.action, kind, actor, target, cell, 0)
    sim.events.commit(sim.tick, n)
    _walk_decoys_away(sim)


def _walk_decoys_away(sim) -> None:
    """Each decoy steps away from the rest of their group (a small search from the group)."""
    p, w = sim.people, sim.world
    standing = (p.state == HUMAN) | (p.state == BITTEN)
    apart = sim.scratch.field
    for i in np.flatnonzero((p.act == DECOY) & standing):
        others = np.flatnonzero((p.group == p.group[i]) & standing)
        sources = np.unique(p.cell[others[others != i]]).astype(np.int32)
        if not len(sources):
            continue
        distance_field(w.links, sim.walk.human, sources, np.zeros(len(sources), np.int32),
                       LEAD_RADIUS, apart)
        sim.scratch.target[i] = lead_away(sim.seed, sim.tick, w.links, sim.walk.human, apart,
                                              p.cell[i], i)


def noise(sim) -> tuple[np.ndarray, int]:
    """The cells where decoys stand, and how loud they are."""
    p = sim.people
    decoys = np.flatnonzero(p.act == DECOY)
    state = p.state[decoys]
    standing = decoys[(state == HUMAN) | (state == BITTEN)]
    return p.cell[standing], sim.scenario.behaviours.decoy.loudness
