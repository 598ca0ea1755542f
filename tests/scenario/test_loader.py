import hashlib
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from hyosan import scenario as sc
from hyosan.people.states import HUMAN, ZOMBIE
from hyosan.dice import BETA, FIXED, LOGNORMAL
from hyosan.scenario import (Distribution, Doors, MapData, Movement, Record, Room, ScenarioError, builtin_names,
                             load_scenario, parse_scenario)
from hyosan.scenario import loader

from .samples import MAP, VALID


def test_parse_valid_scenario():
    s = parse_scenario(VALID)
    assert (s.name, s.kind, s.tick, s.duration, s.seed, s.ticks) == ("Classroom", "agents", 1.0, 3600.0, 7, 3600)
    assert s.map.floors == ("ground", "2F") and s.map.shape == (2, 5, 9)
    assert s.map.rooms == (Room("2-3", "a", True, ("classroom",)), Room("science lab", "b"),
                           Room("roof", "c", False, ("classroom",)))
    assert s.infection.bite == 0.6 and s.infection.incubation == Distribution(LOGNORMAL, 120.0, 0.7)
    assert s.movement == Movement() and s.doors == Doors() and s.record == Record()
    (people,) = s.people
    assert (people.where, people.count, people.state) == ("classroom", 40, HUMAN)
    assert people.traits == {"bravery": Distribution(BETA, 2.0, 5.0)}
    lee, nam = s.characters
    assert (lee.name, lee.where, lee.traits, lee.kin, lee.group) == ("Lee", "2-3", {"bravery": 0.95}, ("Nam",), None)
    assert nam.kin == () and nam.traits == {}
    assert s.source_files == (("scenario.toml", VALID.encode()),)
    assert s.sha256 == hashlib.sha256(VALID.encode()).hexdigest()


def test_units_and_every_section():
    text = VALID + '''
[movement]
human_speed = "5km/h"
zombie_speed = 2
sense = "1.5km"
chase = "50cm"
wander = 0

[doors]
strength = 250
damage = 2.5
close = false

[record]
every = 10

[[people]]
where = "anywhere"
count = 3
state = "zombie"
traits = {speed = 0.8, strength = {dist = "uniform", low = 0.1, high = 0.3}}
'''
    s = parse_scenario(text.replace('duration = "1h"', 'duration = "2d"\ndescription = "x"'))
    assert s.duration == 172800 and s.description == "x"
    assert s.movement == Movement(5 / 3.6, 2.0, 1500.0, 0.5, 0.0)
    assert s.doors == Doors(250.0, 2.5, False) and s.record == Record(10)
    assert s.people[1].state == ZOMBIE
    assert s.people[1].traits["speed"] == Distribution(FIXED, 0.8)


def test_map_file_relative_to_the_scenario(tmp_path):
    (tmp_path / "maps").mkdir()
    map_bytes = MAP.encode()
    (tmp_path / "maps" / "two.map").write_bytes(map_bytes)
    text = ('[scenario]\nname = "t"\n[map]\nfile = "maps/two.map"\ncell = "2m"\ncapacity = 9\n'
            '[map.rooms]\na = "A"\nb = "B"\nc = "C"\n')
    (tmp_path / "t.toml").write_text(text)
    s = load_scenario(tmp_path / "t.toml")
    assert s.map.shape == (2, 4, 10) and (s.map.cell_size, s.map.capacity) == (2.0, 9)
    assert s.source_files == (("t.toml", text.encode()), ("maps/two.map", map_bytes))
    assert s.sha256 == hashlib.sha256(text.encode() + map_bytes).hexdigest()
    assert parse_scenario(text, path=tmp_path / "t.toml").sha256 == s.sha256


def test_generated_map(monkeypatch):
    calls = []

    def generate_map(kind, width, height, seed, cell_size, capacity):
        calls.append((kind, width, height, seed, cell_size, capacity))
        terrain = np.full((1, height, width), 2, dtype=np.uint8)
        return MapData(("ground",), terrain, np.zeros(terrain.shape, np.int16), (Room("city", "c", tags=("town",)),),
                       cell_size, capacity)

    monkeypatch.setitem(sys.modules, "hyosan.scenario.generate", types.SimpleNamespace(generate_map=generate_map))
    text = ('[scenario]\nname = "city"\n[map]\ngenerate = {kind = "city", width = 20, height = 30, seed = 4}\n'
            'cell = "10m"\ncapacity = 100\n[[people]]\nwhere = "town"\ncount = 5\n')
    s = parse_scenario(text)
    assert calls == [("city", 20, 30, 4, 10.0, 100)]
    assert s.map.shape == (1, 30, 20) and s.source_files == (("scenario.toml", text.encode()),)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text.replace("width = 20", "width = 5").replace('kind = "city"', 'kind = "town"')
                       .replace('"town"\ncount', '"downtown"\ncount'))
    assert [(p.line, p.field) for p in info.value.problems] == [(4, "[map].generate.kind"),
                                                                (4, "[map].generate.width")]


@pytest.fixture
def builtins(tmp_path, monkeypatch):
    package = tmp_path / "fake_scenarios"
    package.mkdir()
    (package / "__init__.py").write_text("")
    body = VALID[VALID.index('"""\n') + 4:VALID.index('"""\n\n[map.rooms]')]
    (package / "classroom.map").write_text(body)
    (package / "classroom.toml").write_text(VALID.replace('text = """\n' + body + '"""', 'file = "classroom.map"'))
    (package / "hyosan-high.toml").write_text(VALID)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(loader, "BUILTIN_PACKAGE", "fake_scenarios")
    return package


def test_builtin_scenarios(builtins, tmp_path, monkeypatch):
    assert builtin_names() == ["classroom", "hyosan-high"]
    s = load_scenario("classroom")
    assert [name for name, _ in s.source_files] == ["classroom.toml", "classroom.map"]
    assert s.map.shape == (2, 5, 9)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError) as info:
        load_scenario("clasroom")
    assert str(info.value) == ("clasroom: unknown scenario 'clasroom'; expected a .toml file or a built-in "
                               "scenario (classroom, hyosan-high); did you mean 'classroom'?")


def test_a_file_wins_over_a_builtin_name(builtins, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("classroom").write_text(VALID.replace('name = "Classroom"', 'name = "mine"'))
    assert load_scenario("classroom").name == "mine"


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_scenario_loads(name):
    s = load_scenario(name)
    assert s.source_files[0][0] == f"{name}.toml" and len(s.sha256) == 64


def test_public_api_reexports_the_model():
    for name in ("Scenario", "MapData", "Room", "Distribution", "Infection", "Movement", "Doors", "PeopleSpec",
                 "CharacterSpec", "Record", "Problem", "ScenarioError"):
        assert hasattr(sc, name)
    # the codes live with what they describe: states with people, terrain with the world
    assert not hasattr(sc, "HUMAN") and not hasattr(sc, "WALL")


def test_a_directory_is_named_as_one_and_a_run_directory_gets_the_commands_for_it(tmp_path):
    plain, run = tmp_path / "maps", tmp_path / "runs" / "classroom-1"
    plain.mkdir()
    run.mkdir(parents=True)
    (run / "manifest.json").write_text("{}")
    with pytest.raises(ScenarioError) as info:
        load_scenario(plain)
    assert str(info.value) == f"{plain}: is a directory; expected a .toml file or a built-in scenario name"
    with pytest.raises(ScenarioError) as info:
        load_scenario(run)
    assert f"hyosan resume {run}" in str(info.value) and f"hyosan report {run}" in str(info.value)


def test_a_toml_syntax_error_shows_its_line_with_a_caret_under_the_column(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[scenario]\nname = "x"\n\tduration = = 10\n')
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    first, line, caret = str(info.value).split("\n")
    assert first == f"{path}:3:13: TOML syntax error: Invalid value"
    assert line == "            duration = = 10"  # the tab shown as spaces, so the caret lines up
    assert caret.index("^") == line.index("= 10")


def test_a_tick_longer_than_the_default_duration_is_an_error_not_a_traceback(tmp_path):
    """A science scenario without [scenario].duration whose tick is past the default hour."""
    path = tmp_path / "s.toml"
    path.write_text('[scenario]\nname = "x"\nkind = "ode"\ntick = "2h"\n[model]\nname = "sir"\n')
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(info.value) == (f"{path}:1: [scenario].duration: found no duration (the default is 3600 s), "
                               "expected a duration of at least the tick ('2h')")


@pytest.mark.parametrize("table, message", [
    ("parameters = {beta = nan}", "[model].parameters.beta: found nan, expected a rate per day of at least 0"),
    ("parameters = {beta = inf}", "[model].parameters.beta: found inf, expected a rate per day of at least 0"),
    ("initial = {S = 1_000_000_000_000_000}",
     "[model].initial.S: found 1000000000000000, expected an integer from 0 to 1000000000000"),
])
def test_a_model_number_that_cannot_run_is_refused_where_it_is_written(tmp_path, table, message):
    path = tmp_path / "s.toml"
    path.write_text(f'[scenario]\nname = "x"\nkind = "ode"\n[model]\nname = "sir"\n{table}\n')
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(info.value).startswith(f"{path}:6: {message}")


def test_unknown_model_names_and_bad_values_are_reported_together(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[scenario]\nname = "x"\nkind = "ode"\n[model]\nname = "sir"\n'
                    'parameters = {beta = -1, zzz = 1}\ninitial = {Q = 1, S = true}\n')
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert sorted(p.field for p in info.value.problems) == [
        "[model].initial.Q", "[model].initial.S", "[model].parameters.beta", "[model].parameters.zzz"]
