"""Legal but pointless input: what `hyosan validate` warns of (`--strict` makes it an error).

Each check returns (path, message) pairs, like the checks in validate.py; the loader turns
the paths into file:line.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..people.states import HUMAN, ZOMBIE
from ..world.fields import distance_field
from ..world.grid import EXIT, UNREACHABLE, build_world
from .model import Scenario

Found = list[tuple[tuple[Any, ...], str]]


def warnings_of(scenario: Scenario) -> Found:
    """What in a valid scenario cannot have the effect its author meant."""
    if scenario.kind != "agents":
        return []
    return _late_authorities(scenario) + _nobody_infected(scenario) + _no_way_out(scenario)


def _late_authorities(s: Scenario) -> Found:
    return [(("authority", i, "at"), f"acts at {_clock(a.at)}, when the run is over (its duration is "
             f"{_clock(s.duration)}): it never happens")
            for i, a in enumerate(s.authorities) if a.at >= s.duration]


def _nobody_infected(s: Scenario) -> Found:
    if any(b.state != HUMAN and b.count > 0 for b in s.people) or any(c.state != HUMAN for c in s.characters):
        return []
    return [(("scenario",), "nobody is a zombie, bitten or a halfbie at the start, so there is no outbreak "
             "(give a [[people]] block state = \"zombie\")")]


def _no_way_out(s: Scenario) -> Found:
    """People placed where no walk leads to an exit, on a map that has exits."""
    assert s.map is not None
    if not (s.map.terrain == EXIT).any():
        return []  # a map without exits: nobody is meant to leave
    world = build_world(s.map)
    steps = np.empty(world.cells, np.int32)
    distance_field(world.links, world.human_walk, world.exit_cells,
                   np.zeros(len(world.exit_cells), np.int32), UNREACHABLE, steps)
    placed = [("people", i, b.where, f"these {b.count} people") for i, b in enumerate(s.people)
              if b.state != ZOMBIE]  # zombies never leave by an exit anyway
    placed += [("character", i, c.where, c.name) for i, c in enumerate(s.characters) if c.state != ZOMBIE]
    found: Found = []
    for section, i, where, who in placed:
        cells = world.standing_cells(where)
        if len(cells) and (steps[cells] == UNREACHABLE).all():
            found.append(((section, i, "where"), f"no cell of '{where}' connects to an exit: {who} "
                          "can never escape (walls close it in)"))
    return found


def _clock(seconds: float) -> str:
    """A duration as a scenario would write it: 2h, 90m, 45s."""
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"
