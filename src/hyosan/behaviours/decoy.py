"""Decoy: when zombies close in on a group, a brave and caring member makes noise and walks away
from the others, so that the zombies follow them while the group gets away. A bitten member,
with little left to lose, steps up more readily: then it is a sacrifice.

Columns read: `act`, `forbid`. Acts logged: "decoy" (actor:
the decoy; target: -1, the group is the actor's). The noise is a source in the zombies' field
with a head start of `loudness` steps (engine.sense), for as long as the decoy stands.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform
from ..events import Sink, log_event
from ..people.states import BITTEN, HUMAN
from ..world.fields import distance_field
from .actions import Choices
from .behaviour import Behaviour, Step, numbers
from .registry import register


LEAD_RADIUS = 40  # steps: beyond this a decoy counts as far enough from the group


@dataclass(frozen=True)
class Decoy:
    """Make noise to draw zombies onto oneself while one's group gets away."""

    on: bool = True
    rate: float = 0.3  # chance per tick, times bravery x altruism, that a threatened member steps up
    sacrifice: float = 3.0  # how much likelier a bitten member is to step up
    loudness: int = 12  # head start of the decoy's noise over a human, in steps
    threat: int = 4  # a group is threatened when a zombie is this many steps from a member


Members = namedtuple("Members", "state cell group bravery altruism forbid act")


@njit(cache=True)
def step_up(seed: int, tick: int, people: Members, zombie_near: np.ndarray, groups: int,
            params: Decoy, choices: Choices, sink: Sink, n: int) -> int:
    """Threatened groups' decoys step up (people: Members); a standing decoy stays put, the
    others' steps away are chosen after (`lead_away`)."""
    state, cell, group, act = people.state, people.cell, people.group, people.act
    bravery, altruism, forbid = people.bravery, people.altruism, people.forbid
    threat, rate, sacrifice = params.threat, params.rate, params.sacrifice
    target, action = choices.target, choices.action
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
            n = log_event(sink, n, DECOY_EVENT, i, -1, cell[i])
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
    sink, n = sim.events.sink()
    n = step_up(sim.seed, sim.tick, p.view(Members), sim.fields.zombie_near, max(len(p.groups), 1),
                numbers(params), sim.choices, sink, n)
    sim.events.wrote(n)
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


def make_noise(sim) -> None:
    """Every standing decoy is a noise in this tick's zombie field (engine.sense)."""
    p = sim.people
    decoys = np.flatnonzero(p.act == DECOY)
    state = p.state[decoys]
    standing = decoys[(state == HUMAN) | (state == BITTEN)]
    sim.noise.this_tick(p.cell[standing], sim.scenario.behaviours.decoy.loudness)


BEHAVIOUR = register(Behaviour(
    "decoy", Decoy,
    actions=("decoy",),
    events=("decoy",),
    acts={"decoy": "drew the zombies onto {them} so that {whom} could get away"},
    streams={"decoy": 10, "lead": 13},
    steps=(Step("sense", 10, make_noise), Step("decide", 70, decide, name="step_up")),
))
DECOY = BEHAVIOUR.action["decoy"]
DECOY_EVENT = BEHAVIOUR.event["decoy"]
BIT = BEHAVIOUR.bit["decoy"]
DECOY_DRAW, LEAD = BEHAVIOUR.streams["decoy"], BEHAVIOUR.streams["lead"]
