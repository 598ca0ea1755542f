"""Sweep files: points from lists, ranges and designs; every problem reported with its place."""

import subprocess
import sys
import textwrap

import pytest

from hyosan.ensemble import SweepFileError, load_sweep
from hyosan.ensemble.seeds import run_seed


def write(tmp_path, text, name="sweep.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def problems(tmp_path, text):
    with pytest.raises(SweepFileError) as e:
        load_sweep(write(tmp_path, text))
    return str(e.value).splitlines()


def test_a_grid_is_every_combination_with_values_in_base_units(tmp_path):
    sweep = load_sweep(write(tmp_path, """
        [sweep]
        scenario = "classroom"
        replicas = 3

        [set]
        duration = "2m"
        infection.halfbie = 0

        [axes]
        "infection.bite" = [0.2, 0.5]
        movement.human_speed = {from = "1m/s", to = "2m/s", steps = 3}
        "people[0].count" = {from = 10, to = 30, step = 10}
    """))
    assert sweep.name == "sweep" and sweep.replicas == 3 and len(sweep.points) == 2 * 3 * 3
    assert sweep.tasks == 54
    assert sweep.columns == ("infection.bite", "movement.human_speed", "people[0].count")
    assert sweep.points[0].params == {"infection.bite": 0.2, "movement.human_speed": 1.0, "people[0].count": 10}
    assert sweep.points[-1].params == {"infection.bite": 0.5, "movement.human_speed": 2.0, "people[0].count": 30}
    assert [p.params["movement.human_speed"] for p in sweep.points[:9:3]] == [1.0, 1.5, 2.0]
    base = sweep.scenarios[0][1]
    assert base.duration == 120.0 and base.infection.halfbie == 0.0


def test_log_ranges_and_sampled_designs(tmp_path):
    text = """
        [sweep]
        scenario = "classroom"
        seed = 4

        [axes]
        "doors.strength" = {from = 1, to = 100, steps = 3, scale = "log"}

        [sample]
        method = "{method}"
        points = 8

        [sample.axes]
        "people[0].traits.altruism" = {from = 0.2, to = 0.6}
        "movement.zombie_speed" = {from = "1m/s", to = "2m/s"}
    """
    for method in ("lhs", "sobol"):
        sweep = load_sweep(write(tmp_path, text.replace("{method}", method)))
        assert len(sweep.points) == 3 * 8
        assert [p.params["doors.strength"] for p in sweep.points[::8]] == pytest.approx([1, 10, 100])
        altruism = [p.params["people[0].traits.altruism"] for p in sweep.points[:8]]
        assert all(0.2 <= a <= 0.6 for a in altruism) and len(set(altruism)) == 8
        assert sweep.points[0].columns["people[0].traits.altruism"] == altruism[0]  # a fixed trait shows as its number
        again = load_sweep(write(tmp_path, text.replace("{method}", method)))
        assert [p.params for p in again.points] == [p.params for p in sweep.points]
        if method == "lhs":  # one sample in each eighth of the range
            assert sorted(int((a - 0.2) / 0.05) for a in altruism) == list(range(8))


def test_a_list_of_scenarios_is_an_axis(tmp_path):
    (tmp_path / "mine.toml").write_text(textwrap.dedent("""
        [scenario]
        name = "Mine"
        [map]
        text = '''
        #####
        #.a.E
        #####
        '''
        [map.rooms]
        a = "room"
        [[people]]
        where = "room"
        count = 2
    """))
    sweep = load_sweep(write(tmp_path, """
        [sweep]
        scenario = ["classroom", "mine.toml"]
        [axes]
        "infection.bite" = [0.1, 0.9]
    """))
    assert [s.name for _, s in sweep.scenarios] == ["Classroom", "Mine"]
    assert sweep.columns == ("scenario", "infection.bite")
    assert [p.columns["scenario"] for p in sweep.points] == ["classroom", "classroom", "mine.toml", "mine.toml"]


def test_every_problem_is_reported_with_file_line_field_and_a_suggestion(tmp_path):
    lines = problems(tmp_path, """
        [sweep]
        scenario = "classroom"
        replicas = 0
        sed = 3

        [set]
        duraton = "2m"

        [axes]
        "infection.bite" = [0.2, 1.5]
        movement.human_speed = {from = "1m", to = "2m/s", steps = 3}
        "people[0].count" = {from = 10, to = 30, stp = 10}
        "people[7].count" = [1]

        [sample]
        method = "sobl"
        points = 8
        [sample.axes]
        "infection.fight" = {from = 0, to = 2}

        [samples]
        x = 1
    """)
    path = str(tmp_path / "sweep.toml")
    assert all(line.startswith(path + ":") for line in lines)
    expected = [
        ":3: [sweep].replicas: found 0, expected an integer of at least 1",
        ":4: [sweep].sed: unknown key 'sed'; did you mean 'seed'?",
        ":7: [set].\"duraton\": unknown field 'duraton'; did you mean 'duration'?",
        ":10: [axes].\"infection.bite\"[2]: found 1.5, expected a number from 0 to 1",
        ":11: [axes].\"movement.human_speed\".from: found '1m': unknown unit 'm'",
        ":12: [axes].\"people[0].count\".stp: unknown key 'stp'; did you mean 'step'?",
        ":13: [axes].\"people[7].count\": found index 7 in 'people', expected 0 to 1",
        ":16: [sample].method: found 'sobl', expected one of: lhs, sobol; did you mean 'sobol'?",
        ":19: [sample.axes].\"infection.fight\".to: found 2, expected a number from 0 to 1",
        ":21: [samples]: unknown section [samples]; did you mean 'sample'?",
    ]
    assert len(lines) == len(expected)
    for line, want in zip(lines, expected):
        assert want in line, (line, want)


def test_unknown_scenarios_and_bad_designs(tmp_path):
    lines = problems(tmp_path, """
        [sweep]
        scenario = "clasroom"
        [sample]
        method = "sobol"
        points = 6
        [sample.axes]
        "infection.bite" = {from = 0.1, to = 0.9}
    """)
    assert lines == [f"{tmp_path / 'sweep.toml'}:2: [sweep].scenario: unknown scenario 'clasroom'; expected a "
                     f".toml file or a built-in scenario ({lines[0].split('(')[1].split(')')[0]}); "
                     "did you mean 'classroom'?"]
    lines = problems(tmp_path, """
        [sweep]
        scenario = "classroom"
        [sample]
        method = "sobol"
        points = 6
        [sample.axes]
        "infection.bite" = {from = 0.1, to = 0.9, steps = 3}
    """)
    assert any(":5: [sample].points: found 6, expected a power of 2 for sobol (like 4 or 8)" in x for x in lines)
    assert any(":7: [sample.axes].\"infection.bite\".steps: unknown key 'steps'" in x for x in lines)
    lines = problems(tmp_path, "[sweep]\nscenario = \"classroom\"\n[axes]\n\"infection.bite\" = {from = 0.1, to = 0.9}\n")
    assert "found neither steps nor step" in lines[0]
    lines = problems(tmp_path, "[sweep]\nscenario = \"classroom\"\n[set]\n\"infection.bite\" = 0.2\n"
                               "[axes]\n\"infection.bite\" = [0.1]\n")
    assert "in more than one of [set], [axes] and [sample.axes]" in lines[0]


@pytest.mark.parametrize("tables, message", [
    ('[set]\ntick = "1h"\nduration = "30m"\n[axes]\n"infection.bite" = [0.1, 0.2]',
     ":4: [axes]: point 0 (infection.bite = 0.1) makes a scenario that cannot run (and 1 other "
     "point): [scenario].duration: found '1800s', expected a duration of at least the tick ('3600s')"),
    ('[axes]\n"people[0].where" = ["anywhere", "nowhere"]',
     ":1: [axes]: point 1 (people[0].where = 'nowhere') makes a scenario that cannot run: "
     "[[people]][1].where: found 'nowhere', expected a room name, a room tag or 'anywhere'"),
    ('[axes]\n"people[0].count" = [10, 100000]',
     ":1: [axes]: point 1 (people[0].count = 100000) makes a scenario that cannot run: "
     "[[people]][1].where: found 100001 people for 'classroom', expected at most 560"),
])
def test_a_point_whose_scenario_cannot_run_is_refused(tmp_path, tables, message):
    """Its values are valid one by one, and the checks between fields run on each point."""
    path = tmp_path / "sweep.toml"
    path.write_text(tables + '\n[sweep]\nscenario = "classroom"\n')
    with pytest.raises(SweepFileError) as e:
        load_sweep(path)
    assert str(e.value).startswith(f"{path}{message}"), str(e.value)


def test_the_command_reports_a_bad_sweep_file_with_exit_code_2_and_no_traceback(tmp_path):
    path = write(tmp_path, '[sweep]\nscenario = "classroom"\nreplica = 2\n')
    r = subprocess.run([sys.executable, "-m", "hyosan", "sweep", str(path)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert f"{path}:3: [sweep].replica: unknown key 'replica'; did you mean 'replicas'?" in r.stderr


def test_run_seeds_depend_on_sweep_seed_point_and_replica_only():
    seeds = {run_seed(1, p, r) for p in range(20) for r in range(20)}
    assert len(seeds) == 400 and all(0 <= s < 2**63 for s in seeds)
    assert run_seed(1, 3, 4) == run_seed(1, 3, 4) != run_seed(2, 3, 4)
    assert run_seed(1, 3, 4, common=True) == run_seed(1, 7, 4, common=True) != run_seed(1, 7, 5, common=True)
