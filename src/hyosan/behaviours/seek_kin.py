"""Seek kin: a person apart from their relative (the `kin` column, their first relative) crosses
the map to where they last knew the relative to be, and is reunited on finding them.

Relatives are together when they stand in the same cell or in linked cells, and apart when
they are on different floors or more than `apart` steps apart along rows and columns; in
between they stay as they were. The last known place (`kin_cell`) is the relative's cell the
last time the two were together, or the relative's cell at the start. Each tick a person
apart from their relative sets off with chance `rate` x altruism, and walks toward that
place (fleeing when a zombie comes within `caution` steps). Arriving there without finding
the relative, they learn where the relative went (people there saw them) and walk on; if the
relative is dead or has turned, the seeker gives up. Reunited, the two keep together: one of
them who has no group joins the other's (and follows its leader with them).

Reunions are watched whether seeking is on or off, so that the two can be compared.

Columns: `kin`, its own `kin_cell` and `kin_state` (UNSEEN, TOGETHER, APART, LOST), `group` (joined
on a reunion), `act`, `forbid`. Events: "seek_kin" when someone sets off (actor: the seeker;
target: the relative) and "reunion" when two apart come together (actor: the person; target: their
relative).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform
from ..events import Sink, log_event
from ..people.states import standing
from .behaviour import Behaviour, Step, numbers
from .destinations import walk_toward
from .registry import register


UNSEEN, TOGETHER, APART, LOST = range(4)  # values of the kin_state column


@dataclass(frozen=True)
class SeekKin:
    """A person apart from their relative crosses the map to where they last saw them."""

    on: bool = True
    rate: float = 0.02  # chance per tick, times altruism, that a person apart from their relative sets off
    apart: int = 8  # steps on the same floor (any distance on another floor) that count as apart
    caution: int = 3  # steps: a zombie this near makes the seeker flee instead of walking on


@njit(inline="always", cache=True)
def _beside(links, a, b):
    if a == b:
        return True
    for k in range(links.shape[1]):
        if links[a, k] == b:
            return True
    return False


@njit(inline="always", cache=True)
def _far(a, b, cols, plane, apart):
    if a // plane != b // plane:
        return True
    ra, ca = (a % plane) // cols, a % cols
    rb, cb = (b % plane) // cols, b % cols
    return abs(ra - rb) + abs(ca - cb) > apart


Relatives = namedtuple("Relatives", "state cell kin kin_cell kin_state group altruism act forbid")


@njit(cache=True)
def seek_relatives(relatives: np.ndarray, seed: int, tick: int, people: Relatives,
                   links: np.ndarray, cols: int, plane: int, params: SeekKin, seekers: np.ndarray,
                   sink: Sink, n: int) -> tuple[int, int]:
    """Watch who is together with their relative (relatives: their ids; people: Relatives), and
    (when seek_kin is on) who sets off or walks on. Fills `seekers` with those under way;
    returns the next event slot and how many seek."""
    state, cell, kin, kin_cell = people.state, people.cell, people.kin, people.kin_cell
    kin_state, group, altruism = people.kin_state, people.group, people.altruism
    act, forbid = people.act, people.forbid
    apart, seeking, rate = params.apart, params.on, params.rate
    key = stream(seed, tick, SEEK_DRAW)
    m = 0
    for i in relatives:
        k = kin[i]
        if not standing(state[i]):
            if act[i] == SEEK_KIN:
                act[i] = 0
            continue
        c = cell[i]
        found = standing(state[k])  # a relative who is dead or has turned cannot be found
        if found:
            ck = cell[k]
            if kin_cell[i] < 0:
                kin_cell[i] = ck  # where the relative was at the start
            if _beside(links, c, ck):
                if kin_state[i] == APART or kin_state[i] == LOST:
                    n = log_event(sink, n, REUNION, i, k, c)
                    # reunited, they keep together: one without a group joins the other's
                    if group[i] < 0:
                        group[i] = group[k]
                    elif group[k] < 0:
                        group[k] = group[i]
                kin_state[i] = TOGETHER
                kin_cell[i] = ck
                if act[i] == SEEK_KIN:
                    act[i] = 0
                continue
            if kin_state[i] != LOST and _far(c, ck, cols, plane, apart):
                kin_state[i] = APART
        if not seeking or kin_state[i] != APART or (forbid[i] >> BIT) & 1:
            if act[i] == SEEK_KIN:
                act[i] = 0
            continue
        if act[i] != SEEK_KIN:
            if act[i] != 0 or uniform(key, i) >= rate * altruism[i] / 255.0:
                continue
            act[i] = SEEK_KIN
            n = log_event(sink, n, SEEK_EVENT, i, k, c)
        if _beside(links, c, kin_cell[i]):
            if not found:  # they learn here what became of the relative
                act[i] = 0
                kin_state[i] = LOST
                continue
            kin_cell[i] = cell[k]  # not here: those who saw the relative tell where they went
        seekers[m] = i
        m += 1
    return n, m


def decide(sim) -> None:
    params = sim.scenario.behaviours.seek_kin
    p, w = sim.people, sim.world
    relatives = np.array(sorted(p.relatives), np.int32)  # those with kin (fixed at placement)
    if not len(relatives):
        return
    sink, n = sim.events.sink()
    seekers = np.empty(len(relatives), np.int32)
    n, m = seek_relatives(relatives, sim.seed, sim.tick, p.view(Relatives), w.links, w.cols,
                          w.rows * w.cols, numbers(params), seekers, sink, n)
    sim.events.wrote(n)
    if not m:
        return
    seekers = seekers[:m]
    places = p.kin_cell[seekers]
    for place in np.unique(places):
        route = sim.destinations.route(sim, ("kin", int(place)), lambda: np.array([place]))
        walk_toward(seekers[places == place], p.cell, route, sim.fields.zombie_near,
                    params.caution, sim.seed, sim.tick, SEEK_DRAW, SEEK_KIN, sim.choices)


BEHAVIOUR = register(Behaviour(
    "seek_kin", SeekKin,
    columns={"kin_cell": (np.int32, -1),  # the relative's last known cell
             "kin_state": (np.uint8, UNSEEN)},
    actions=("seek_kin",),
    events=("seek_kin", "reunion"),
    acts={"seek_kin": "set out from {place} across the outbreak to find {target}"},
    streams={"seek_kin": 19},
    # reunions are watched even when nobody seeks (seek_kin off)
    steps=(Step("decide", 120, decide, name="seek", on=lambda s: True),),
))
SEEK_KIN, SEEK_EVENT = BEHAVIOUR.action["seek_kin"], BEHAVIOUR.event["seek_kin"]
REUNION, BIT = BEHAVIOUR.event["reunion"], BEHAVIOUR.bit["seek_kin"]
SEEK_DRAW = BEHAVIOUR.streams["seek_kin"]
