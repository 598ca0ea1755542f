"""How much memory a run needs and how much disk its outputs take, worked out from the scenario
alone, before anything is allocated: `hyosan validate` prints it, and `run` refuses a run that
would not fit in the memory available (or its outputs on the disk) unless told to go on.

The figures are estimates, within a factor of about two: the people's columns, the per-cell
arrays, the time series and the replay frames are counted as the engine makes them; what the
dynamics decide (how many events) is bounded from the people count.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..people.states import STATE_NAMES
from ..people.table import COLUMNS
from ..scenario.model import Scenario
from ..world.fields import SEARCH_THREADS
from .frames import BLOCKS_PER_FLOOR, frame_plan

# Per person, besides the columns: the step target, the bins, the contact sort, the scratch of
# crowded cells, and room for two events (kind, actor, target, cell) in a phase's sink.
PERSON_SCRATCH = 4 + 4 + 8 + 16 + 2 * 13
# Per cell: links (6 x int32), the world's masks and fields, the walk's copies, the sensed
# fields and scratch of engine.state, the bins' starts, two lists a thread for the searches.
CELL_BYTES = 24 + 16 + 12 + 20 + 16 + 8 + 8 * SEARCH_THREADS
EVENTS_PER_PERSON = 4  # a bite, a turn, a kill, an escape...: a person takes part in few events
EVENT_BYTES = 13 + 4  # the four columns and the tick
SPECIES = 6  # the science models have at most this many species


class RunTooLarge(ValueError):
    """A run that would not fit in memory or on disk; the message says the estimate and the room."""


@dataclass(frozen=True)
class Footprint:
    memory: int  # bytes, at the peak of a run (a checkpoint copies the state once more)
    disk: int  # bytes of the run directory
    parts: tuple[tuple[str, int], ...]  # what the memory is made of, largest first

    def describe(self) -> str:
        parts = ", ".join(f"{name} {human_bytes(n)}" for name, n in self.parts[:3] if n)
        return (f"needs about {human_bytes(self.memory)} of memory ({parts}) and "
                f"{human_bytes(self.disk)} of disk")


def footprint(scenario: Scenario) -> Footprint:
    """The memory and disk a run of `scenario` takes, estimated."""
    parts = _agents(scenario) if scenario.map is not None else _science(scenario)
    state = sum(n for _, n in parts)
    memory = 2 * state  # a checkpoint, and the outputs written at the end, copy the state once
    disk = state + scenario.people_count * EVENTS_PER_PERSON * EVENT_BYTES + 1_000_000
    return Footprint(memory, disk, tuple(sorted(parts, key=lambda p: -p[1])))


def _agents(s: Scenario) -> list[tuple[str, int]]:
    assert s.map is not None
    people, cells = s.people_count, int(np.prod(s.map.shape))
    per_person = sum(np.dtype(dtype).itemsize for dtype, _ in COLUMNS.values()) + PERSON_SCRATCH
    records = s.ticks // max(1, s.record.every) + 1
    series = records * (len(s.map.rooms) + 1) * len(STATE_NAMES) * 4
    each_person, _, count = frame_plan(people, s.ticks, s.record.frames)
    if each_person:
        frames = count * people * 5  # a state byte and a cell a person
    else:
        frames = count * min(s.map.shape[0] * BLOCKS_PER_FLOOR, cells) * 8  # humans and zombies a block
    events = people * EVENTS_PER_PERSON * EVENT_BYTES
    return [("people", people * per_person), ("cells", cells * CELL_BYTES), ("time series", series),
            ("replay frames", frames), ("events", events)]


def _science(s: Scenario) -> list[tuple[str, int]]:
    records = s.ticks // max(1, s.record.every) + 1
    parts = [("time series", records * 3 * SPECIES * 8)]
    if s.model is not None:
        parts.append(("replicas", s.model.replicas * SPECIES * 8 * 2))
    lattice = s.lattice
    if lattice is not None:
        if lattice.density is not None:
            cells = lattice.density.size
        elif lattice.sites is not None:
            cells = lattice.sites[0] * lattice.sites[1]
        else:
            cells = lattice.generate.get("width", 0) * lattice.generate.get("height", 0)
        parts.append(("cells", cells * (SPECIES * 8 + 32)))
        parts.append(("maps", lattice.snapshots * 2 * cells * 4))
    return parts


def memory_available() -> int:
    """Bytes this process may still allocate: the kernel's estimate (MemAvailable), else the
    physical memory."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def too_large(scenario: Scenario, out: Path) -> str | None:
    """Why a run of `scenario` into `out` would not fit, with the estimate, or None."""
    need = footprint(scenario)
    free = memory_available()
    if need.memory > free:
        return (f"a run of {scenario.name!r} {need.describe()}, but {human_bytes(free)} of memory is "
                "available: shorten it (--duration), thin its records ([record] every, frames), "
                "or pass --yes to try anyway")
    space = free_bytes(out)
    if need.disk > space:
        return (f"a run of {scenario.name!r} {need.describe()}, but {human_bytes(space)} is free on the "
                f"disk of {out}: free some space, or pass --yes to try anyway")
    return None


def free_bytes(out: Path) -> int:
    """Free bytes on the disk of `out` (or of its nearest existing parent)."""
    place = Path(out).absolute()
    while not place.exists() and place != place.parent:
        place = place.parent
    return shutil.disk_usage(place).free


def human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.3g} {unit}"
        n /= 1000
    raise AssertionError("unreachable")
