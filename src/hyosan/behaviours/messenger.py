"""Messenger: a person who carries a message (a character with `message = true`) sets off for
the place where the authorities can be told (`to`, a room or room tag), walks there, and
delivers it on arrival if still standing. The first delivery changes the authorities' orders
that say what a message does (`on_message`: a rescue brought forward, a quarantine lifted...).

Who: carriers only; each tick a carrier not yet under way sets off with chance `rate` x
bravery. On the way they flee when a zombie comes within `caution` steps and walk on after.
A carrier who is bitten walks on; one who dies or turns loses the message.

Columns: its own `message` (1 while undelivered; set for characters with `message = true`),
`act`, `forbid`. Events: "messenger" when they set off (actor: the carrier) and "message_delivered"
on arrival (actor: the carrier; cell: where).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform
from ..events import Sink, log_event
from ..people.states import BITTEN, HALFBIE, HUMAN
from .behaviour import Behaviour, Step
from .destinations import walk_toward
from .registry import register


@dataclass(frozen=True)
class Messenger:
    """A character with `message = true` carries it to the authorities: they walk to the place
    `to` and, arriving alive, deliver it (which can bring an authority's order forward)."""

    on: bool = True
    to: str = "authorities"  # a room name or room tag: where the message is delivered
    rate: float = 0.02  # chance per tick, times bravery, that a carrier sets off
    caution: int = 3  # steps: a zombie this near makes the messenger flee instead of walking on


Carriers = namedtuple("Carriers", "state cell bravery message act forbid")


@njit(cache=True)
def set_off(carriers: np.ndarray, seed: int, tick: int, people: Carriers, inside: np.ndarray,
            rate: float, walkers: np.ndarray, sink: Sink, n: int) -> tuple[int, int, bool]:
    """Carriers (their ids; people: Carriers) set off or walk on; those inside the destination
    deliver. Fills `walkers` with the messengers under way; returns the next event slot, how
    many walk, and whether a message was delivered."""
    state, cell, bravery, message = people.state, people.cell, people.bravery, people.message
    act, forbid = people.act, people.forbid
    key = stream(seed, tick, MESSENGER_DRAW)
    m = 0
    delivered = False
    for i in carriers:
        s = state[i]
        standing = s == HUMAN or s == BITTEN or s == HALFBIE
        if not standing or (forbid[i] >> BIT) & 1:
            if act[i] == MESSENGER:
                act[i] = 0
            continue
        if act[i] != MESSENGER:
            if act[i] != 0 or uniform(key, i) >= rate * bravery[i] / 255.0:
                continue
            act[i] = MESSENGER
            n = log_event(sink, n, MESSENGER_EVENT, i, -1, cell[i])
        if inside[cell[i]]:
            message[i] = 0
            act[i] = 0
            delivered = True
            n = log_event(sink, n, MESSAGE_DELIVERED, i, -1, cell[i])
            continue
        walkers[m] = i
        m += 1
    return n, m, delivered


def decide(sim) -> None:
    params = sim.scenario.behaviours.messenger
    p, w = sim.people, sim.world
    carriers = np.flatnonzero(p.message).astype(np.int32)
    if not len(carriers):
        return
    inside = w.place_mask(params.to)
    sink, n = sim.events.sink()
    walkers = np.empty(len(carriers), np.int32)
    n, m, delivered = set_off(carriers, sim.seed, sim.tick, p.view(Carriers), inside, params.rate,
                              walkers, sink, n)
    sim.events.wrote(n)
    if delivered:
        sim.orders.deliver(sim.tick)
    if m:
        route = sim.destinations.route(sim, ("messenger", params.to),
                                       lambda: w.standing_cells(params.to))
        walk_toward(walkers[:m], p.cell, route, sim.fields.zombie_near, params.caution, sim.seed,
                    sim.tick, MESSENGER_DRAW, MESSENGER, sim.choices)


def hand_messages(sim, characters) -> None:
    """Characters with `message = true` carry one from the start."""
    for i, ch in enumerate(characters):
        sim.people.message[i] = ch.message


BEHAVIOUR = register(Behaviour(
    "messenger", Messenger,
    columns={"message": (np.uint8, 0)},  # 1: carries an undelivered message
    actions=("messenger",),
    events=("messenger", "message_delivered"),
    acts={"messenger": "set out from {place} to carry a message to the authorities"},
    streams={"messenger": 18},
    start=hand_messages,
    steps=(Step("decide", 110, decide, name="carry_message"),),
))
MESSENGER, MESSENGER_EVENT = BEHAVIOUR.action["messenger"], BEHAVIOUR.event["messenger"]
MESSAGE_DELIVERED, BIT = BEHAVIOUR.event["message_delivered"], BEHAVIOUR.bit["messenger"]
MESSENGER_DRAW = BEHAVIOUR.streams["messenger"]
