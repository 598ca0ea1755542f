"""The simulation class (or factory) of each science kind."""

from __future__ import annotations

from .spatial import lattice_simulation
from .wellmixed import OdeSimulation, StochasticSimulation

KINDS = {"ode": OdeSimulation, "stochastic": StochasticSimulation, "lattice": lattice_simulation}
