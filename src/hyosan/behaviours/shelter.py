"""Sheltering: people in a shelter room close its doors when zombies come near."""

from __future__ import annotations

from numba import njit

from ..events import DOOR_CLOSED, log_event
from ..scenario.model import BITTEN, HALFBIE, HUMAN, ZOMBIE
from ..world.grid import CLOSED, OPEN
from .actions import CLOSE_BIT


@njit(cache=True)
def close_doors(door_cells, door_state, links, in_shelter, zombie_near, radius, state, forbid,
                cell_start, order, ev_kind, ev_actor, ev_target, ev_cell, n):
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
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, DOOR_CLOSED, closer, -1, c)
    return n
