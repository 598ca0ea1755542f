from collections import deque

import numpy as np
import pytest

from hyosan import Simulation
from hyosan.people.states import BITTEN, ZOMBIE
from hyosan.world.terrain import DOOR, EXIT, FLOOR, STAIRS, VOID, WALL, WINDOW
from hyosan.scenario import builtin_names, load_scenario

SCHOOL_ROOMS = ("science lab", "gym", "music room", "broadcasting room", "library", "nurse's office",
                "cafeteria", "1F corridor", "2F corridor", "3F corridor", "rooftop", "school gates",
                "school grounds", "the city", "quarantine camp")
CHARACTERS = ("Oh Joon-yeong", "Nam So-ju", "Song Jae-ik", "Nam On-jo", "Jang Ha-ri", "Jang Woo-jin",
              "Lee Su-hyeok", "Lee Cheong-san", "Park Mi-jin", "Lee Joon-soong", "Yang Dae-su",
              "Choi Nam-ra", "Yoon Gwi-nam", "Kim Hyeon-ju")


@pytest.fixture(scope="module")
def high():
    return load_scenario("hyosan-high")


def people(s):
    return sum(p.count for p in s.people) + len(s.characters)


def rooms(s):
    return {r.name: i for i, r in enumerate(s.map.rooms)}


def reachable_from_exits(terrain):
    """Cells reached on foot from an exit, through floor, doors and stairs (up and down)."""
    walk = np.isin(terrain, (FLOOR, DOOR, EXIT, STAIRS))
    seen = terrain == EXIT
    queue = deque(zip(*np.nonzero(seen)))
    while queue:
        f, r, c = queue.popleft()
        steps = [(f, r - 1, c), (f, r + 1, c), (f, r, c - 1), (f, r, c + 1)]
        if terrain[f, r, c] == STAIRS:
            steps += [(f - 1, r, c), (f + 1, r, c)]
        for g, y, x in steps:
            if (0 <= g < terrain.shape[0] and 0 <= y < terrain.shape[1] and 0 <= x < terrain.shape[2]
                    and walk[g, y, x] and not seen[g, y, x] and (g == f or terrain[g, y, x] == STAIRS)):
                seen[g, y, x] = True
                queue.append((g, y, x))
    return walk, seen


def test_the_builtins_are_listed():
    assert {"classroom", "hyosan-high", "hyosan-city"} <= set(builtin_names())


@pytest.mark.parametrize("name", ["classroom", "hyosan-high"])
def test_every_dry_cell_of_a_drawn_map_can_reach_an_exit(name):
    walk, seen = reachable_from_exits(load_scenario(name).map.terrain)
    assert seen[walk].all()


def test_classroom_is_small_and_fast():
    s = load_scenario("classroom")
    assert s.map.shape[0] == 1 and s.map.shape[1] * s.map.shape[2] < 1000
    assert set(rooms(s)) == {"classroom", "corridor"}
    assert s.tick == 1.0 and s.duration == 600.0
    assert people(s) == 31
    assert sum(p.count for p in s.people if p.state == BITTEN) == 1
    t = s.map.terrain[0]
    assert (t == DOOR).sum() == 1 and (t == EXIT).any() and (t == WINDOW).any()
    assert s.map.rooms[rooms(s)["classroom"]].shelter


def test_hyosan_high_has_the_school_on_three_floors_and_a_rooftop(high):
    m = high.map
    assert m.floors == ("1F", "2F", "3F", "rooftop")
    assert m.shape[1] <= 80 and m.shape[2] <= 150
    for below in range(len(m.floors) - 1):
        assert ((m.terrain[below] == STAIRS) & (m.terrain[below + 1] == STAIRS)).sum() >= 2
    names = rooms(high)
    assert set(SCHOOL_ROOMS) <= set(names)
    classrooms = [r for r in m.rooms if "classroom" in r.tags]
    assert len(classrooms) >= 12 and all(r.shelter for r in classrooms)
    assert {int(np.nonzero(m.zone == names[r.name])[0][0]) for r in classrooms} == {0, 1, 2}
    assert (m.zone[3] == names["rooftop"]).any()
    assert (m.terrain == WINDOW).sum() > 100


def test_every_shelter_in_hyosan_high_has_a_door(high):
    t, z = high.map.terrain, high.map.zone
    door = t == DOOR
    beside = np.zeros_like(door)
    beside[:, 1:] |= door[:, :-1]
    beside[:, :-1] |= door[:, 1:]
    beside[:, :, 1:] |= door[:, :, :-1]
    beside[:, :, :-1] |= door[:, :, 1:]
    for i, room in enumerate(high.map.rooms):
        if room.shelter:
            assert (beside & (z == i)).any(), room.name


def test_hyosan_high_has_about_five_hundred_people_and_the_story_s_cast(high):
    assert 400 <= people(high) <= 600
    names = {c.name: c for c in high.characters}
    assert set(CHARACTERS) <= set(names)
    class_2_5 = [c for c in high.characters if c.group == "class 2-5"]
    assert len(class_2_5) >= 6
    for c in high.characters:
        assert all(0.0 <= v <= 1.0 for v in c.traits.values())
        for other in c.kin:
            assert c.name in names[other].kin, (c.name, other)
    assert names["Nam On-jo"].kin == ("Nam So-ju",) and names["Jang Ha-ri"].kin == ("Jang Woo-jin",)
    assert names["Yoon Gwi-nam"].traits["altruism"] < 0.2 and names["Yoon Gwi-nam"].traits["strength"] > 0.8
    assert names["Lee Joon-soong"].traits["speed"] < 0.3


def test_the_outbreak_starts_in_the_science_lab(high):
    bitten = [c.where for c in high.characters if c.state == BITTEN]
    bitten += [p.where for p in high.people if p.state == BITTEN for _ in range(p.count)]
    assert bitten == ["science lab"]
    assert not any(p.state == ZOMBIE for p in high.people)
    assert high.tick == 1.0 and high.duration == 7200.0


def test_hyosan_city_is_a_million_cells_and_a_million_people():
    s = load_scenario("hyosan-city")
    t = s.map.terrain
    assert t.size >= 1_000_000
    assert people(s) >= 1_000_000
    assert np.isin(t, (WALL, VOID), invert=True).sum() * s.map.capacity >= people(s)
    assert sum(p.count for p in s.people if p.state == ZOMBIE) == 100
    assert s.map.cell_size == 20.0 and s.tick == 10.0


def test_hyosan_city_homes_hold_out_for_days():
    """Stocks are per shelter room, and each district's homes are one room of 120 000 to
    180 000 people: stocks sized for a classroom would run out in the first tick and send the
    whole city out into the streets."""
    sim = Simulation(load_scenario("hyosan-city"))
    shelters = [k for k, room in enumerate(sim.world.rooms) if room.shelter]
    present = np.bincount(sim.world.zone[sim.people.cell], minlength=len(sim.world.rooms))[shelters]
    assert present.min() > 100_000
    hours = sim.states["upkeep"].stock[shelters].min(axis=1) / (present * sim.scenario.behaviours.upkeep.decay)
    assert hours.min() >= 48
