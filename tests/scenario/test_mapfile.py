import numpy as np
import pytest

from hyosan.scenario.errors import ScenarioError
from hyosan.scenario.mapfile import parse_map
from hyosan.world.terrain import DOOR, EXIT, FLOOR, STAIRS, VOID, WALL, WATER, WINDOW
from hyosan.scenario.model import Room

from .samples import MAP

ROOMS = (Room("office", "a"), Room("lab", "b"), Room("attic", "c"))


def problems(text, rooms=ROOMS, **kw):
    with pytest.raises(ScenarioError) as info:
        parse_map(text, rooms, file="t.map", **kw)
    return info.value.problems


def test_floors_terrain_and_padding():
    m = parse_map(MAP, ROOMS, cell_size=2.0, capacity=3)
    assert m.floors == ("ground", "1F")
    assert m.shape == (2, 4, 10)
    assert m.terrain.dtype == np.uint8 and m.zone.dtype == np.int16
    assert (m.cell_size, m.capacity, m.rooms) == (2.0, 3, ROOMS)
    assert m.terrain[0, 1, 8] == EXIT and m.terrain[0, 2, 4] == DOOR and m.terrain[0, 1, 1] == STAIRS
    assert m.terrain[0, 2, 1] == FLOOR  # a marker cell is floor
    assert (m.terrain[1, 3] == VOID).all()  # floor 1F padded to 4 rows


def test_terrain_characters():
    m = parse_map("#.+=E~ #\n#^\n--- up\n#.\n#^", ())
    assert m.terrain[0, 0].tolist() == [WALL, FLOOR, DOOR, WINDOW, EXIT, WATER, VOID, WALL]
    assert m.terrain[0, 1].tolist() == [WALL, STAIRS] + [VOID] * 6


def test_no_header_is_one_ground_floor_and_blank_edges_are_dropped():
    m = parse_map("\n\n#.#\n\n#.#\n\n", ())
    assert m.floors == ("ground",)
    assert m.shape == (1, 3, 3)  # the inner blank line is a row of void
    assert (m.terrain[0, 1] == VOID).all()


def test_flood_fill_rooms():
    m = parse_map(MAP, ROOMS)
    zone = m.zone[0]
    # room a fills the left room up to the door, not beyond it
    assert zone[1, 2:4].tolist() == [0, 0] and zone[2, 1:4].tolist() == [0, 0, 0]
    assert zone[1, 1] == -1  # stairs belong to no room
    assert zone[2, 4] == -1  # the door belongs to no room
    assert zone[1, 5:9].tolist() == [1, 1, 1, -1]  # the exit is not part of the lab
    assert zone[2, 5:9].tolist() == [1, 1, 1, 1]
    assert (m.zone[1, 1, 2:9] == 2).all()
    assert (m.zone[m.terrain == WALL] == -1).all()


def test_a_marker_may_appear_many_times():
    m = parse_map("#a.#.a#\n#######", (Room("split", "a"),))
    assert m.zone[0, 0].tolist() == [-1, 0, 0, -1, 0, 0, -1]


def test_unmarked_floor_has_no_room():
    m = parse_map("#a#..#", (Room("x", "a"),))
    assert m.zone[0, 0].tolist() == [-1, 0, -1, -1, -1, -1]


def test_stairs_pair_with_the_floor_above_or_below_only():
    parse_map("#^#\n--- 1\n#^#\n--- 2\n#^#", ())
    found = problems("#^#\n--- 1\n#.#\n--- 2\n#^#", ())
    assert [(p.line, p.column, p.field) for p in found] == [
        (1, 2, 'floor "ground", row 1, column 2'), (5, 2, 'floor "2", row 1, column 2')]
    assert "no '^' at the same row and column" in found[0].message


def test_all_problems_are_collected_with_positions():
    text = "#a?#\n#..b\n--- x\n\n--- x\n#^#\n"
    found = problems(text, first_line=10)
    expected = [
        (10, 3, "found '?', expected a map character (# . "),
        (11, 3, "rooms 'a' (\"office\") and 'b' (\"lab\") meet here"),
        (12, None, "empty floor"),
        (14, None, "duplicate floor name"),
        (15, 2, "stairs '^' with no '^' at the same row"),
        (None, None, "room marker 'c' (\"attic\") is declared but not used"),
    ]
    assert [(p.line, p.column) for p in found] == [(line, col) for line, col, _ in expected]
    for p, (_, _, phrase) in zip(found, expected):
        assert p.message.startswith(phrase), p.message
    assert str(found[0]) == ("t.map:10:3: floor \"ground\", row 1, column 3: found '?', expected a map "
                             "character (# . + = E ^ ~ space) or a room marker declared in [map.rooms]")


def test_repeated_bad_characters_are_reported_once():
    found = problems("#??#\n#.?#", ())
    assert len(found) == 1 and found[0].message.endswith("(and 2 more)")


def test_undeclared_marker_and_declared_at():
    found = problems("#z.#", (Room("r", "q"),), declared_at={"q": ("s.toml", 7)})
    assert "'z' is not declared" in found[0].message
    assert (found[1].file, found[1].line, found[1].field) == ("s.toml", 7, "[map.rooms].q")


@pytest.mark.parametrize("text", ["", "\n\n", "####\n#  #", "--- a\n\n"])
def test_empty_or_impassable_maps(text):
    assert problems(text, ())


def test_header_without_name():
    assert "without a name" in problems("#.#\n---\n#.#", ())[0].message
