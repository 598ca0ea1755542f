"""Messenger: a person who carries a message (a character with `message = true`) sets off for
the place where the authorities can be told (`to`, a room or room tag), walks there, and
delivers it on arrival if still standing. The first delivery changes the authorities' orders
that say what a message does (`on_message`: a rescue brought forward, a quarantine lifted...).

Who: carriers only; each tick a carrier not yet under way sets off with chance `rate` x
bravery. On the way they flee when a zombie comes within `caution` steps and walk on after.
A carrier who is bitten walks on; one who dies or turns loses the message.

Parameters: scenario.behaviours.Messenger. Columns: `message` (1 while undelivered), `act`,
`forbid`. Events: "messenger" when they set off (actor: the carrier) and "message_delivered"
on arrival (actor: the carrier; cell: where).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..dice import MESSENGER as MESSENGER_DRAW, stream, uniform
from ..events import MESSAGE_DELIVERED, MESSENGER as MESSENGER_EVENT, log_event
from ..scenario.model import BITTEN, HALFBIE, HUMAN
from .actions import MESSENGER, MESSENGER_BIT as BIT
from .destinations import walk_toward


@njit(cache=True)
def set_off(carriers, seed, tick, state, cell, bravery, message, act, forbid, inside, rate,
            walkers, ev_kind, ev_actor, ev_target, ev_cell, n):
    """Carriers set off or walk on; those inside the destination deliver. Fills `walkers` with
    the messengers under way; returns the next event slot, how many walk, and whether a
    message was delivered."""
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
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, MESSENGER_EVENT, i, -1, cell[i])
        if inside[cell[i]]:
            message[i] = 0
            act[i] = 0
            delivered = True
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, MESSAGE_DELIVERED, i, -1, cell[i])
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
    kind, actor, target, cell = sim.events.buffer(sim.event_room)
    walkers = np.empty(len(carriers), np.int32)
    n, m, delivered = set_off(carriers, sim.seed, sim.tick, p.state, p.cell, p.bravery, p.message,
                              p.act, p.forbid, inside, params.rate, walkers, kind, actor, target,
                              cell, 0)
    sim.events.commit(sim.tick, n)
    if delivered:
        sim.orders.deliver(sim.tick)
    if m:
        field = sim.destinations.field(sim, ("messenger", params.to),
                                       lambda: w.standing_cells(params.to))
        walk_toward(walkers[:m], p.cell, field, w.links, w.link_bits, w.link_offsets,
                    sim.walk.human, sim.fields.zombie_near, params.caution, sim.seed, sim.tick,
                    MESSENGER_DRAW, MESSENGER, sim.scratch.target, p.action)
