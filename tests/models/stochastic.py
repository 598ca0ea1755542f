"""Helpers for the stochastic tests: many replicas of a model to their end."""

import numpy as np

from hyosan.models.gillespie import advance_replicas
from hyosan.models.reactions import Strikes, compile_system

NONE = np.zeros(0)


def final_states(name: str, parameters: dict, initial: dict, replicas: int, seed: int,
                 days: float = 1e6) -> np.ndarray:
    """Each replica's state at `days` (by default: when nothing can happen any more)."""
    s = compile_system(name, parameters, initial)
    X = np.tile(s.x0, (replicas, 1))
    advance_replicas(X, np.zeros(replicas), np.zeros(replicas, np.int64), days, s.reactions, seed,
                     Strikes(NONE, NONE), 0)
    return X
