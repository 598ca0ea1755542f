"""Axes of a sweep: the values of one parameter, from a list, a range, or a sampled design
(Latin hypercube or Sobol, through scipy.stats.qmc) over several ranges at once.

Values come out "raw", as a scenario file would write them in base units (a float for "90s" is
90.0), so that a worker parses them exactly as the sweep file's own values were checked.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..scenario.errors import show, unknown_key
from .paths import column_value
from .seeds import sample_rng

RANGE_KEYS = ("from", "to", "steps", "step", "scale")
SAMPLED_KEYS = ("from", "to", "scale")
SCALES = ("linear", "log")
METHODS = ("lhs", "sobol")
Parse = Callable[[Any], Any]  # a raw value -> the parsed value; raises ValueError


class AxisError(ValueError):
    """A bad axis; `key` names the part of the axis at fault (None: the whole axis)."""

    def __init__(self, message: str, key: str | int | None = None):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Bounds:
    """One dimension of a sampled design."""

    low: float
    high: float
    log: bool
    integer: bool


def grid_values(spec: Any, parse: Parse) -> list[Any]:
    """The raw values of a grid axis: a list, or {from, to, steps | step, scale}."""
    if isinstance(spec, list):
        if not spec:
            raise AxisError("found an empty array, expected at least one value")
        for i, value in enumerate(spec):
            if isinstance(value, (dict, list)):
                raise AxisError(f"found {show(value)}, expected a number, a string or a boolean", i)
            _check(parse, value, i)
        return list(spec)
    if not isinstance(spec, dict):
        raise AxisError(f"found {show(spec)}, expected an array of values or a range like "
                        "{from = 0.1, to = 0.9, steps = 5}")
    b = bounds(spec, parse, RANGE_KEYS)
    steps, step = spec.get("steps"), spec.get("step")
    if (steps is None) == (step is None):
        raise AxisError("found " + ("both steps and step" if steps is not None else "neither steps nor step")
                        + ", expected one of them (or a [sample] design for a range with neither)")
    if steps is not None:
        if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
            raise AxisError(f"found {show(steps)}, expected an integer of at least 1", "steps")
        lo, hi = (math.log(b.low), math.log(b.high)) if b.log else (b.low, b.high)
        values = [float(v) for v in np.linspace(lo, hi, steps)]
        values = [math.exp(v) for v in values] if b.log else values
    else:
        if b.log:
            raise AxisError('found scale = "log" with step, expected steps for a log scale', "scale")
        values = _stepped(b, spec["step"], parse)
    values = [_round(v) if b.integer else _tidy(v) for v in values]
    for value in values:
        _check(parse, value, None)
    return values


def count(spec: Any, parse: Parse) -> int:
    """How many values a grid axis has, without making them (1 for an axis with a problem,
    which grid_values reports)."""
    if isinstance(spec, list):
        return max(1, len(spec))
    if not isinstance(spec, dict):
        return 1
    steps, step = spec.get("steps"), spec.get("step")
    if isinstance(steps, int) and not isinstance(steps, bool) and steps >= 1:
        return steps
    if steps is None and step is not None:
        try:
            b = bounds(spec, parse, RANGE_KEYS)
            size = column_value(_check(parse, step, "step"))
        except AxisError:
            return 1
        if isinstance(size, (int, float)) and not isinstance(size, bool) and size > 0:
            return math.floor(abs(b.high - b.low) / size * (1 + 1e-9)) + 1
    return 1


def bounds(spec: dict, parse: Parse, keys: Sequence[str]) -> Bounds:
    """Check a range table's keys and read its from, to and scale."""
    for key in spec:
        if key not in keys:
            raise AxisError(unknown_key(key, keys), key)
    ends = []
    for key in ("from", "to"):
        if key not in spec:
            raise AxisError(f"missing key '{key}'")
        value = column_value(_check(parse, spec[key], key))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AxisError(f"found {show(spec[key])}, expected a number for a range", key)
        ends.append(value)
    scale = spec.get("scale", "linear")
    if scale not in SCALES:
        raise AxisError(f"found {show(scale)}, expected one of: {', '.join(SCALES)}", "scale")
    if scale == "log" and min(ends) <= 0:
        raise AxisError("found a log scale over a range that reaches 0, expected from and to above 0", "scale")
    integer = all(isinstance(v, int) for v in ends)
    return Bounds(float(ends[0]), float(ends[1]), scale == "log", integer)


def sampled_values(method: str, points: int, seed: int, dims: list[Bounds]) -> list[list[Any]]:
    """A design of `points` rows over the given ranges, each column in its range (raw values)."""
    from scipy.stats import qmc

    rng = sample_rng(seed)
    if method == "sobol":
        unit = qmc.Sobol(len(dims), scramble=True, rng=rng).random_base2(int(math.log2(points)))
    else:
        unit = qmc.LatinHypercube(len(dims), rng=rng).random(points)
    rows = []
    for u in unit:
        row = []
        for x, b in zip(u, dims):
            value = math.exp(math.log(b.low) + x * (math.log(b.high) - math.log(b.low))) if b.log \
                else b.low + x * (b.high - b.low)
            row.append(_round(value) if b.integer else float(value))
        rows.append(row)
    return rows


def product(axes: list[list[Any]]) -> list[tuple[Any, ...]]:
    """Every combination, the first axis varying slowest."""
    return list(itertools.product(*axes))


def _stepped(b: Bounds, step: Any, parse: Parse) -> list[float]:
    size = column_value(_check(parse, step, "step"))
    if isinstance(size, bool) or not isinstance(size, (int, float)) or size <= 0:
        raise AxisError(f"found {show(step)}, expected a step above 0", "step")
    n = math.floor(abs(b.high - b.low) / size * (1 + 1e-9)) + 1
    if n > 100_000:
        raise AxisError(f"found a step that makes {n} values, expected at most 100000", "step")
    sign = 1.0 if b.high >= b.low else -1.0
    return [b.low + sign * k * size for k in range(n)]


def _check(parse: Parse, value: Any, key: str | int | None) -> Any:
    try:
        return parse(value)
    except ValueError as e:
        raise AxisError(str(e), key) from None


def _tidy(value: float) -> float:
    """value without the noise of float steps (0.15000000000000002 -> 0.15)."""
    return float(f"{value:.12g}")


def _round(value: float) -> int:
    return int(math.floor(value + 0.5))
