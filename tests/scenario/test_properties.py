"""Property tests: the parser either returns a result or raises ScenarioError, never anything else."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyosan.scenario import MapData, Scenario, ScenarioError, load_scenario, parse_map, parse_scenario
from hyosan.world.terrain import FLOOR
from hyosan.scenario.model import Room
from hyosan.scenario.units import DURATION_UNITS, LENGTH_UNITS, SPEED_UNITS, parse_duration, parse_length, parse_speed

from .samples import MAP, VALID

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ROOMS = (Room("A", "a"), Room("B", "b"), Room("C", "c"))
MAP_ALPHABET = "#.+=E^~ \n" + "abc" + "-" * 3
JUNK = "Qz?\t\r\x00é€{}\"'\\"


def check_map(m: MapData) -> None:
    assert m.terrain.shape == m.zone.shape and m.terrain.dtype == np.uint8 and m.zone.dtype == np.int16
    assert len(m.floors) == m.terrain.shape[0]
    assert (m.zone[m.terrain != FLOOR] == -1).all()
    assert m.zone.max() < len(m.rooms)


def map_or_error(text: str) -> None:
    try:
        check_map(parse_map(text, ROOMS, file="p.map"))
    except ScenarioError as e:
        assert e.problems and all(str(p) for p in e.problems)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(MAP_ALPHABET + JUNK), max_size=300))
def test_random_map_text(text):
    map_or_error(text)


@st.composite
def mutated(draw, text: str, junk: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["char", "delete", "duplicate", "insert"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines = [draw(st.text(max_size=20))]
        elif op == "char":
            line = lines[i]
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.sampled_from(junk)) + line[j + 1:]
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines.insert(i, draw(st.text(max_size=30)))
    return "\n".join(lines)


@SETTINGS
@given(mutated(MAP, MAP_ALPHABET + JUNK))
def test_mutated_map(text):
    map_or_error(text)


VALUES = ['"2m"', "-1", "1.5", "0", "true", '"x"', "[]", "{}", '{dist = "normal", mean = 1, sd = 0}', '"1y"',
          "nan", "inf", "1e9", '""', '"anywhere"', '["Lee", "Lee"]', '{dist = "beta"}']


@st.composite
def mutated_toml(draw) -> str:
    lines = VALID.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "value", "char", "insert"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "value" and " = " in lines[i]:
            lines[i] = lines[i].split(" = ")[0] + " = " + draw(st.sampled_from(VALUES) | st.text(max_size=10))
        else:
            line = lines[i]
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.text(min_size=1, max_size=3)) + line[j + 1:]
    return "\n".join(lines)


def scenario_or_error(make) -> None:
    try:
        assert isinstance(make(), Scenario)
    except ScenarioError as e:
        assert e.problems
        assert "Traceback" not in str(e) and "pydantic" not in str(e)


@SETTINGS
@given(mutated_toml())
def test_mutated_scenario_text(text):
    scenario_or_error(lambda: parse_scenario(text))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("bytes") / "s.toml"


@SETTINGS
@given(data=st.binary(max_size=8), at=st.integers(0, len(VALID)))
def test_random_bytes_in_a_scenario_file(scratch, data, at):
    raw = VALID.encode()
    scratch.write_bytes(raw[:at] + data + raw[at:])
    scenario_or_error(lambda: load_scenario(scratch))


NUMBERS = st.one_of(st.integers(0, 10**6), st.decimals(0, 10**4, places=3).map(lambda d: d.normalize()))


@SETTINGS
@given(NUMBERS, st.sampled_from(sorted(DURATION_UNITS)), st.sampled_from(["", " "]))
def test_durations_round_trip(n, unit, space):
    text = f"{n}{space}{unit}"
    assert parse_duration(text) == pytest.approx(float(n) * DURATION_UNITS[unit], rel=1e-12)


@SETTINGS
@given(NUMBERS, st.sampled_from(sorted(LENGTH_UNITS)), st.sampled_from(sorted(SPEED_UNITS)))
def test_lengths_and_speeds_round_trip(n, length_unit, speed_unit):
    assert parse_length(f"{n}{length_unit}") == pytest.approx(float(n) * LENGTH_UNITS[length_unit], rel=1e-12)
    assert parse_speed(f"{n}{speed_unit}") == pytest.approx(float(n) * SPEED_UNITS[speed_unit], rel=1e-12)
