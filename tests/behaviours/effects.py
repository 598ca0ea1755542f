"""Helpers for the behaviour effect tests: run a scenario over many seeds with a behaviour on
and off, and test that an outcome moves the right way."""

from __future__ import annotations

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


def assert_raises(on: np.ndarray, off: np.ndarray) -> float:
    """The outcome is larger with the behaviour on, by a one-sided Mann-Whitney U test at
    p < 0.01. Returns p."""
    p = mannwhitneyu(on, off, alternative="greater").pvalue
    assert p < SIGNIFICANCE, (on.mean(), off.mean(), p)
    return p
