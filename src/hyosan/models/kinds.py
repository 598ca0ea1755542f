"""The simulation class (or factory) of each science kind, and the one that runs a scenario."""

from __future__ import annotations

from ..scenario.model import Scenario
from .run import ScienceSimulation
from .spatial import lattice_simulation
from .wellmixed import OdeSimulation, StochasticSimulation

KINDS = {"ode": OdeSimulation, "stochastic": StochasticSimulation, "lattice": lattice_simulation}


def science_simulation(scenario: Scenario, seed: int | None = None) -> ScienceSimulation:
    """The simulation of a scenario of kind ode, stochastic or lattice."""
    if scenario.kind not in KINDS:
        raise ValueError(f"kind '{scenario.kind}' is not a science kind ({', '.join(KINDS)})")
    return KINDS[scenario.kind](scenario, seed)
