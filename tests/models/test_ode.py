"""The ode kind against theory: closed forms, final sizes, equilibria and their stability."""

import numpy as np
import pytest

from hyosan.models import ode, theory
from hyosan.models.reactions import compile_system, jacobian


def test_alemi_szr_follows_its_closed_form():
    """Alemi et al. (2015): Z + (1 - alpha) S is conserved and S(t) is logistic."""
    for kappa in (0.5, 0.8, 1.5):  # zombies win, zombies win slowly, humans win
        s = compile_system("alemi-szr", {"beta": 1.0, "kappa": kappa}, {"S": 1000, "Z": 5, "R": 0})
        days = np.linspace(0, 60, 121)
        solved = ode.solve(s, days)
        exact = theory.alemi_szr_closed_form(days, 1000, 5, 0, 1.0, kappa, 1005)
        assert np.max(np.abs(solved - exact)) < 1e-5 * 1005, kappa


def test_sir_final_size_relation():
    """Kermack and McKendrick: s_inf = s0 exp(-R0 (1 - s_inf)) for R0 = 1.5, 3 and 6."""
    for beta in (0.15, 0.3, 0.6):
        s = compile_system("sir", {"beta": beta, "gamma": 0.1}, {"S": 9990, "I": 10, "R": 0})
        final = ode.solve(s, np.array([0.0, 2000.0]))[-1]
        expected = theory.sir_final_size(beta / 0.1, 0.999, 0.001)
        assert final[0] / 10000 == pytest.approx(expected, rel=1e-6), beta


MUNZ = dict(beta=0.0095, alpha=0.005, zeta=0.0001)


def test_munz_szr_disease_free_equilibrium_is_unstable():
    """Munz et al.: with Pi = delta = 0, (N, 0, 0) is an equilibrium and is unstable."""
    n = 500.0
    s = compile_system("munz-szr", {"delta": 0.0, "birth": 0.0})
    J = jacobian(s, [n, 0.0, 0.0])
    assert np.allclose(J, theory.munz_szr_jacobian(**MUNZ, s=n, z=0.0))
    eig = np.sort(np.linalg.eigvals(J).real)
    assert np.allclose(eig, theory.munz_szr_free_eigenvalues(**MUNZ, n=n), atol=1e-12)
    assert eig[-1] > 0  # (beta - alpha) N = 2.25 per day, about


def test_munz_szr_doomsday_equilibrium_is_stable():
    """At (0, Z, 0) the eigenvalues are 0, -beta Z and -zeta: none positive."""
    z = 400.0
    s = compile_system("munz-szr", {"delta": 0.0, "birth": 0.0})
    assert np.allclose(jacobian(s, [0.0, z, 0.0]) @ [0, 1, 0], 0)  # Z is free along the line of equilibria
    eig = np.sort(np.linalg.eigvals(jacobian(s, [0.0, z, 0.0])).real)
    assert np.allclose(eig, np.sort([-MUNZ["beta"] * z, -MUNZ["zeta"], 0.0]), atol=1e-12)


def test_munz_sizr_equilibria():
    """Latent infection: (N,0,0,0) unstable (det of the infected block is beta N rho zeta > 0),
    (0,0,Z,0) with eigenvalues 0, -beta Z, -rho, -zeta."""
    n, z, rho = 500.0, 400.0, 0.5
    s = compile_system("munz-sizr", {"delta": 0.0, "birth": 0.0, "rho": rho})
    free = jacobian(s, [n, 0, 0, 0])
    assert np.allclose(free, theory.munz_sizr_jacobian(**MUNZ, rho=rho, s=n, z=0.0))
    assert np.linalg.det(free[1:, 1:]) == pytest.approx(MUNZ["beta"] * n * rho * MUNZ["zeta"])
    assert np.linalg.eigvals(free).real.max() > 0
    eig = np.sort(np.linalg.eigvals(jacobian(s, [0, 0, z, 0])).real)
    assert np.allclose(eig, np.sort([0.0, -MUNZ["beta"] * z, -rho, -MUNZ["zeta"]]), atol=1e-12)


@pytest.mark.parametrize("sigma, unstable", [(0.05, True), (3.0, False)])
def test_sizrq_disease_free_stability_follows_r0(sigma, unstable):
    """Quarantine without resurrection: the disease-free state is unstable iff R0 > 1,
    R0 = beta N rho / ((rho + kappa)(alpha N + sigma))."""
    n = 500.0
    pars = dict(beta=0.0095, alpha=0.005, rho=0.5, kappa=0.001, sigma=sigma)
    s = compile_system("munz-sizrq", {**pars, "zeta": 0.0, "delta": 0.0, "birth": 0.0, "gamma": 0.0})
    r0 = theory.sizrq_r0(**pars, n=n)
    assert (r0 > 1) == unstable
    top = np.linalg.eigvals(jacobian(s, [n, 0, 0, 0, 0])).real.max()
    assert (top > 1e-12) == unstable
    if not unstable:
        assert top == pytest.approx(0.0, abs=1e-12)  # only the neutral directions S, R, Q remain


def test_treatment_settles_where_humans_survive_in_small_numbers():
    """With a cure the only equilibria with zombies have S = c / beta (Munz et al.: humans are
    not eradicated but live in low numbers)."""
    s = compile_system("munz-treatment", {"delta": 0.0, "birth": 0.0, "cure": 0.05, "rho": 0.5})
    final = ode.solve(s, np.array([0.0, 400.0]))[-1]
    assert final[0] == pytest.approx(0.05 / 0.0095, rel=1e-4)


def test_a_strike_destroys_its_fraction_of_the_zombies_at_once():
    s = compile_system("munz-impulsive")
    before = ode.advance(s, s.x0, 0.0, 2.0)
    after = ode.advance(s, s.x0, 0.0, 2.0, ((2.0, 0.25),))
    assert after[1] == pytest.approx(0.75 * before[1], rel=1e-9)
    assert after[0] == pytest.approx(before[0], rel=1e-9)
