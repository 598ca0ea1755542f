"""Each malformed scenario names the exact line, the field and what was expected."""

from pathlib import Path

import pytest

from hyosan.scenario import ScenarioError, load_scenario, parse_scenario

from .samples import VALID

MAP_BLOCK = VALID[VALID.index("[map]"):VALID.index("[infection]")]

# (id, text to replace in VALID, replacement, line, field, phrase in the message)
CASES = [
    ("toml syntax", 'name = "Classroom"', 'name = "Classroom', 2, "", "TOML syntax error"),
    ("unknown section", "[infection]", "[infektion]", 28, "[infektion]", "did you mean 'infection'?"),
    ("misspelt key", "bite = 0.6", "bit = 0.6", 29, "[infection].bit", "unknown key 'bit'; did you mean 'bite'?"),
    ("misspelt people key", 'where = "classroom"', 'wher = "classroom"', 33, "[[people]][1].wher",
     "unknown key 'wher'; did you mean 'where'?"),
    ("missing required key", 'name = "Classroom"', 'title = "Classroom"', 1, "[scenario].name",
     "missing required key 'name'"),
    ("bad duration unit", 'tick = "1s"', 'tick = "1y"', 3, "[scenario].tick", "unknown unit 'y'"),
    ("negative duration", 'duration = "1h"', 'duration = "-1h"', 4, "[scenario].duration", "at least 0"),
    ("zero tick", 'tick = "1s"', "tick = 0", 3, "[scenario].tick", "greater than 0"),
    ("duration below tick", 'duration = "1h"', 'duration = "500ms"', 4, "[scenario].duration",
     "at least the tick ('1s')"),
    ("probability above 1", "bite = 0.6", "bite = 1.5", 29, "[infection].bite", "found 1.5, expected a number from 0 to 1"),
    ("string for number", "bite = 0.6", 'bite = "high"', 29, "[infection].bite", "found 'high', expected a number"),
    ("bool for integer", "seed = 7", "seed = true", 5, "[scenario].seed", "found true, expected an integer"),
    ("string for count", "count = 40", 'count = "forty"', 34, "[[people]][1].count", "found 'forty', expected an integer"),
    ("negative count", "count = 40", "count = -3", 34, "[[people]][1].count", "from 0 to 2147483647"),
    ("bad dist name", '"lognormal"', '"lognorm"', 30, "[infection].incubation.dist", "did you mean 'lognormal'?"),
    ("bad dist param", "sigma = 0.7", "sigma = 0", 30, "[infection].incubation.sigma", "greater than 0"),
    ("misspelt dist param", "sigma = 0.7", "sigmaa = 0.7", 30, "[infection].incubation.sigmaa",
     "did you mean 'sigma'?"),
    ("two map sources", 'cell = "1m"', 'cell = "1m"\nfile = "x.map"', 7, "[map]",
     "found file and text, expected exactly one of file, text or generate"),
    ("bad cell length", 'cell = "1m"', 'cell = "1ft"', 8, "[map].cell", "unknown unit 'ft'"),
    ("unknown map character", "#ccc.....", "#cc?.....", 17, 'floor "2F", row 2, column 4',
     "found '?', expected a map character (# . + = E ^ ~ space) or a room marker declared in [map.rooms]"),
    ("undeclared marker", "#ccc.....", "#ccz.....", 17, 'floor "2F", row 2, column 4', "'z' is not declared"),
    ("unused marker", 'b = "science lab"', 'b = "science lab"\nd = "unused"', 26, "[map.rooms].d",
     "declared but not used"),
    ("bad marker key", "[map.rooms]", '[map.rooms]\nab = "x"', 24, "[map.rooms].ab", "one letter or digit other than E"),
    ("room of wrong type", 'b = "science lab"', "b = 5", 25, "[map.rooms].b", "expected a room name or a table"),
    ("misspelt room key", "shelter = true", "shelterr = true", 24, "[map.rooms].a.shelterr", "did you mean 'shelter'?"),
    ("stairs without partner", "#....^..#", "#.......#", 13, 'floor "ground", row 4, column 6',
     "no '^' at the same row and column on the floor above or below"),
    ("rooms meeting", "#aaa.+bb#", "#aaa..bb#", 11, 'floor "ground", row 2, column 6',
     "rooms 'a' (\"2-3\") and 'b' (\"science lab\") meet"),
    ("empty floor", "--- 2F\n", "--- 2F\n--- 3F\n", 15, 'floor "2F"', "empty floor"),
    ("unknown state", "count = 40", 'count = 40\nstate = "zombee"', 35, "[[people]][1].state", "did you mean 'zombie'?"),
    ("unknown trait", "bravery = 0.95", "braveri = 0.95", 40, "[[character]][1].traits.braveri",
     "did you mean 'bravery'?"),
    ("trait out of range", "bravery = 0.95", "bravery = 1.5", 40, "[[character]][1].traits.bravery", "from 0 to 1"),
    ("trait distribution out of range", '{dist = "beta", a = 2, b = 5}', '{dist = "uniform", low = 0.5, high = 2}',
     35, "[[people]][1].traits.bravery.high", "from 0 to 1"),
    ("duplicate character name", 'name = "Nam"', 'name = "Lee"', 44, "[[character]][2].name",
     "'Lee' again (first in [[character]][1])"),
    ("kin naming nobody", 'kin = ["Nam"]', 'kin = ["Nom"]', 41, "[[character]][1].kin[1]", "did you mean 'Nam'?"),
    ("kin naming oneself", 'kin = ["Nam"]', 'kin = ["Lee"]', 41, "[[character]][1].kin[1]", "another [[character]]"),
    ("where naming no room", 'where = "science lab"', 'where = "science lob"', 45, "[[character]][2].where",
     "expected a room name, a room tag or 'anywhere'; did you mean 'science lab'?"),
    ("map for another kind", "seed = 7", 'seed = 7\nkind = "ode"', 8, "[map]",
     "found [map] in a scenario of kind 'ode', expected it only with kind = 'agents'"),
    ("bad kind", "seed = 7", 'seed = 7\nkind = "agent"', 6, "[scenario].kind",
     "expected one of: agents, ode, stochastic, lattice; did you mean 'agents'?"),
    ("people as a table", "[[people]]", "[people]", 32, "[[people]]", "expected [[people]] entries"),
    ("key outside any section", "[scenario]\n", "", 1, "[name]", "key 'name' is outside any section; expected it under [scenario]"),
    ("section of wrong type", "[scenario]", "record = 3\n[scenario]", 1, "[record]", "found 3, expected a table"),
    ("bad speed", "[infection]", '[movement]\nhuman_speed = "3mph"\n[infection]', 29, "[movement].human_speed",
     "unknown unit 'mph'"),
    ("record every 0", "[infection]", "[record]\nevery = 0\n[infection]", 29, "[record].every", "from 1 to 2147483647"),
    ("more people than room", "count = 40", "count = 4000", 33, "[[people]][1].where",
     "found 4000 people for 'classroom', expected at most"),
]


def problems_of(text: str, path: str = "classroom.toml") -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, path=Path(path))
    return info.value


def assert_clean(err: ScenarioError) -> None:
    text = str(err)
    for internal in ("Traceback", "pydantic", "validation error", "input_value", "type=", "errors.pydantic"):
        assert internal not in text, text


@pytest.mark.parametrize("old, new, line, field, phrase", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed(old, new, line, field, phrase):
    assert old in VALID
    err = problems_of(VALID.replace(old, new, 1))
    assert_clean(err)
    matching = [p for p in err.problems if p.field == field]
    assert matching, str(err)
    assert (matching[0].file, matching[0].line) == ("classroom.toml", line), str(err)
    assert phrase in matching[0].message, str(err)


def test_there_are_at_least_25_cases():
    assert len({c[0] for c in CASES}) == len(CASES) >= 25


def test_one_line_per_problem_in_the_documented_format():
    err = problems_of(VALID.replace("bite = 0.6", "bite = 1.5").replace('where = "classroom"', 'wher = "classroom"')
                      .replace("#ccc.....", "#ccQ....."))
    assert str(err).splitlines() == [
        "classroom.toml:17:4: floor \"2F\", row 2, column 4: found 'Q', expected a map character "
        "(# . + = E ^ ~ space) or a room marker declared in [map.rooms] ('Q' is not declared)",
        "classroom.toml:29: [infection].bite: found 1.5, expected a number from 0 to 1",
        "classroom.toml:32: [[people]][1].where: missing required key 'where'",
        "classroom.toml:33: [[people]][1].wher: unknown key 'wher'; did you mean 'where'?",
    ]


def test_missing_map():
    err = problems_of(VALID.replace(MAP_BLOCK, ""))
    assert_clean(err)
    assert [(p.line, p.field, p.message) for p in err.problems] == [(None, "[map]", "missing section [map]")]
    assert str(err) == "classroom.toml: [map]: missing section [map]"


def test_no_map_source():
    err = problems_of(VALID.replace('text = """', 'texts = """'))
    assert [(p.line, p.field, p.message) for p in err.problems] == [
        (9, "[map].texts", "unknown key 'texts'; did you mean 'text'?")]
    err = problems_of(VALID.replace(MAP_BLOCK, '[map]\ncell = "2m"\n\n'))
    assert [(p.line, p.field, p.message) for p in err.problems] == [
        (7, "[map]", "found none of them, expected exactly one of file, text or generate")]


def test_map_file_missing(tmp_path):
    toml = tmp_path / "school.toml"
    toml.write_text(VALID.replace(MAP_BLOCK, '[map]\nfile = "nope.map"\n\n'))
    with pytest.raises(ScenarioError) as info:
        load_scenario(toml)
    (p,) = info.value.problems
    assert (p.line, p.field) == (8, "[map].file")
    assert "cannot read map file 'nope.map'" in p.message and str(tmp_path / "nope.map") in p.message


def test_problems_in_a_map_file_name_that_file(tmp_path):
    body = VALID[VALID.index('"""\n') + 4:VALID.index('"""\n\n[map.rooms]')]
    (tmp_path / "school.map").write_text(body.replace("#ccc.....", "#cc&....."))
    toml = tmp_path / "school.toml"
    toml.write_text(VALID.replace(MAP_BLOCK[MAP_BLOCK.index("text"):MAP_BLOCK.index("[map.rooms]")],
                                  'file = "school.map"\n\n'))
    with pytest.raises(ScenarioError) as info:
        load_scenario(toml)
    (p,) = info.value.problems
    assert (p.file, p.line, p.column) == (str(tmp_path / "school.map"), 8, 4)


def test_schema_and_map_problems_come_together():
    err = problems_of(VALID.replace("bite = 0.6", "bite = 2").replace("#...#.b.#", "#...#.b?#"))
    assert [p.line for p in err.problems] == [12, 29]


def test_bad_utf8_and_unknown_builtin(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'[scenario]\nname = "\xff"\n')
    with pytest.raises(ScenarioError, match=r"bad.toml:2: found byte 0xff, expected UTF-8 text"):
        load_scenario(bad)
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "missing.toml")
