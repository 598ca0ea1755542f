"""Shared helpers: small scenarios written inline, and a stepping loop that checks invariants."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from hyosan.scenario import parse_scenario
from hyosan.scenario.model import Scenario


def make_scenario(map_text: str, rooms: str, body: str = "", capacity: int = 4,
                  **scenario_fields) -> Scenario:
    """A scenario from a map, its [map.rooms] lines and extra TOML sections."""
    fields = {"name": "test", "tick": "1s", "duration": "5m", "seed": 1, **scenario_fields}
    head = "\n".join(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in fields.items())
    toml = (f'[scenario]\n{head}\n\n[map]\ncell = "1m"\ncapacity = {capacity}\ntext = """\n'
            f'{textwrap.dedent(map_text).strip(chr(10))}\n"""\n\n[map.rooms]\n{textwrap.dedent(rooms)}\n'
            f"{textwrap.dedent(body)}")
    return parse_scenario(toml.replace("'", '"'))


@pytest.fixture
def corridor() -> Scenario:
    """A shelter room, a corridor with an exit, 20 humans and 3 zombies."""
    return make_scenario(
        """
        ##########
        #...a....#
        #........#
        ####+#####
        #...c....E
        ##########
        """,
        """
        a = {name = "room", shelter = true}
        c = "corridor"
        """,
        """
        [[people]]
        where = "room"
        count = 20

        [[people]]
        where = "corridor"
        count = 3
        state = "zombie"
        """,
    )


def same_arrays(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
