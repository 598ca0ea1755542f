"""Hostile halfbies: some of the infected who stay lucid turn on the living.

When a person becomes a halfbie, whether they are hostile is drawn once: with chance `share`
times 2 x (1 - altruism), so the selfish turn hostile more often. A hostile halfbie hunts
humans as a zombie does (down the field of the nearest human, within the zombies' chase
distance), but with a human's wits: it walks through doors, closed or not. Humans do not know
it for what it is, so they neither flee nor fight it; in a human's cell it bites with chance
`bite` per tick.

Columns: `hostile` (its own: 0 not yet drawn, 1 friendly, 2 hostile), `turn_tick`, `action`.
Events: "hostile" when a halfbie turns out hostile (actor: the halfbie), and its bites as "bite"
(actor: the halfbie; target: the bitten).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import (BITE as BITE_DRAW, INCUBATION, Incubation, incubation_ticks, stream, uniform,
                   uniform2)
from ..events import BITE, Sink, log_event
from ..people.states import BITTEN, HALFBIE, HUMAN
from ..people.where import Occupants
from ..world.fields import Senses
from ..world.grid import Graph
from .actions import CHASE, Choices
from .behaviour import Behaviour, Step
from .registry import register
from .walk import downhill


@dataclass(frozen=True)
class Hostile:
    """Some halfbies are hostile: lucid and strong, they hunt the humans they notice (as far as
    zombies do) and bite them; nobody fights them off."""

    on: bool = True
    share: float = 0.3  # chance that a halfbie is hostile, times 2 x (1 - altruism)
    bite: float = 0.8  # chance per tick that a hostile halfbie bites a human in its cell

FRIENDLY, HOSTILE = 1, 2


Halfbies = namedtuple("Halfbies", "state cell altruism hostile turn_tick")


@njit(cache=True)
def hunt(seed: int, tick: int, people: Halfbies, share: float, graph: Graph, walk: np.ndarray,
         senses: Senses, choices: Choices, sink: Sink, n: int) -> int:
    """Draw the new halfbies' temper (once, from a stream of tick 0), and send the hostile
    after the nearest human (people: Halfbies)."""
    state, cell, altruism, hostile = people.state, people.cell, people.altruism, people.hostile
    human_near, chase = senses.human_near, senses.chase
    target, action = choices.target, choices.action
    k_temper = stream(seed, 0, HOSTILE_DRAW)
    k_step = stream(seed, tick, HOSTILE_DRAW)
    for i in range(state.shape[0]):
        if state[i] != HALFBIE:
            continue
        if hostile[i] == 0:
            if uniform(k_temper, i) < share * 2.0 * (1.0 - altruism[i] / 255.0):
                hostile[i] = HOSTILE
                n = log_event(sink, n, HOSTILE_EVENT, i, -1, cell[i])
            else:
                hostile[i] = FRIENDLY
        if hostile[i] == HOSTILE and human_near[cell[i]] <= chase:
            target[i] = downhill(graph, walk, human_near, cell[i], k_step,
                                 i)
            action[i] = CHASE
    return n


@njit(cache=True)
def bite_humans(seed: int, tick: int, people: Halfbies, occupants: Occupants, bite: float,
                incubation: Incubation, sink: Sink, n: int) -> int:
    """Each hostile halfbie bites at most one human in its cell per tick (people: Halfbies)."""
    state, cell, hostile, turn_tick = people.state, people.cell, people.hostile, people.turn_tick
    cell_start, order = occupants.cell_start, occupants.order
    k_bite = stream(seed, tick, BITE_DRAW)
    k_incubation = stream(seed, tick, INCUBATION)
    for i in range(state.shape[0]):
        if state[i] != HALFBIE or hostile[i] != HOSTILE:
            continue
        c = cell[i]
        for j in range(cell_start[c], cell_start[c + 1]):
            h = order[j]
            if state[h] == HUMAN and uniform2(k_bite, i, h) < bite:
                state[h] = BITTEN
                turn_tick[h] = tick + incubation_ticks(k_incubation, h, incubation)
                n = log_event(sink, n, BITE, i, h, c)
                break
    return n


def decide(sim) -> None:
    p = sim.people
    if not (p.state == HALFBIE).any():
        return
    params = sim.scenario.behaviours.hostile
    sink, n = sim.events.sink()
    n = hunt(sim.seed, sim.tick, p.view(Halfbies), params.share, sim.world.graph, sim.walk.human,
             sim.senses, sim.choices, sink, n)
    sim.events.wrote(n)


def interact(sim) -> None:
    p = sim.people
    if not (p.hostile == HOSTILE).any():
        return
    sink, n = sim.events.sink()
    n = bite_humans(sim.seed, sim.tick, p.view(Halfbies), sim.bins.occupants,
                    sim.scenario.behaviours.hostile.bite, sim.incubation, sink, n)
    sim.events.wrote(n)


BEHAVIOUR = register(Behaviour(
    "hostile", Hostile,
    columns={"hostile": (np.uint8, 0)},  # halfbies: 1 friendly, 2 hostile
    events=("hostile",),
    streams={"hostile": 16},
    steps=(Step("decide", 140, decide, name="hunt"), Step("interact", 70, interact, name="bite")),
))
HOSTILE_EVENT, HOSTILE_DRAW = BEHAVIOUR.event["hostile"], BEHAVIOUR.streams["hostile"]
