"""Groups: a leader, members who keep with them, and people who have left.

Each group has a leader: the member the scenario names (`leader = true` on a [[character]])
while they stand, else the bravest standing member (the lowest id among equals). Members who are
not fleeing, hiding or busy with an act keep with the leader ([behaviours.follow]):

- following: a member more than `apart` steps from the leader (and within `reach`) steps toward
  them;
- a shared destination: while the leader seeks safety, every member within `reach` takes the
  shelter or exit the leader is heading for as their `heading`, and makes for it (even if the
  leader falls or gets there first) until they arrive, hide, or are 4 x `regroup` steps from it;
- regrouping: a member beyond `reach` walks back toward the nearest member still within reach
  of the leader (within `regroup` steps).

A leader busy with an act (a decoy, a door, a rear guard...) leads nobody while it lasts.
An infected person who left their group (behaviours.self_isolate) or was thrown out of it
(behaviours.defend_infected) has `group` -1 and `left_group` set: they walk out of AWAY steps of
the group's members and stay there, whatever else they would do.

Columns: `group`, `act`, and its own `leader` (named leaders), `heading` and `left_group`;
actions FOLLOW, REGROUP and LEAVE_GROUP. No events: following is not an act. For other behaviours:
`leaders(sim)`, `leader_of(sim, g)`, `members_of(sim, g)`, and the kernels `roster` and
`find_leaders`.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numba import njit

from ..dice import stream, uniform2
from ..people.states import standing, standing_mask
from .actions import Choices, FLEE, HIDE, SEEK_SAFETY
from ..world.grid import Graph
from .behaviour import Behaviour, Step, numbers
from .registry import register
from .walk import downhill


AWAY = 25  # steps an outcast keeps between themselves and their former group
FAR = 1 << 30  # a cell no search has reached
_JITTER = 0.9  # random tie-break below one step


@dataclass(frozen=True)
class Follow:
    """Members of a group keep with its leader (named in the scenario, else the bravest): they
    walk to the leader when apart, head where the leader heads for safety, and walk back to the
    group when separated from it."""

    on: bool = True
    apart: int = 3  # steps from the leader beyond which a member walks to them
    reach: int = 15  # steps: how far a member keeps track of the leader (beyond: separated)
    regroup: int = 40  # steps: how far a separated member looks for the group to walk back to


@njit(cache=True)
def roster(state, group, groups, start, members):
    """Standing members sorted by group, in increasing id: group g's are
    members[start[g]:start[g + 1]]. start has groups + 1 entries; returns how many members."""
    start[:] = 0
    for i in range(state.shape[0]):
        g = group[i]
        if g >= 0 and standing(state[i]):
            start[g + 1] += 1
    for g in range(groups):
        start[g + 1] += start[g]
    fill = start[:groups].copy()
    for i in range(state.shape[0]):
        g = group[i]
        if g >= 0 and standing(state[i]):
            members[fill[g]] = i
            fill[g] += 1
    return start[groups]


@njit(cache=True)
def find_leaders(start, members, bravery, named, leader):
    """Each group's leader: its standing named leader, else its bravest standing member; -1 for
    a group with nobody standing."""
    for g in range(leader.shape[0]):
        best = -1
        for j in range(start[g], start[g + 1]):
            i = members[j]
            if named[i] != 0:
                best = i
                break
            if best < 0 or bravery[i] > bravery[best]:
                best = i
        leader[g] = best


class Search(NamedTuple):
    """Scratch for searches from a few cells over walkable cells (`spread`): `dist` holds FAR
    everywhere between searches."""

    graph: Graph
    walk: np.ndarray  # uint8 per cell: where the search may go
    dist: np.ndarray  # int32 per cell: steps from the nearest source
    touched: np.ndarray  # int32 per cell: the cells a search reached, for `clear`
    sources: np.ndarray  # int32: a search's sources, set before `spread`


@njit(cache=True)
def spread(search: Search, count: int, limit: int) -> int:
    """Steps from the nearest of search.sources[:count], up to `limit`, written into
    search.dist; the cells reached are search.touched[:returned], for `clear`."""
    return spread_to(search, count, limit, search.sources[:0])


@njit(cache=True)
def spread_to(search: Search, count: int, limit: int, wanted: np.ndarray) -> int:
    """spread, stopped once every cell in `wanted` (if any) has its steps, with those of
    every cell as near as the furthest of them: enough to walk downhill from each."""
    links, walk, sources = search.graph.links, search.walk, search.sources
    dist, touched = search.dist, search.touched
    tail = 0
    for s in range(count):
        c = sources[s]
        if dist[c] != 0:
            dist[c] = 0
            touched[tail] = c
            tail += 1
    head = 0
    level = -1
    while head < tail:
        c = touched[head]
        head += 1
        if dist[c] > level and wanted.shape[0]:  # a level's first cell: all of it is reached
            level = dist[c]
            if _all_reached(dist, wanted):
                break
        d = dist[c] + 1
        if d > limit:
            continue
        for k in range(links.shape[1]):
            nb = links[c, k]
            if nb >= 0 and walk[nb] != 0 and dist[nb] > d:
                dist[nb] = d
                touched[tail] = nb
                tail += 1
    return tail


@njit(inline="always", cache=True)
def _all_reached(dist, cells):
    for c in cells:
        if dist[c] == FAR:
            return False
    return True


@njit(cache=True)
def clear(search: Search, count: int) -> None:
    """Back to FAR everywhere after a search that reached `count` cells."""
    dist, touched = search.dist, search.touched
    for j in range(count):
        dist[touched[j]] = FAR


@njit(inline="always", cache=True)
def step_away(links, walk, dist, limit, c, key, person):
    """The linked cell furthest from the search's sources (beyond its limit counts as limit + 1)."""
    best = c
    best_value = float(min(dist[c], limit + 1))
    for k in range(links.shape[1]):
        nb = links[c, k]
        if nb >= 0 and walk[nb] != 0:
            v = min(dist[nb], limit + 1) + _JITTER * uniform2(key, person, k)
            if v > best_value + _JITTER:
                best = nb
                best_value = v
    return best


@njit(cache=True)
def _destination(links, walk, safety, c):
    """Where steepest descent of the safety field from c ends: the shelter or exit a person at c
    is heading for."""
    for _ in range(safety[c]):
        if safety[c] == 0:
            break
        nxt = c
        for k in range(links.shape[1]):
            nb = links[c, k]
            if nb >= 0 and walk[nb] != 0 and safety[nb] < safety[nxt]:
                nxt = nb
        if nxt == c:
            break
        c = nxt
    return c


@njit(inline="always", cache=True)
def _keeps_up(action, act, i):
    a = action[i]
    return act[i] == 0 and a != FLEE and a != HIDE


Followers = namedtuple("Followers", "cell act heading")


@njit(cache=True)
def _make_for(people: Followers, choices: Choices, roster: Roster, g: int, head: int, limit: int,
              key: np.uint64, search: Search) -> None:
    """Members of group g with a heading step toward it, one search per heading; a member who
    arrives, hides, or is more than `limit` steps from it drops it."""
    cell, act, heading = people.cell, people.act, people.heading
    target, action = choices.target, choices.action
    start, members = roster.start, roster.members
    graph, walk, dist, sources = search.graph, search.walk, search.dist, search.sources
    lo = start[g]
    hi = start[g + 1]
    done = np.empty(hi - lo, np.int32)
    searched = 0
    for j in range(lo, hi):
        h = heading[members[j]]
        if h < 0:
            continue
        seen = False
        for q in range(searched):
            seen |= done[q] == h
        if seen:
            continue
        done[searched] = h
        searched += 1
        sources[0] = h
        n = spread(search, 1, limit)
        for k in range(j, hi):
            i = members[k]
            if heading[i] != h:
                continue
            if action[i] == HIDE or dist[cell[i]] == 0 or dist[cell[i]] == FAR:
                heading[i] = -1
            elif _keeps_up(action, act, i) or (i == head and act[i] == 0
                                               and action[i] == SEEK_SAFETY):
                target[i] = downhill(graph, walk, dist, cell[i], key, i)
                action[i] = FOLLOW
        clear(search, n)


@njit(cache=True)
def follow(seed: int, tick: int, people: Followers, choices: Choices, roster: Roster,
           safety: np.ndarray, params: Follow, gap: np.ndarray, search: Search) -> None:
    """Members' steps toward their leader (people: Followers), the leader's destination, or the
    group. gap (per person) is scratch: steps from the leader (FAR beyond reach)."""
    cell, act, heading = people.cell, people.act, people.heading
    target, action = choices.target, choices.action
    start, members, leader = roster.start, roster.members, roster.leader
    graph, walk, dist, sources = search.graph, search.walk, search.dist, search.sources
    links = graph.links
    apart, reach, regroup = params.apart, params.reach, params.regroup
    key = stream(seed, tick, FOLLOW_DRAW)
    for g in range(leader.shape[0]):
        head = leader[g]
        lo = start[g]
        hi = start[g + 1]
        if head < 0 or hi - lo < 2:
            continue
        leading = act[head] == 0  # a leader busy with an act leads nobody
        sources[0] = cell[head]
        n = spread(search, 1, reach)
        for j in range(lo, hi):
            gap[members[j]] = dist[cell[members[j]]]
        # A shared destination: where the leader heads for safety, members within reach head too.
        if leading and action[head] == SEEK_SAFETY:
            d = heading[head]
            if d < 0 and safety[cell[head]] < FAR:
                d = _destination(links, walk, safety, cell[head])
            for j in range(lo, hi):
                i = members[j]
                if gap[i] != FAR and (i == head or _keeps_up(action, act, i)):
                    heading[i] = d
        lost = 0
        for j in range(lo, hi):
            i = members[j]
            if not leading or i == head or heading[i] >= 0 or not _keeps_up(action, act, i):
                continue
            if gap[i] == FAR:
                lost += 1
            elif gap[i] > apart:
                target[i] = downhill(graph, walk, dist, cell[i], key, i)
                action[i] = FOLLOW
        clear(search, n)

        _make_for(people, choices, roster, g, head, 4 * regroup, key, search)

        if lost:
            count = 0
            for j in range(lo, hi):
                i = members[j]
                if gap[i] != FAR:
                    sources[count] = cell[i]
                    count += 1
            n = spread(search, count, regroup)
            for j in range(lo, hi):
                i = members[j]
                if (gap[i] == FAR and heading[i] < 0 and _keeps_up(action, act, i)
                        and dist[cell[i]] < FAR):
                    target[i] = downhill(graph, walk, dist, cell[i], key,
                                         i)
                    action[i] = REGROUP
            clear(search, n)


Outcasts = namedtuple("Outcasts", "cell act left_group")


@njit(cache=True)
def keep_away(seed: int, tick: int, people: Outcasts, choices: Choices, outcasts: np.ndarray,
              roster: Roster, away: int, search: Search, outer: Search) -> None:
    """Outcasts (people: Outcasts; `outcasts`: their ids sorted by the group they left) walk out
    of `away` steps of that group's standing members, by the shortest way out (which may pass
    by them, as through the door of the room they share), and stay at that distance. `outer` is
    a second search over the same cells, with its own dist and touched."""
    cell, act, left_group = people.cell, people.act, people.left_group
    target, action = choices.target, choices.action
    start, members = roster.start, roster.members
    graph, walk, dist, touched, sources = (search.graph, search.walk, search.dist, search.touched,
                                           search.sources)
    out = outer.dist
    wanted = np.empty(outcasts.shape[0], np.int32)  # the cells of those who must step away
    key = stream(seed, tick, FOLLOW_DRAW)
    j = 0
    while j < outcasts.shape[0]:
        g = left_group[outcasts[j]]
        end = j
        while end < outcasts.shape[0] and left_group[outcasts[end]] == g:
            end += 1
        count = 0
        for m in range(start[g], start[g + 1]):
            sources[count] = cell[members[m]]
            count += 1
        n = spread(search, count, away)
        near = 0
        for k in range(j, end):
            c = cell[outcasts[k]]
            if act[outcasts[k]] == 0 and dist[c] <= away:
                wanted[near] = c
                near += 1
        # The rim: the cells `away` steps out or, in a place too small for that, the furthest.
        furthest = 0
        for m in range(n):
            furthest = max(furthest, dist[touched[m]])
        rim = 0
        for m in range(n):
            if dist[touched[m]] == furthest:
                sources[rim] = touched[m]
                rim += 1
        n_out = spread_to(outer, rim, 4 * away, wanted[:near]) if near else 0
        for k in range(j, end):
            i = outcasts[k]
            c = cell[i]
            if act[i] != 0 or dist[c] > away:
                continue
            if out[c] < FAR:
                target[i] = downhill(graph, walk, out, c, key, i)
            else:
                target[i] = step_away(graph.links, walk, dist, away, c, key, i)
            action[i] = LEAVE_GROUP
        clear(search, n)
        clear(outer, n_out)
        j = end


class Roster(NamedTuple):
    """This tick's standing members by group, and their leaders (`Roster.of(sim)`)."""

    start: np.ndarray  # int32 per group + 1: group g's members are members[start[g]:start[g + 1]]
    members: np.ndarray  # int32: ids, by group, in increasing id
    leader: np.ndarray  # int32 per group: its leader's id, -1 if nobody of it stands

    @classmethod
    def of(cls, sim) -> "Roster":
        p = sim.people
        groups = len(p.groups)
        start = np.zeros(groups + 1, np.int32)
        members = np.empty(p.count, np.int32)
        roster(p.state, p.group, groups, start, members)
        leader = np.full(groups, -1, np.int32)
        find_leaders(start, members, p.bravery, p.leader, leader)
        return cls(start, members, leader)


def leaders(sim) -> np.ndarray:
    """The leader of each group now (index: group), -1 for a group with nobody standing."""
    return Roster.of(sim).leader


def leader_of(sim, group: int) -> int:
    """The id of a group's leader now, -1 if nobody of it stands."""
    return int(leaders(sim)[group])


def members_of(sim, group: int) -> np.ndarray:
    """The ids of a group's standing members (human, bitten or halfbie), in increasing order."""
    r = Roster.of(sim)
    return r.members[r.start[group]:r.start[group + 1]].copy()


def searches(sim) -> Search:
    """Scratch for `spread` over the cells humans may walk now."""
    dist = sim.scratch.field
    dist.fill(FAR)
    cells = len(dist)
    return Search(sim.world.graph, sim.walk.human, dist, np.empty(cells, np.int32),
                  np.empty(max(cells, sim.people.count), np.int32))


def decide(sim) -> None:
    """Members keep with their leader (if `follow` is on); outcasts walk away from their group."""
    p = sim.people
    if not len(p.groups):
        return
    params = sim.scenario.behaviours.follow
    r = Roster.of(sim)
    search = searches(sim)
    if params.on:
        gap = np.empty(p.count, np.int32)
        follow(sim.seed, sim.tick, p.view(Followers), sim.choices, r, sim.walk.safety,
               numbers(params), gap, search)
    out = np.flatnonzero((p.left_group >= 0) & standing_mask(p.state))
    if len(out):
        out = out[np.argsort(p.left_group[out], kind="stable")].astype(np.int32)
        cells = len(search.dist)
        outer = search._replace(dist=np.full(cells, FAR, np.int32), touched=np.empty(cells, np.int32))
        keep_away(sim.seed, sim.tick, p.view(Outcasts), sim.choices, out, r, AWAY, search, outer)


def name_leaders(sim, characters) -> None:
    """Characters with `leader = true` lead their group (characters are the first people)."""
    for i, ch in enumerate(characters):
        sim.people.leader[i] = ch.leader


BEHAVIOUR = register(Behaviour(
    "follow", Follow,
    columns={"leader": (np.uint8, 0),  # 1: named their group's leader
             "left_group": (np.int32, -1),  # the group they left or were expelled from
             "heading": (np.int32, -1)},  # the cell their leader led them to make for
    actions=("follow", "regroup", "leave_group"),
    streams={"follow": 24},
    start=name_leaders,
    # outcasts walk away from their group even with follow off
    steps=(Step("decide", 60, decide, name="keep_together", on=lambda s: True),),
))
FOLLOW, REGROUP, LEAVE_GROUP = (BEHAVIOUR.action[a] for a in ("follow", "regroup", "leave_group"))
FOLLOW_DRAW = BEHAVIOUR.streams["follow"]
