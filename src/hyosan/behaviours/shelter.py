"""Sheltering: people in a shelter room close its doors when zombies come near.

On with the scenario's `[doors] close` (no table of its own). Columns read: `forbid`. Act logged:
"door_closed" (actor: the one who closed it; cell: the door).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..events import DOOR_CLOSED, Sink, log_event
from ..people.states import BITTEN, HALFBIE, HUMAN, ZOMBIE
from ..people.where import Occupants
from ..world.fields import Senses
from ..world.grid import CLOSED, OPEN
from .behaviour import Behaviour, Step
from .registry import register


@njit(cache=True)
def close_doors(door_cells: np.ndarray, door_state: np.ndarray, links: np.ndarray,
                in_shelter: np.ndarray, senses: Senses, state: np.ndarray, forbid: np.ndarray,
                occupants: Occupants, sink: Sink, n: int) -> int:
    """The first one beside an open door of a shelter, on the inside, closes it when a zombie
    is within sensing and nobody stands in the doorway."""
    zombie_near, radius = senses.zombie_near, senses.sense
    cell_start, order = occupants.cell_start, occupants.order
    for d in range(door_cells.shape[0]):
        if door_state[d] != OPEN:
            continue
        c = door_cells[d]
        if zombie_near[c] > radius:
            continue
        blocked = False
        for j in range(cell_start[c], cell_start[c + 1]):
            s = state[order[j]]
            if s == HUMAN or s == BITTEN or s == HALFBIE or s == ZOMBIE:
                blocked = True
        if blocked:
            continue
        closer = -1
        for k in range(4):
            nb = links[c, k]
            if nb < 0 or in_shelter[nb] == 0:
                continue
            for j in range(cell_start[nb], cell_start[nb + 1]):
                s = state[order[j]]
                if (s == HUMAN or s == BITTEN or s == HALFBIE) and not (forbid[order[j]] >> CLOSE_BIT) & 1:
                    if closer < 0 or order[j] < closer:
                        closer = order[j]
        if closer >= 0:
            door_state[d] = CLOSED
            n = log_event(sink, n, DOOR_CLOSED, closer, -1, c)
    return n


def decide(sim) -> None:
    w, p = sim.world, sim.people
    sink, n = sim.events.sink()
    n = close_doors(w.door_cells, sim.doors.state, w.links, sim.walk.shelter, sim.senses, p.state,
                    p.forbid, sim.bins.occupants, sink, n)
    sim.events.wrote(n)


BEHAVIOUR = register(Behaviour(
    "shelter",
    acts={"door_closed": "shut the door of {place} as the zombies came"},
    steps=(Step("decide", 20, decide, name="close_doors", on=lambda s: s.doors.close),),
))
CLOSE_BIT = BEHAVIOUR.bit["door_closed"]
