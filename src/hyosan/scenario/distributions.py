"""Distributions written as data: {dist = "lognormal", median = "2m", sigma = 0.7}."""

from __future__ import annotations

from collections.abc import Callable

from .errors import FieldError, show, suggest, unknown_key
from ..dice import DIST_NAMES
from .model import Distribution
from .units import parse_number

PARAMS = {
    "fixed": ("value",),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
    "beta": ("a", "b"),
    "exponential": ("mean",),
}
# Parameters measured in the field's unit (seconds for a duration); the rest are plain numbers.
SCALED = {"value", "low", "high", "mean", "sd", "median"}
LOCATION = {"value", "low", "high", "mean", "median"}
_POSITIVE = {("normal", "sd"), ("lognormal", "median"), ("lognormal", "sigma"),
             ("beta", "a"), ("beta", "b"), ("exponential", "mean")}


def parse_distribution(
    raw: object,
    unit: Callable[[object], float] = parse_number,
    bounds: tuple[float, float] | None = None,
) -> Distribution:
    """A Distribution from a TOML value; `unit` converts the scaled parameters to base units.

    A bare value (a number, or a string such as "2m" when `unit` takes units) means fixed.
    `bounds` limits the location parameters, e.g. (0, 1) for a trait.
    Raises FieldError naming each bad parameter.
    """
    if not isinstance(raw, dict):
        try:
            value = {"value": unit(raw)}
        except ValueError as e:
            raise FieldError(f"{e}, or a distribution like {{dist = \"uniform\", low = 0, high = 1}}") from None
        try:
            return _checked("fixed", value, bounds)
        except FieldError as e:
            raise FieldError(e.items[0][1]) from None  # a bare value has no parameter name
    name = raw.get("dist")
    if name is None:
        raise FieldError("missing key 'dist'; expected one of: " + ", ".join(PARAMS))
    if name not in PARAMS:
        hint = suggest(name, PARAMS) if isinstance(name, str) else ""
        raise FieldError(f"found {show(name)}, expected one of: {', '.join(PARAMS)}{hint}", "dist")
    problems: list[tuple[tuple, str]] = []
    values: dict[str, float] = {}
    for key, value in raw.items():
        if key == "dist":
            continue
        if key not in PARAMS[name]:
            problems.append(((key,), f"{unknown_key(key, PARAMS[name])} (parameters of a {name} distribution)"))
            continue
        try:
            values[key] = (unit if key in SCALED else parse_number)(value)
        except ValueError as e:
            problems.append(((key,), str(e)))
    for key in PARAMS[name]:
        if key not in raw:
            problems.append(((), f"missing parameter '{key}' of a {name} distribution"))
    if problems:
        raise FieldError(problems[0][1], *problems[0][0], more=problems[1:])
    return _checked(name, values, bounds)


def _checked(name: str, values: dict[str, float], bounds: tuple[float, float] | None) -> Distribution:
    problems = []
    for key, value in values.items():
        if (name, key) in _POSITIVE and value <= 0:
            problems.append(((key,), f"found {value:g}, expected a number greater than 0"))
        elif bounds and key in LOCATION and not bounds[0] <= value <= bounds[1]:
            problems.append(((key,), f"found {value:g}, expected a number from {bounds[0]:g} to {bounds[1]:g}"))
    if name == "uniform" and values["low"] > values["high"]:
        problems.append((("high",), f"found high {values['high']:g} below low {values['low']:g}, expected low <= high"))
    if problems:
        raise FieldError(problems[0][1], *problems[0][0], more=problems[1:])
    a, *rest = (values[k] for k in PARAMS[name])
    return Distribution(DIST_NAMES.index(name), a, *rest)
