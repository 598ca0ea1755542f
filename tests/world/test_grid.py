import numpy as np
from hypothesis import given, settings, strategies as st

from hyosan.scenario import parse_map
from hyosan.scenario.model import Room
from hyosan.world.fields import distance_field
from hyosan.world.grid import UNREACHABLE, build_world

TWO_FLOORS = """--- 1F
#####
#.^.#
#.+.E
#####
--- 2F
#####
#.^.#
#=..#
#####
"""


def world_of(text, rooms=()):
    return build_world(parse_map(text, rooms))


def test_links_join_open_neighbours_and_stairs():
    w = world_of(TWO_FLOORS)
    stairs_1f, stairs_2f = w.cell_index(0, 1, 2), w.cell_index(1, 1, 2)
    assert w.links[stairs_1f, 4] == stairs_2f and w.links[stairs_2f, 5] == stairs_1f
    assert w.links[stairs_1f, 5] == -1  # no floor below
    door = w.cell_index(0, 2, 2)
    assert set(w.links[door][:4]) == {w.cell_index(0, 1, 2), w.cell_index(0, 2, 1), w.cell_index(0, 2, 3), -1}
    window = w.cell_index(1, 2, 1)
    assert np.all(w.links[window] == -1)
    assert not np.any(w.links == window)  # nobody steps onto a window
    wall = w.cell_index(0, 0, 0)
    assert np.all(w.links[wall] == -1)
    assert len(w.door_cells) == 1 and w.door_of_cell[door] == 0
    assert list(w.exit_cells) == [w.cell_index(0, 2, 4)]


def test_safety_field_counts_steps_to_exits_and_shelters():
    w = world_of(TWO_FLOORS)
    assert w.safety[w.cell_index(0, 2, 4)] == 0
    assert w.safety[w.cell_index(0, 2, 3)] == 1
    # from the far corner of 2F: down the stairs (1), then two steps to the exit
    assert w.safety[w.cell_index(1, 1, 1)] == 1 + 1 + 3
    assert w.safety[w.cell_index(0, 0, 0)] == UNREACHABLE


def test_shelter_cells_come_from_shelter_rooms():
    text = "#####\n#a+b#\n#####\n"
    w = world_of(text, [Room("safe", "a", True), Room("open", "b", False)])
    assert w.in_shelter[w.cell_index(0, 1, 1)] == 1
    assert w.in_shelter[w.cell_index(0, 1, 3)] == 0
    assert w.safety[w.cell_index(0, 1, 3)] == 2


def reference_bfs(links, passable, sources, start, limit):
    far = limit + 1
    dist = np.full(len(passable), far, np.int64)
    order = sorted(range(len(sources)), key=lambda k: start[k])
    # Dijkstra with unit weights from sources with unequal starts
    import heapq
    heap = [(start[k], sources[k]) for k in order]
    heapq.heapify(heap)
    while heap:
        d, c = heapq.heappop(heap)
        if d >= dist[c] or d > limit:
            continue
        dist[c] = d
        for nb in links[c]:
            if nb >= 0 and passable[nb] and d + 1 < dist[nb]:
                heapq.heappush(heap, (d + 1, nb))
    return dist


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.text(st.sampled_from("..#~"), min_size=8, max_size=8), min_size=2, max_size=8),
    picks=st.lists(st.tuples(st.integers(0, 63), st.integers(-3, 3)), min_size=1, max_size=6),
    limit=st.integers(0, 12),
)
def test_distance_field_matches_a_reference_search(rows, picks, limit):
    w = world_of("\n".join(rows))
    passable = w.human_walk.copy()
    sources = np.array([p % w.cells for p, _ in picks], np.int32)
    start = np.array([s for _, s in picks], np.int32)
    order = np.argsort(start, kind="stable")
    sources, start = sources[order], start[order]
    dist = np.empty(w.cells, np.int32)
    distance_field(w.links, passable, sources, start, limit, dist)
    expected = reference_bfs(w.links, passable, sources.tolist(), start.tolist(), limit)
    assert np.array_equal(dist, expected)


def test_a_wrapped_floor_is_a_torus():
    import dataclasses

    w = build_world(dataclasses.replace(parse_map("....\n....\n...."), wrap=True))
    corner = w.cell_index(0, 0, 0)
    assert set(w.links[corner][:4]) == {w.cell_index(0, 2, 0), w.cell_index(0, 0, 1),
                                        w.cell_index(0, 1, 0), w.cell_index(0, 0, 3)}
    assert np.all(w.links[:, :4] >= 0)


def _decoded_links(w):
    """Every link as walk.linked reads it from link_bits."""
    links = np.empty_like(w.links)
    for c in range(w.cells):
        bits = int(w.link_bits[c])
        for k in range(w.links.shape[1]):
            links[c, k] = c + w.link_offsets[k] if bits >> k & 1 else -1
            if bits & 128:
                links[c, k] = w.links[c, k]
    return links


def test_link_bits_give_the_links_and_send_wrapping_cells_to_the_table():
    import dataclasses

    w = world_of(TWO_FLOORS)
    assert np.array_equal(_decoded_links(w), w.links)
    assert not np.any(w.link_bits & 128)  # nothing wraps on a walled map
    torus = build_world(dataclasses.replace(parse_map("....\n.#..\n....\n"), wrap=True))
    assert np.array_equal(_decoded_links(torus), torus.links)
    edge = np.zeros((3, 4), bool)
    edge[[0, -1], :] = edge[:, [0, -1]] = True
    assert np.array_equal(torus.link_bits & 128 != 0, edge.ravel())  # the edges wrap


def test_links_go_both_ways():
    """walk.shut_ways finds the links into a cell from the cell's own links."""
    import dataclasses

    for w in (world_of(TWO_FLOORS),
              build_world(dataclasses.replace(parse_map("....\n.#..\n....\n"), wrap=True))):
        for c in range(w.cells):
            for nb in w.links[c]:
                if nb >= 0:
                    assert c in w.links[nb]
