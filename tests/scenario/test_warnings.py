"""validate warns of what is valid but cannot do what it says; --strict makes it an error."""

import pytest
from click.testing import CliRunner

from hyosan.cli import cli
from hyosan.scenario import builtin_names, check_scenario

ROOMS = '''\
[scenario]
name = "warnings"
duration = "10m"

[map]
cell = "1m"
text = """
#######
#aa#bb#
#aa#bb#
###E###
"""

[map.rooms]
a = "closed room"
b = "open room"
'''
OPEN = ROOMS.replace("###E###", "####E##")  # the exit is below the open room only
ZOMBIE = '\n[[people]]\nwhere = "open room"\ncount = 1\nstate = "zombie"\n'


def warnings_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "s.toml"
    path.write_text(text)
    return [str(w).removeprefix(f"{path}:") for w in check_scenario(path)[1]]


def test_an_authority_acting_after_the_end_is_a_warning_at_its_line(tmp_path):
    text = OPEN + ZOMBIE + '\n[[authority]]\nat = "20m"\ndo = "bombing"\nzone = "open room"\n'
    assert warnings_of(tmp_path, text) == [
        "24: [[authority]][1].at: warning: acts at 20m, when the run is over (its duration is 10m): "
        "it never happens"]


def test_a_scenario_with_nobody_infected_is_a_warning(tmp_path):
    text = OPEN + '\n[[people]]\nwhere = "open room"\ncount = 3\n'
    assert warnings_of(tmp_path, text) == [
        "1: [scenario]: warning: nobody is a zombie, bitten or a halfbie at the start, so there is no "
        "outbreak (give a [[people]] block state = \"zombie\")"]


def test_people_walled_off_from_every_exit_are_a_warning(tmp_path):
    text = OPEN + ZOMBIE + '\n[[people]]\nwhere = "closed room"\ncount = 3\n'
    assert warnings_of(tmp_path, text) == [
        "24: [[people]][2].where: warning: no cell of 'closed room' connects to an exit: these 3 people "
        "can never escape (walls close it in)"]
    # the same room with the exit below it: no warning
    assert warnings_of(tmp_path, text.replace("####E##", "##E####")) == []


@pytest.mark.parametrize("name", builtin_names())
def test_no_builtin_scenario_has_a_warning(name):
    assert check_scenario(name)[1] == []


def test_validate_prints_warnings_and_exits_0_unless_strict(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(OPEN + '\n[[people]]\nwhere = "open room"\ncount = 3\n')
    runner = CliRunner()
    plain = runner.invoke(cli, ["validate", str(path)])
    assert plain.exit_code == 0 and "warning: nobody is a zombie" in plain.output and ": ok:" in plain.output
    strict = runner.invoke(cli, ["validate", "--strict", str(path)])
    assert strict.exit_code == 2 and "warning: nobody is a zombie" in strict.output and ": ok:" not in strict.output
