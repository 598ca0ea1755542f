"""Text maps: floors of characters -> terrain codes and rooms flood-filled from their markers."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .errors import Problem, ScenarioError, sorted_problems
from ..world.terrain import DOOR, EXIT, FLOOR, STAIRS, VOID, WALL, WATER, WINDOW
from .model import MapData, Room

TERRAIN_CHARS = {"#": WALL, " ": VOID, ".": FLOOR, "+": DOOR, "=": WINDOW, "E": EXIT, "^": STAIRS, "~": WATER}
PASSABLE = (FLOOR, DOOR, EXIT, STAIRS, WATER)
_EXPECTED = "a map character (# . + = E ^ ~ space) or a room marker declared in [map.rooms]"


def is_marker(char: str) -> bool:
    """Room markers are ASCII letters and digits, except E (exit)."""
    return char.isascii() and char.isalnum() and char != "E"


@dataclass
class _Floor:
    name: str
    header: int | None  # line of the `--- NAME` header
    rows: list[tuple[int, str]] = field(default_factory=list)  # (line, text)


def parse_map(
    text: str,
    rooms: Sequence[Room] = (),
    *,
    file: str = "map",
    first_line: int = 1,
    cell_size: float = 1.0,
    capacity: int = 4,
    declared_at: Mapping[str, tuple[str, int | None]] | None = None,
) -> MapData:
    """Parse a text map. `first_line` is the file line of the text's first line; `declared_at`
    maps a marker to the (file, line) of its [map.rooms] entry. Raises ScenarioError with
    every problem found."""
    problems: list[Problem] = []
    floors = _split_floors(text, file, first_line, problems)
    if not floors:
        raise ScenarioError(problems)  # every floor is empty, and each has said so
    n_rows = max((len(f.rows) for f in floors), default=0)
    n_cols = max((len(row) for f in floors for _, row in f.rows), default=0)
    terrain = np.zeros((len(floors), n_rows, n_cols), dtype=np.uint8)
    zone = np.full(terrain.shape, -1, dtype=np.int16)
    index = {room.marker: i for i, room in enumerate(rooms)}

    def report(f: int, r: int, c: int, message: str) -> None:
        cell = f'floor "{floors[f].name}", row {r + 1}, column {c + 1}'
        problems.append(Problem(file, floors[f].rows[r][0], cell, message, column=c + 1))

    bad: dict[str, list[tuple[int, int, int]]] = {}
    for f, floor in enumerate(floors):
        for r, (_, row) in enumerate(floor.rows):
            for c, char in enumerate(row):
                if char in TERRAIN_CHARS:
                    terrain[f, r, c] = TERRAIN_CHARS[char]
                elif char in index:
                    terrain[f, r, c] = FLOOR
                    zone[f, r, c] = index[char]
                else:
                    bad.setdefault(char, []).append((f, r, c))
    for char, cells in bad.items():
        more = f" (and {len(cells) - 1} more)" if len(cells) > 1 else ""
        undeclared = f" ('{char}' is not declared)" if is_marker(char) else ""
        report(*cells[0], f"found {char!r}, expected {_EXPECTED}{undeclared}{more}")

    stairs = terrain == STAIRS
    partner = np.zeros_like(stairs)
    partner[1:] |= stairs[:-1]
    partner[:-1] |= stairs[1:]
    for f, r, c in zip(*np.nonzero(stairs & ~partner)):
        report(f, r, c, "stairs '^' with no '^' at the same row and column on the floor above or below")

    for (a, b), cell in _fill(terrain, zone).items():
        ra, rb = rooms[a], rooms[b]
        report(*cell, f"rooms '{ra.marker}' (\"{ra.name}\") and '{rb.marker}' (\"{rb.name}\") meet here; "
                      "expected a wall, door, window or other non-floor cell between them")

    used = set(np.unique(zone[zone >= 0]).tolist())
    for i, room in enumerate(rooms):
        if i not in used:
            at_file, at_line = (declared_at or {}).get(room.marker, (file, None))
            message = f"room marker '{room.marker}' (\"{room.name}\") is declared but not used in the map"
            problems.append(Problem(at_file, at_line, f"[map.rooms].{room.marker}", message))

    if not np.isin(terrain, PASSABLE).any():
        problems.append(Problem(file, first_line, "", "the map has no cell to stand on; expected at least one "
                                "floor '.', door '+', exit 'E', stairs '^', water '~' or room marker"))
    if problems:
        raise ScenarioError(sorted_problems(problems, file))
    return MapData(tuple(f.name for f in floors), terrain, zone, tuple(rooms), float(cell_size), int(capacity))


def _split_floors(text: str, file: str, first_line: int, problems: list[Problem]) -> list[_Floor]:
    floors = [_Floor("ground", None)]
    for k, raw in enumerate(text.split("\n")):
        line, row = first_line + k, raw.rstrip("\r")
        if row.startswith("---"):
            name = row[3:].strip()
            if not name:
                problems.append(Problem(file, line, "", "floor header without a name; expected '--- NAME'"))
            floors.append(_Floor(name, line))
        else:
            floors[-1].rows.append((line, row.rstrip(" ")))
    if len(floors) > 1 and not any(row for _, row in floors[0].rows):
        floors.pop(0)  # only blank lines before the first header
    seen: set[str] = set()
    for floor in floors:
        while floor.rows and not floor.rows[-1][1]:
            floor.rows.pop()
        while floor.rows and not floor.rows[0][1]:
            floor.rows.pop(0)
        where = (file, floor.header if floor.header is not None else first_line, f'floor "{floor.name}"')
        if not floor.rows:
            problems.append(Problem(*where, "empty floor; expected at least one row of map characters"))
        if floor.name in seen:
            problems.append(Problem(*where, "duplicate floor name; expected each floor to have its own name"))
        seen.add(floor.name)
    return [f for f in floors if f.rows]


def _fill(terrain: np.ndarray, zone: np.ndarray) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Flood-fill every room from its marker cells through plain floor, 4-neighbour, one floor.

    Fills zone in place; returns the pairs of rooms whose areas meet, each with a cell where they do.
    """
    n_floors, n_rows, n_cols = terrain.shape
    floor = (terrain.ravel() == FLOOR).tolist()
    zones = zone.ravel().tolist()
    queue = deque(i for i, z in enumerate(zones) if z >= 0)
    meets: dict[tuple[int, int], tuple[int, int, int]] = {}
    while queue:
        i = queue.popleft()
        z = zones[i]
        col = i % n_cols
        row = (i // n_cols) % n_rows
        for j, ok in ((i - 1, col > 0), (i + 1, col < n_cols - 1),
                      (i - n_cols, row > 0), (i + n_cols, row < n_rows - 1)):
            if not ok or not floor[j]:
                continue
            if zones[j] < 0:
                zones[j] = z
                queue.append(j)
            elif zones[j] != z:
                pair = (min(z, zones[j]), max(z, zones[j]))
                if pair not in meets:
                    where = tuple(int(v) for v in np.unravel_index(j, terrain.shape))
                    meets[pair] = (where[0], where[1], where[2])
    zone[...] = np.asarray(zones, dtype=np.int16).reshape(zone.shape)
    return meets
