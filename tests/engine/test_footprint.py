"""The memory and disk a run needs, estimated before anything is allocated."""

import pytest
from click.testing import CliRunner

from hyosan import runner
from hyosan.cli import cli
from hyosan.engine.footprint import RunTooLarge, footprint
from hyosan.engine.simulation import Simulation
from hyosan.scenario import load_scenario


def test_the_estimate_is_within_a_factor_of_two_of_the_state_a_simulation_holds():
    """hyosan-high: the arrays of a simulation after a tick against half the estimate (the
    other half is the copy a checkpoint makes)."""
    scenario = load_scenario("hyosan-high")
    sim = Simulation(scenario, 1)
    sim.step()
    held = sum(a.nbytes for a in sim.people.columns.values()) + sim.series.nbytes + \
        sum(a.nbytes for a in sim.frames.arrays().values())
    state = footprint(scenario).memory / 2
    assert held / 2 < state < held * 2


@pytest.mark.parametrize("name", ["classroom", "hyosan-high"])
def test_each_part_of_the_estimate_is_what_a_simulation_holds(name):
    """The time series and the replay frames exactly; the people at least the columns made by the
    first tick (the estimate counts every column a behaviour may make, and the scratch)."""
    scenario = load_scenario(name)
    sim = Simulation(scenario, 1)
    sim.step()
    parts = dict(footprint(scenario).parts)
    assert parts["time series"] == sim.series.nbytes
    assert parts["replay frames"] == sum(a.nbytes for a in sim.frames.arrays().values())
    made = sum(a.nbytes for a in sim.people.columns.values())
    assert made <= parts["people"] <= 5 * made


def test_a_run_that_cannot_fit_is_refused_before_anything_is_allocated_or_written(tmp_path):
    long = load_scenario("classroom").replace(duration=1e12)  # a series row a second for 30,000 years
    with pytest.raises(RunTooLarge, match=r"needs about .* TB of memory .* of memory is available"):
        runner.run(long, out=tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_validate_prints_the_estimate_and_refuses_what_cannot_fit_unless_yes(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(load_scenario("classroom").source_files[0][1].decode().replace(
        'duration = "10m"', 'duration = 1e12'))
    cli_runner = CliRunner()
    ok = cli_runner.invoke(cli, ["validate", "classroom"])
    assert ok.exit_code == 0 and "a run needs about" in ok.output
    refused = cli_runner.invoke(cli, ["validate", str(path)])
    assert refused.exit_code == 2 and "of memory is available" in refused.output
    assert cli_runner.invoke(cli, ["validate", "--yes", str(path)]).exit_code == 0
