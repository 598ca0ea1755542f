"""The vote on an infected member, and defending them.

When a group shelters with an infected member (bitten or halfbie) who knows it (see
behaviours.self_isolate) - the member stands in a shelter, with no zombie in sight - the
members within `near` steps vote, once, on throwing them out. Each votes to expel with chance
((1 - altruism) + (1 - bravery)) / 2: selfishness and fear. A member within `close` steps of the
infected one may defend them instead, with chance `rate` x altruism x bravery: their voice
counts as `sway` votes to keep. More votes to expel than to keep: the infected member's group is
set to none (-1), `left_group` remembers it, and they are pushed out, walking away from the group
(behaviours.groups.keep_away) - out of the room.

The vote ([behaviours.expel]) happens whether or not defending is on; defending
([behaviours.defend_infected]) is the act. Columns: `group`, `left_group`, its own `judged`
(1 once voted on), `alert`, `forbid`. Events: "defend_infected" (actor: the defender;
target: the infected member), "expel" (actor: the group's leader; target: the infected member).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform2
from ..events import Sink, log_event
from ..people.states import BITTEN, HALFBIE
from ..world.fields import Senses
from .behaviour import Behaviour, Step, numbers
from .groups import FAR, Roster, Search, clear, searches, spread
from .registry import register


@dataclass(frozen=True)
class Expel:
    """A group sheltering with an infected member votes on throwing them out; each member's vote
    leans on selfishness (1 - altruism) and fear (1 - bravery)."""

    on: bool = True
    near: int = 6  # steps: the members this near the infected one vote


@dataclass(frozen=True)
class DefendInfected:
    """A brave and caring member close to an infected groupmate speaks up for them in the vote."""

    on: bool = True
    rate: float = 1.0  # chance, times altruism x bravery, that a member close by defends
    close: int = 3  # steps: how near the infected one a defender stands
    sway: float = 3.0  # a defender's weight against expulsion, in votes


Voters = namedtuple("Voters", "state cell group left_group judged alert altruism bravery forbid")


@njit(cache=True)
def vote(seed: int, tick: int, people: Voters, roster: Roster, in_shelter: np.ndarray,
         senses: Senses, near: int, defend: DefendInfected, search: Search, sink: Sink,
         n: int) -> int:
    """Each group votes on its sheltering infected members (people: Voters); `defend` is the
    defend_infected table's numbers."""
    state, cell, group, left_group = people.state, people.cell, people.group, people.left_group
    judged, alert, altruism, bravery = people.judged, people.alert, people.altruism, people.bravery
    forbid = people.forbid
    start, members, leader = roster.start, roster.members, roster.leader
    zombie_near, sense = senses.zombie_near, senses.sense
    dist, sources = search.dist, search.sources
    rate, close, sway = defend.rate, defend.close, defend.sway
    key = stream(seed, tick, VOTE)
    for g in range(leader.shape[0]):
        for j in range(start[g], start[g + 1]):
            b = members[j]
            s = state[b]
            c = cell[b]
            if not (s == BITTEN or s == HALFBIE) or judged[b] != 0 or group[b] != g:
                continue
            if not (alert[b] != 0 or s == HALFBIE) or in_shelter[c] == 0 or zombie_near[c] <= sense:
                continue
            sources[0] = c
            m = spread(search, 1, near)
            expel = 0.0
            keep = 0.0
            voters = 0
            for k in range(start[g], start[g + 1]):
                v = members[k]
                steps = dist[cell[v]]
                if v == b or group[v] != g or alert[v] == 0 or steps == FAR:
                    continue
                voters += 1
                care = altruism[v] / 255.0
                nerve = bravery[v] / 255.0
                if (defend.on and steps <= close and not (forbid[v] >> DEFEND_BIT) & 1
                        and uniform2(key, v, 2 * b) < rate * care * nerve):
                    keep += sway
                    if n < sink.kind.shape[0] - 1:  # keep room for the expel event
                        n = log_event(sink, n, DEFEND_INFECTED,
                                      v, b, cell[v])
                elif uniform2(key, v, 2 * b + 1) < ((1.0 - care) + (1.0 - nerve)) / 2.0:
                    expel += 1.0
                else:
                    keep += 1.0
            clear(search, m)
            if voters == 0:
                continue
            judged[b] = 1
            if expel > keep:
                group[b] = -1
                left_group[b] = g
                n = log_event(sink, n, EXPEL, leader[g], b, c)
    return n


def decide(sim) -> None:
    p = sim.people
    if not len(p.groups):
        return
    expel, defend = sim.scenario.behaviours.expel, sim.scenario.behaviours.defend_infected
    sink, n = sim.events.sink()
    n = vote(sim.seed, sim.tick, p.view(Voters), Roster.of(sim), sim.walk.shelter, sim.senses,
             expel.near, numbers(defend), searches(sim), sink, n)
    sim.events.wrote(n)


EXPELLING = register(Behaviour(
    "expel", Expel,
    columns={"judged": (np.uint8, 0)},  # 1: their group voted on them
    events=("expel",),
    streams={"vote": 26},
    # the vote on an infected member; defending sways it
    steps=(Step("decide", 40, decide, name="vote"),),
))
DEFENDING = register(Behaviour(
    "defend_infected", DefendInfected,
    events=("defend_infected",),
    acts={"defend_infected": "stood up for {target}, infected, in {place} when the others wanted to "
                             "throw them out"},
))
EXPEL, VOTE = EXPELLING.event["expel"], EXPELLING.streams["vote"]
DEFEND_INFECTED, DEFEND_BIT = DEFENDING.event["defend_infected"], DEFENDING.bit["defend_infected"]
