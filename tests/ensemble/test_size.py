"""A sweep's size is counted before anything is built: a sweep past a hard limit is refused
whatever the flags, one past a soft limit unless --yes, and none ends in a MemoryError."""

import subprocess
import sys
import textwrap
import tracemalloc

import pytest
from hypothesis import given, settings, strategies as st

from hyosan.ensemble import SweepFileError, parse_sweep
from hyosan.ensemble import axes as ax
from hyosan.ensemble.size import MAX_RUNS, SweepTooLarge, check_disk, human_bytes

BILLION_STEPS = """
    [sweep]
    scenario = "classroom"
    replicas = 8

    [axes]
    "infection.bite" = {from = 0.1, to = 0.9, steps = 1000000000}
"""


def sweep_text(axes: str, replicas: int = 1, head: str = "") -> str:
    return textwrap.dedent(f"""
        [sweep]
        scenario = "classroom"
        replicas = {replicas}
        {head}
        [axes]
    """) + textwrap.dedent(axes)


def refused(text: str, yes: bool = False) -> str:
    with pytest.raises(SweepFileError) as e:
        parse_sweep(text, yes=yes)
    return str(e.value)


def test_a_billion_steps_are_refused_at_once_with_the_size_and_the_disk_estimate():
    tracemalloc.start()
    message = refused(textwrap.dedent(BILLION_STEPS), yes=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "[axes]: the sweep is too large: 1,000,000,000 points x 8 replicas = 8,000,000,000 runs" in message
    assert "which would write about" in message and "TB" in message and "--yes does not lift this" in message
    assert peak < 50e6  # no list of a billion values was made


def test_three_axes_of_a_thousand_steps_are_refused_before_their_product_is_made():
    axes = "".join(f'"infection.{k}" = {{from = 0.1, to = 0.9, steps = 1000}}\n' for k in ("bite", "fight", "halfbie"))
    assert "1,000,000,000 points x 1 replicas" in refused(sweep_text(axes))


def test_more_than_a_million_runs_need_yes_and_ten_million_are_refused_anyway():
    axes = '"infection.bite" = [0.2, 0.5]\n'
    message = refused(sweep_text(axes, replicas=MAX_RUNS // 2 + 1))
    assert f"2 points x {MAX_RUNS // 2 + 1:,} replicas" in message and "unless you pass --yes" in message
    assert parse_sweep(sweep_text(axes, replicas=MAX_RUNS // 2 + 1), yes=True).tasks == MAX_RUNS + 2
    assert "at most 10,000,000 runs" in refused(sweep_text(axes, replicas=6_000_000), yes=True)


def test_a_step_range_is_counted_without_being_made():
    axes = '"infection.bite" = {from = 0, to = 1, step = 0.000001}\n"infection.fight" = {from = 0, to = 1, step = 0.5}\n'
    assert "3,000,003 points" in refused(sweep_text(axes))


def test_the_disk_estimate_is_checked_against_the_free_space(monkeypatch, tmp_path):
    sweep = parse_sweep(sweep_text('"infection.bite" = [0.2, 0.5]\n', replicas=10, head="keep_runs = true"))
    size = sweep.size
    assert size.runs == 20 and 100e3 < size.run_bytes < 1e6  # a classroom run directory: about 230 kB
    monkeypatch.setattr("hyosan.ensemble.size.free_bytes", lambda out: size.bytes - 1)
    with pytest.raises(SweepTooLarge, match=r"20 runs, which would write about .* where .* are free"):
        check_disk(size, tmp_path / "out", yes=False)
    check_disk(size, tmp_path / "out", yes=True)
    assert not (tmp_path / "out").exists()


def test_the_command_refuses_a_billion_steps_with_exit_code_2(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(textwrap.dedent(BILLION_STEPS))
    done = subprocess.run([sys.executable, "-m", "hyosan", "sweep", str(path), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{path}:6: [axes]: the sweep is too large: 1,000,000,000 points" in done.stderr
    assert not (tmp_path / "out").exists()


def identity(value):
    return value


ranges = st.builds(dict, **{"from": st.integers(-50, 50), "to": st.integers(-50, 50)})


@settings(max_examples=200, deadline=None)
@given(spec=st.one_of(
    st.lists(st.integers(0, 9), min_size=1, max_size=20),
    st.tuples(ranges, st.integers(1, 40)).map(lambda t: {**t[0], "steps": t[1]}),
    st.tuples(ranges, st.sampled_from([0.5, 1, 2.5, 3, 7])).map(lambda t: {**t[0], "step": t[1]}),
))
def test_an_axis_is_counted_as_many_values_as_it_makes(spec):
    assert ax.count(spec, identity) == len(ax.grid_values(spec, identity))


@pytest.mark.parametrize("n, text", [(0, "0 B"), (999, "999 B"), (21_500, "21.5 kB"), (1.72e14, "172 TB"),
                                     (3e18, "3e+03 PB")])
def test_sizes_are_written_for_people(n, text):
    assert human_bytes(n) == text
