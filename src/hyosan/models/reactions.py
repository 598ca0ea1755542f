"""A catalog model compiled to arrays, with its rates and initial counts filled in.

A reaction j has at most two distinct reactants r1[j], r2[j] (-1 for none), a rate constant
k[j] (frequency reactions already divided by N) and a stoichiometry row nu[j] (change of every
species). Its propensity is k[j] * x[r1[j]] * x[r2[j]] (missing reactants count as 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import NamedTuple

import numpy as np
from numba import njit

from ..scenario.catalog import MODELS, Model
from ..scenario.model_spec import ModelSpec


class Reactions(NamedTuple):
    """A system's reactions as kernels read them (`System.reactions`)."""

    nu: np.ndarray
    r1: np.ndarray
    r2: np.ndarray
    k: np.ndarray
    freq: np.ndarray


class Strikes(NamedTuple):
    """The scenario's strikes on the zombies: when (days) and what share of them each kills."""

    at: np.ndarray  # float64
    kill: np.ndarray  # float64


@dataclass(frozen=True, eq=False)
class System:
    model: Model
    species: tuple[str, ...]
    nu: np.ndarray  # (reactions, species) int64
    r1: np.ndarray  # (reactions,) int64, -1 for none
    r2: np.ndarray
    k: np.ndarray  # (reactions,) float64, per day
    freq: np.ndarray  # (reactions,) bool: a frequency reaction (divided by the population)
    x0: np.ndarray  # (species,) int64
    parameters: dict[str, float]

    @property
    def reactions(self) -> Reactions:
        return Reactions(self.nu, self.r1, self.r2, self.k, self.freq)

    @property
    def population(self) -> int:
        return int(self.x0.sum())

    def index(self, species: str) -> int:
        return self.species.index(species)


def compile_system(name: str, parameters: dict[str, float] | None = None,
                   initial: dict[str, int] | None = None, population: float | None = None) -> System:
    """The arrays of model `name`; missing parameters and counts take the catalog's defaults.
    Frequency reactions are divided by `population` (default: the initial total)."""
    model = MODELS[name]
    pars = {k: p.default for k, p in model.parameters.items()} | dict(parameters or {})
    counts = dict(model.initial) | dict(initial or {})
    species = model.species
    x0 = np.array([counts.get(s, 0) for s in species], np.int64)
    n = float(population if population is not None else max(x0.sum(), 1))
    nr = len(model.reactions)
    nu = np.zeros((nr, len(species)), np.int64)
    r1 = np.full(nr, -1, np.int64)
    r2 = np.full(nr, -1, np.int64)
    k = np.zeros(nr, np.float64)
    freq = np.array([r.frequency for r in model.reactions], np.bool_)
    for j, reaction in enumerate(model.reactions):
        for s in reaction.reactants:
            nu[j, species.index(s)] -= 1
        for s in reaction.products:
            nu[j, species.index(s)] += 1
        ids = [species.index(s) for s in reaction.reactants]
        r1[j], r2[j] = (ids + [-1, -1])[:2]
        k[j] = pars[reaction.rate] / (n if reaction.frequency else 1.0)
    return System(model, species, nu, r1, r2, k, freq, x0, pars)


def system_of(spec: ModelSpec, population: float | None = None) -> System:
    return compile_system(spec.name, spec.parameters, spec.initial, population)


@njit(inline="always", cache=True)
def propensity(j, x, r1, r2, k):
    a = k[j]
    if r1[j] >= 0:
        a *= x[r1[j]]
    if r2[j] >= 0:
        a *= x[r2[j]]
    return a


def rates(system: System, x: np.ndarray) -> np.ndarray:
    """Propensities of every reaction at state(s) x (species on the last axis), any dtype."""
    x = np.asarray(x, np.float64)
    a = np.broadcast_to(system.k, x.shape[:-1] + system.k.shape).copy()
    for j in range(len(system.k)):
        for r in (system.r1[j], system.r2[j]):
            if r >= 0:
                a[..., j] *= x[..., r]
    return a


def derivative(system: System, x: np.ndarray) -> np.ndarray:
    """dx/dt of the mean-field equations: sum over reactions of nu_j * a_j(x)."""
    return rates(system, x) @ system.nu


def jacobian(system: System, x: np.ndarray) -> np.ndarray:
    """d(dx/dt)/dx at state x, from the mass-action form of every propensity."""
    x = np.asarray(x, np.float64)
    grad = np.zeros((len(system.k), len(system.species)))
    for j in range(len(system.k)):
        r1, r2 = system.r1[j], system.r2[j]
        if r1 >= 0:
            grad[j, r1] += system.k[j] * (x[r2] if r2 >= 0 else 1.0)
        if r2 >= 0:
            grad[j, r2] += system.k[j] * x[r1]
    return system.nu.T.astype(np.float64) @ grad
