"""The search by levels gives the fields of the plain breadth-first search, on any map and
with any number of threads."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from numba import get_num_threads, set_num_threads

from hyosan.behaviours.walk import ways_into
from hyosan.scenario import parse_map
from hyosan.world import fields
from hyosan.world.fields import Levels, distance_field, distance_field_by_levels
from hyosan.world.grid import build_world


def _both(w, passable, sources, start, limit):
    """(distance_field, by levels from passable, by levels from the ways into it)."""
    order = np.argsort(start, kind="stable")
    sources, start = sources[order].astype(np.int32), start[order].astype(np.int32)
    plain, masked, by_ways = (np.empty(w.cells, np.int32) for _ in range(3))
    distance_field(w.links, passable, sources, start, limit, plain)
    levels = Levels(w.cells)
    distance_field_by_levels(w.graph, passable, sources, start, limit, masked, levels)
    ways = np.empty(w.cells, np.uint8)
    ways_into(w.graph, passable, ways)
    distance_field_by_levels(w.graph, passable, sources, start, limit, by_ways, levels, ways=ways)
    return plain, masked, by_ways


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.text(st.sampled_from("..#~"), min_size=8, max_size=8), min_size=2, max_size=8),
    picks=st.lists(st.tuples(st.integers(0, 63), st.integers(-3, 3)), min_size=0, max_size=6),
    limit=st.integers(-1, 12),
    wrap=st.booleans(),
)
def test_small_maps_get_the_fields_of_the_plain_search(rows, picks, limit, wrap):
    w = build_world(dataclasses.replace(parse_map("\n".join(rows)), wrap=wrap))
    sources = np.array([p % w.cells for p, _ in picks], np.int32)
    start = np.array([s for _, s in picks], np.int32)
    plain, masked, by_ways = _both(w, w.human_walk.copy(), sources, start, limit)
    assert np.array_equal(masked, plain) and np.array_equal(by_ways, plain)


@pytest.mark.parametrize("threads", [1, 2])
def test_levels_shared_among_threads_get_the_same_fields(threads):
    """A 300 x 300 map, a quarter of it walls, and 6,000 sources (some with head starts): the
    first levels hold more cells than one thread takes, so they are shared among threads."""
    rng = np.random.default_rng(7)
    text = "\n".join("".join(rng.choice(list("...#"), 300)) for _ in range(300))
    w = build_world(parse_map(text))
    sources = rng.integers(0, w.cells, 6000)
    start = rng.choice([-4, -1, 0, 0, 0, 0], 6000)
    assert len(sources) > fields._SMALL
    before = get_num_threads()
    set_num_threads(threads)
    try:
        plain, masked, by_ways = _both(w, w.zombie_walk.copy(), sources, start, 6)
    finally:
        set_num_threads(before)
    assert np.array_equal(masked, plain) and np.array_equal(by_ways, plain)
    assert (plain <= 6).sum() > 50_000  # most of the map is within reach
