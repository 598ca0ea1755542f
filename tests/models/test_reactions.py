"""The reaction systems as arrays: stoichiometry, mean-field equations and their Jacobian."""

import numpy as np
import pytest

from hyosan.scenario.catalog import MODELS
from hyosan.models.reactions import compile_system, derivative, jacobian


def test_munz_szr_equations_are_those_of_the_paper():
    s = compile_system("munz-szr", {"birth": 2.0})
    p = s.parameters
    S, Z, R = 400.0, 30.0, 70.0
    expected = [
        p["birth"] - p["beta"] * S * Z - p["delta"] * S,
        p["beta"] * S * Z + p["zeta"] * R - p["alpha"] * S * Z,
        p["delta"] * S + p["alpha"] * S * Z - p["zeta"] * R,
    ]
    assert np.allclose(derivative(s, [S, Z, R]), expected, rtol=1e-12)


def test_munz_sizrq_equations_are_those_of_the_paper():
    s = compile_system("munz-sizrq")
    p = s.parameters
    S, I, Z, R, Q = 300.0, 20.0, 50.0, 90.0, 40.0  # noqa: E741 (the paper's names)
    b, a, z, d, r, k, sg, g = (p[n] for n in ("beta", "alpha", "zeta", "delta", "rho", "kappa", "sigma", "gamma"))
    expected = [
        p["birth"] - b * S * Z - d * S,
        b * S * Z - r * I - d * I - k * I,
        r * I + z * R - a * S * Z - sg * Z,
        d * S + d * I + a * S * Z - z * R + g * Q,
        k * I + sg * Z - g * Q,
    ]
    assert np.allclose(derivative(s, [S, I, Z, R, Q]), expected, rtol=1e-12)


def test_frequency_reactions_are_divided_by_the_population():
    s = compile_system("sir", {"beta": 0.3}, {"S": 990, "I": 10, "R": 0})
    assert s.k[0] == pytest.approx(0.3 / 1000)
    assert s.k[1] == pytest.approx(0.1)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_reactions_conserve_people_except_births(name):
    s = compile_system(name)
    totals = s.nu.sum(axis=1)
    births = [j for j, r in enumerate(s.model.reactions) if not r.reactants]
    assert all(t == 0 for j, t in enumerate(totals) if j not in births)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_jacobian_is_the_derivative_of_the_equations(name):
    s = compile_system(name)
    x = np.random.default_rng(1).uniform(1, 100, len(s.species))
    h = 1e-6
    numeric = np.stack([(derivative(s, x + h * e) - derivative(s, x - h * e)) / (2 * h)
                        for e in np.eye(len(x))], axis=1)
    assert np.allclose(jacobian(s, x), numeric, rtol=1e-6, atol=1e-6)
