"""Whatever validate accepts, runs: mutated built-in scenarios of every kind (issue 22)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyosan.scenario import builtin_names

from .fuzz import BUILTINS, SWEEPS, Tally, check, fuzz, mutate


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A folder with the built-ins' side files, where the mutated cases are written."""
    folder = tmp_path_factory.mktemp("fuzz")
    for side in BUILTINS.iterdir():
        if side.suffix not in (".toml", ".py"):
            (folder / side.name).write_bytes(side.read_bytes())
    return folder


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(builtin_names()), rng=st.randoms(use_true_random=False))
def test_a_mutated_builtin_is_refused_clearly_or_runs(scratch, name, rng):
    """500 cases: validate raises ScenarioError or accepts, and what it accepts runs 3 ticks (or
    is refused as too large for this machine, as `run` would)."""
    tally = Tally()
    check(name, mutate((BUILTINS / f"{name}.toml").read_text(), rng), scratch, tally)
    assert tally.failures == [], tally.failures[0][2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(SWEEPS)), rng=st.randoms(use_true_random=False))
def test_a_mutated_sweep_is_refused_clearly_or_runs(scratch, name, rng):
    """60 cases: a mutated example sweep is refused with a ScenarioError, or its first and last
    points run 3 ticks."""
    tally = Tally()
    check(name, mutate(SWEEPS[name], rng), scratch, tally)
    assert tally.failures == [], tally.failures[0][2]


def test_the_examples_hold_sweeps():
    assert set(SWEEPS) >= {"hyosan-high-altruism", "alpha-well-mixed-vs-lattice"}


def test_the_mutations_change_the_scenarios_and_repeat_with_the_seed():
    text = (BUILTINS / "classroom.toml").read_text()
    cases = [mutate(text, random.Random(k)) for k in range(20)]
    assert all(case != text for case in cases) or sum(case != text for case in cases) >= 18
    assert cases == [mutate(text, random.Random(k)) for k in range(20)]


@pytest.mark.slow
def test_ten_thousand_mutated_builtins(tmp_path):
    """The `make fuzz` run: 10,000 cases, seed 1, the built-ins in turn."""
    tally = fuzz(10_000, 1, tmp_path)
    print(tally.line())
    assert tally.failures == [], "\n".join(trace for _, _, trace in tally.failures[:3])
    assert tally.outcomes["ran"] > 1000 and tally.outcomes["refused"] > 1000  # both sides are exercised
