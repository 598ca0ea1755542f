import numpy as np
import pytest

from conftest import make_scenario
from hyosan.people.placement import PlacementError, place_people
from hyosan.scenario import ScenarioError, load_scenario
from hyosan.people.states import BITTEN, ZOMBIE
from hyosan.world.grid import build_world

ROOMS = """
a = {name = "room", shelter = true, tags = ["inside"]}
c = "hall"
"""
MAP = """
######
#a...#
#....#
##+###
#c...E
######
"""


def test_hyosan_high_places_its_named_people_with_relations():
    s = load_scenario("hyosan-high")
    w = build_world(s.map)
    p = place_people(s, w, 7)
    assert p.count == sum(x.count for x in s.people) + len(s.characters)
    so_ju, on_jo = p.id_of("Nam So-ju"), p.id_of("Nam On-jo")
    assert on_jo in p.relatives[so_ju] and p.kin[so_ju] == on_jo
    cheong_san = p.id_of("Lee Cheong-san")
    assert p.groups[p.group[cheong_san]] == "class 2-5"
    assert p.trait("bravery")[cheong_san] > 0.8
    lab = [i for i, r in enumerate(w.rooms) if r.name == "science lab"][0]
    bitten = np.flatnonzero(p.state == BITTEN)
    assert len(bitten) >= 1 and np.all(w.zone[p.cell[bitten]] == lab)


def test_placement_is_deterministic_and_respects_capacity():
    s = make_scenario(MAP, ROOMS, '[[people]]\nwhere = "inside"\ncount = 30\n'
                      '[[people]]\nwhere = "hall"\ncount = 10\nstate = "zombie"\n'
                      'traits = {strength = {dist = "uniform", low = 0.2, high = 0.4}}\n')
    w = build_world(s.map)
    a, b, c = place_people(s, w, 1), place_people(s, w, 1), place_people(s, w, 2)
    assert np.array_equal(a.cell, b.cell) and not np.array_equal(a.cell, c.cell)
    assert np.bincount(a.cell).max() <= w.capacity
    assert np.all(w.zone[a.cell[:30]] == 0) and np.all(w.zone[a.cell[30:]] == 1)
    assert np.all(a.state[30:] == ZOMBIE)
    strength = a.trait("strength")[30:]
    assert strength.min() >= 0.19 and strength.max() <= 0.41
    assert np.all(a.trait("bravery")[:30] == 128 / 255)


def test_too_many_people_for_a_room_is_a_clear_error():
    with pytest.raises(ScenarioError, match=r"found 33 people for 'room', expected at most 32"):
        make_scenario(MAP, ROOMS, '[[people]]\nwhere = "room"\ncount = 33\n')
    # Each block fits alone, but the tag and the name are the same room: found when placing.
    s = make_scenario(MAP, ROOMS, '[[people]]\nwhere = "room"\ncount = 20\n'
                      '[[people]]\nwhere = "inside"\ncount = 20\n')
    with pytest.raises(PlacementError, match=r"20 people do not fit; there is room for 12"):
        place_people(s, build_world(s.map), 1)
