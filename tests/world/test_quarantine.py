import numpy as np

from hyosan.scenario import parse_map
from hyosan.scenario.model import Room
from hyosan.world.grid import build_world
from hyosan.world.quarantine import quarantine_line

MAP = """
#########
#a.+.+b.E
#a.#.#b.#
#########
"""


def test_the_line_seals_exits_and_other_rooms_but_not_the_zone_s_own_passages():
    w = build_world(parse_map(MAP, [Room("lab", "a"), Room("yard", "b")]))
    line = quarantine_line(w, w.place_mask("lab"))
    cells = {tuple(int(x) for x in w.position(c)[1:]) for c in np.flatnonzero(line)}
    # the passage and both doors are inside with the lab; the yard's first cell is the line
    assert cells == {(1, 6)}
    line = quarantine_line(w, w.place_mask("yard"))
    cells = {tuple(int(x) for x in w.position(c)[1:]) for c in np.flatnonzero(line)}
    assert cells == {(1, 8), (1, 2)}  # the exit, and the lab's cell behind the far door
