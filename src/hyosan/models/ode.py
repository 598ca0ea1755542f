"""The mean-field equations of a reaction system, solved with scipy, with impulsive strikes.

Between strikes the equations are integrated with LSODA (tolerances below); at a strike the
zombie compartment is multiplied by (1 - kill), as in the impulsive model of Munz et al.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from .reactions import System, derivative, jacobian

RTOL, ATOL = 1e-9, 1e-9


def advance(system: System, x: np.ndarray, t0: float, t1: float,
            strikes: tuple[tuple[float, float], ...] = ()) -> np.ndarray:
    """The state at day t1 from state x at day t0; strikes are (day, kill fraction), and a strike
    at t0 < day <= t1 is applied on the way."""
    x = np.asarray(x, np.float64).copy()
    zombie = system.index(system.model.zombie)
    stops = [(day, kill) for day, kill in strikes if t0 < day <= t1] + [(t1, None)]
    t = t0
    for day, kill in stops:
        if day > t:
            x = _integrate(system, x, t, day)
            t = day
        if kill is not None:
            x[zombie] *= 1.0 - kill
    return x


def solve(system: System, days: np.ndarray, strikes: tuple[tuple[float, float], ...] = ()) -> np.ndarray:
    """The state at each of `days` (increasing, from the start state at days[0])."""
    out = np.empty((len(days), len(system.species)))
    out[0] = system.x0
    for i in range(1, len(days)):
        out[i] = advance(system, out[i - 1], days[i - 1], days[i], strikes)
    return out


def _integrate(system: System, x: np.ndarray, t0: float, t1: float) -> np.ndarray:
    result = solve_ivp(lambda _t, y: derivative(system, y), (t0, t1), x, method="LSODA",
                       jac=lambda _t, y: jacobian(system, y), rtol=RTOL, atol=ATOL)
    if not result.success:
        raise RuntimeError(f"the ODE solver failed between day {t0:g} and {t1:g}: {result.message}")
    return np.maximum(result.y[:, -1], 0.0)
