"""Helpers for the behaviour effect tests: run a scenario over many seeds with a behaviour on
and off, and test that an outcome moves the right way."""

from __future__ import annotations

import os
from typing import Callable

import numpy as np
from scipy.stats import mannwhitneyu

from hyosan import Simulation
from hyosan.scenario.model import Scenario

SEEDS = 100
SIGNIFICANCE = 0.01


def outcomes(scenario: Scenario, measure: Callable[[Simulation], float], seeds: int = SEEDS) -> np.ndarray:
    values = []
    for seed in range(seeds):
        sim = Simulation(scenario, seed)
        sim.run()
        values.append(measure(sim))
    return np.array(values, dtype=float)


MEASURED: list[tuple[str, float, float, float]] = []  # test, mean on, mean off, p: printed at the end


def assert_raises(on: np.ndarray, off: np.ndarray) -> float:
    """The outcome is larger with the behaviour on, by a one-sided Mann-Whitney U test at
    p < 0.01. Returns p."""
    return _assert_moves(on, off, "greater")


def assert_lowers(on: np.ndarray, off: np.ndarray) -> float:
    """The outcome is smaller with the behaviour on (one-sided, p < 0.01). Returns p."""
    return _assert_moves(on, off, "less")


def _assert_moves(on: np.ndarray, off: np.ndarray, way: str) -> float:
    p = mannwhitneyu(on, off, alternative=way).pvalue
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
    MEASURED.append((test, float(on.mean()), float(off.mean()), float(p)))
    assert p < SIGNIFICANCE, (on.mean(), off.mean(), p)
    return p
