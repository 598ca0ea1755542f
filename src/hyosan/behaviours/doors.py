"""Doors: people sheltering in a room close its doors when zombies come near; zombies that push
on a closed door wear its strength down until it breaks."""

from __future__ import annotations

from numba import njit

from ..engine.events import DOOR_BROKEN, DOOR_CLOSED, log_event
from ..scenario.model import BITTEN, HALFBIE, HUMAN, ZOMBIE

OPEN, CLOSED, BROKEN = 0, 1, 2


@njit(cache=True)
def close_doors(door_cells, door_state, links, in_shelter, zombie_near, radius, state,
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
                if s == HUMAN or s == BITTEN or s == HALFBIE:
                    if closer < 0 or order[j] < closer:
                        closer = order[j]
        if closer >= 0:
            door_state[d] = CLOSED
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, DOOR_CLOSED, closer, -1, c)
    return n


@njit(cache=True)
def wear_doors(door_cells, door_state, strength, pushes, damage, ev_kind, ev_actor, ev_target,
               ev_cell, n):
    for d in range(door_cells.shape[0]):
        if pushes[d] == 0 or door_state[d] != CLOSED:
            continue
        strength[d] = max(strength[d] - pushes[d] * damage, 0.0)
        if strength[d] == 0.0:
            door_state[d] = BROKEN
            c = door_cells[d]
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, DOOR_BROKEN, -1, -1, c)
    return n
