"""Exact results that the models must reproduce: closed forms, absorption probabilities, the
SIR final-size relation, and the Jacobians of the Munz et al. models written from the paper.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq


def alemi_szr_closed_form(days: np.ndarray, s0: float, z0: float, r0: float, beta: float, kappa: float,
                          n: float) -> np.ndarray:
    """(S, Z, R) of the well-mixed Alemi SZR with frequency-dependent rates
    dS/dt = -(beta/n) S Z, dZ/dt = ((beta - kappa)/n) S Z, dR/dt = (kappa/n) S Z.
    Z + (1 - alpha) S is conserved (alpha = kappa / beta), which leaves a logistic equation:
    S(t) = a S0 / ((1 - alpha) S0 + Z0 exp(a beta t / n)), a = Z0 + (1 - alpha) S0 (a != 0)."""
    alpha = kappa / beta
    a = z0 + (1.0 - alpha) * s0
    s = a * s0 / ((1.0 - alpha) * s0 + z0 * np.exp(a * beta * np.asarray(days, float) / n))
    z = z0 + (1.0 - alpha) * (s0 - s)
    return np.stack([s, z, r0 + alpha * (s0 - s)], axis=-1)


def final_humans(s0: int, z0: int, alpha: float) -> np.ndarray:
    """P(the outbreak ends with s humans), s = 0..s0, for the stochastic SZR whose every event is
    a bite with probability 1 / (1 + alpha), else a kill (a gambler's ruin with a shrinking
    purse). The outbreak ends when the zombies are gone (humans win, s >= 1 left) or the humans
    are (s = 0)."""
    p = 1.0 / (1.0 + alpha)
    mass = np.zeros((s0 + 1, s0 + z0 + 1))
    mass[s0, z0] = 1.0
    end = np.zeros(s0 + 1)
    for s in range(s0, 0, -1):
        for z in range(z0 + s0 - s, 0, -1):  # at most z0 + (bites so far) zombies
            m = mass[s, z]
            if m == 0.0:
                continue
            mass[s - 1, z + 1] += p * m
            mass[s, z - 1] += (1.0 - p) * m
        end[s] = mass[s, 0]
    end[0] = mass[0, 1:].sum()
    return end


def humans_win(s0: int, z0: int, alpha: float) -> float:
    """P(the zombies are all killed) from s0 humans and z0 zombies (exact, finite s0)."""
    return float(final_humans(s0, z0, alpha)[1:].sum())


def humans_win_limit(z0: int, alpha: float) -> float:
    """The same when humans are never in short supply: gambler's ruin, min(1, alpha) ** z0."""
    return min(1.0, alpha) ** z0


def sir_final_size(r0: float, s0: float = 1.0, i0: float = 0.0) -> float:
    """The fraction never infected, s_inf, of the SIR model with fractions s0, i0 at the start:
    s_inf = s0 exp(-R0 (s0 + i0 - s_inf)) (Kermack and McKendrick 1927), its root below 1/R0."""
    f = lambda s: s - s0 * np.exp(-r0 * (s0 + i0 - s))  # noqa: E731
    return float(brentq(f, 1e-300, min(s0, 1.0 / r0)))


def munz_szr_jacobian(beta: float, alpha: float, zeta: float, s: float, z: float) -> np.ndarray:
    """The Jacobian of S' = -bSZ, Z' = bSZ + zR - aSZ, R' = aSZ - zR (Munz et al., Pi = delta = 0)
    at (S, Z, R) = (s, z, any)."""
    return np.array([[-beta * z, -beta * s, 0.0],
                     [(beta - alpha) * z, (beta - alpha) * s, zeta],
                     [alpha * z, alpha * s, -zeta]])


def munz_sizr_jacobian(beta: float, alpha: float, zeta: float, rho: float, s: float, z: float) -> np.ndarray:
    """The Jacobian of the SIZR model (Pi = delta = 0) in the order S, I, Z, R."""
    return np.array([[-beta * z, 0.0, -beta * s, 0.0],
                     [beta * z, -rho, beta * s, 0.0],
                     [-alpha * z, rho, -alpha * s, zeta],
                     [alpha * z, 0.0, alpha * s, -zeta]])


def munz_szr_free_eigenvalues(beta: float, alpha: float, zeta: float, n: float) -> np.ndarray:
    """Eigenvalues at the disease-free equilibrium (N, 0, 0): 0 and the roots of
    l^2 + (zeta - (beta - alpha) N) l - beta zeta N = 0, one of them positive (unstable)."""
    roots = np.roots([1.0, zeta - (beta - alpha) * n, -beta * zeta * n])
    return np.sort(np.concatenate([[0.0], roots.real]))


def sizrq_r0(beta: float, alpha: float, rho: float, kappa: float, sigma: float, n: float) -> float:
    """Basic reproduction number of the quarantine model without resurrection (zeta = 0):
    a zombie bites beta N per day for 1 / (alpha N + sigma) days; a bitten person turns with
    probability rho / (rho + kappa)."""
    return beta * n * rho / ((rho + kappa) * (alpha * n + sigma))
