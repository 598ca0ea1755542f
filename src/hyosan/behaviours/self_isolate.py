"""Self-isolation: an infected member leaves their group so as not to turn among them.

A member who is bitten or a halfbie, knows it (they have seen the zombies, so they know what a
bite means; a halfbie always knows), cares enough (altruism at least `altruism`) and is not
fleeing right now, leaves with a chance per tick of `rate` x altruism. They set their group to
none (-1), remember it in `left_group`, and from then on walk away from its members
(behaviours.groups.keep_away). A member busy with another act (a decoy...) does not leave.

With `expel` on as well, the group votes on an infected member as soon as it shelters with them
(behaviours.defend_infected), which is usually before they decide to go: one who is thrown out
has no group left to leave; one the group keeps (a defender swayed the vote) may still leave on
their own later, as Choi Nam-ra does.

Reads the columns `group`, `left_group` (behaviours.groups), `alert` and `forbid`.
Act logged: "self_isolate" (actor: the infected member; target: -1; cell: where they leave).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform
from ..events import Sink, log_event
from ..people.states import BITTEN, HALFBIE
from ..world.fields import Senses
from .behaviour import Behaviour, Step, numbers
from .groups import Roster
from .registry import register


@dataclass(frozen=True)
class SelfIsolate:
    """An infected member (bitten or halfbie) who knows it and cares enough leaves their group
    and walks away from it, so as not to turn among them."""

    on: bool = True
    altruism: float = 0.6  # the least altruism of a member who leaves
    rate: float = 0.05  # chance per tick, times altruism, that an eligible member leaves


Members = namedtuple("Members", "state cell group left_group alert altruism forbid act")


@njit(cache=True)
def leave(seed: int, tick: int, people: Members, start: np.ndarray, senses: Senses,
          params: SelfIsolate, sink: Sink, n: int) -> int:
    """Infected members who know it leave their group (people: Members; start: Roster.start)."""
    state, cell, group, left_group = people.state, people.cell, people.group, people.left_group
    alert, altruism, forbid, act = people.alert, people.altruism, people.forbid, people.act
    zombie_near, sense = senses.zombie_near, senses.sense
    least, rate = params.altruism, params.rate
    key = stream(seed, tick, ISOLATE)
    for i in range(state.shape[0]):
        s = state[i]
        g = group[i]
        if g < 0 or not (s == BITTEN or s == HALFBIE) or act[i] != 0 or (forbid[i] >> BIT) & 1:
            continue
        if not (alert[i] != 0 or s == HALFBIE) or zombie_near[cell[i]] <= sense:
            continue
        if start[g + 1] - start[g] < 2:
            continue  # nobody else left to protect
        care = altruism[i] / 255.0
        if care < least or uniform(key, i) >= rate * care:
            continue
        group[i] = -1
        left_group[i] = g
        n = log_event(sink, n, SELF_ISOLATE, i, -1, cell[i])
    return n


def decide(sim) -> None:
    p = sim.people
    if not len(p.groups):
        return
    params = sim.scenario.behaviours.self_isolate
    sink, n = sim.events.sink()
    n = leave(sim.seed, sim.tick, p.view(Members), Roster.of(sim).start, sim.senses,
              numbers(params), sink, n)
    sim.events.wrote(n)


BEHAVIOUR = register(Behaviour(
    "self_isolate", SelfIsolate,
    events=("self_isolate",),
    acts={"self_isolate": "knew the infection would turn them and walked away from their group in "
                          "{place}, so as not to turn among them"},
    streams={"isolate": 25},
    steps=(Step("decide", 50, decide, name="leave"),),
))
ISOLATE = BEHAVIOUR.streams["isolate"]
SELF_ISOLATE = BEHAVIOUR.event["self_isolate"]
BIT = BEHAVIOUR.bit["self_isolate"]
