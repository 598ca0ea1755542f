"""Run seeds of a sweep: a hash of (sweep seed, point, replica) through numpy's SeedSequence,
so that a task's seed does not depend on which other tasks exist, nor on their order."""

from __future__ import annotations

import numpy as np


def run_seed(sweep_seed: int, point: int, replica: int, common: bool = False) -> int:
    """A seed in 0..2**63-1 for one run. With `common`, replica r has the same seed at every
    point (common random numbers: points differ by their parameters, not by their dice)."""
    key = (0 if common else point + 1, replica)
    words = np.random.SeedSequence(sweep_seed, spawn_key=key).generate_state(2, np.uint32)
    return (int(words[0]) << 31) ^ int(words[1])


def sample_rng(seed: int) -> np.random.Generator:
    """The generator of a sweep's Latin hypercube or Sobol design (its own stream)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**32 - 1,)))
