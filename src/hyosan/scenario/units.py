"""Quantities with units: durations to seconds, lengths to metres, speeds to metres per second."""

from __future__ import annotations

import math
import re

from .errors import show

DURATION_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
LENGTH_UNITS = {"cm": 0.01, "m": 1.0, "km": 1000.0}
SPEED_UNITS = {"m/s": 1.0, "km/h": 1000.0 / 3600.0}

_PART = re.compile(r"(\d+(?:\.\d*)?)(ms|s|m|h|d)")
_COMPOUND = re.compile(r"(?:\d+(?:\.\d*)?(?:ms|s|m|h|d)){2,}")
_QUANTITY = re.compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z/]*)\s*")


def _quantity(value: object, units: dict[str, float], what: str, examples: str) -> float:
    expected = f"expected {what} like {examples}"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"found {show(value)}, {expected}")
    if isinstance(value, str):
        match = _QUANTITY.fullmatch(value)
        if not match:
            raise ValueError(f"found {show(value)}, {expected}")
        number, unit = float(match[1]), match[2]
        if unit and unit not in units:
            known = ", ".join(units)
            raise ValueError(f"found {show(value)}: unknown unit '{unit}' (known: {known}); {expected}")
        number *= units[unit] if unit else 1.0
    else:
        try:
            number = float(value)
        except OverflowError:  # an integer past the floats' range
            number = math.inf
    return _finite(number, value, what)


def _finite(number: float, value: object, what: str) -> float:
    if not math.isfinite(number):
        raise ValueError(f"found {show(value)}, expected a finite number")
    if number < 0:
        raise ValueError(f"found {show(value)}, expected {what} of at least 0")
    return number


def parse_duration(value: object) -> float:
    """Seconds from "90s", "2m", "6h", "3d", "500ms", "1h20m" or a bare number of seconds."""
    if isinstance(value, str) and _COMPOUND.fullmatch(value.strip()):
        total = sum(float(n) * DURATION_UNITS[u] for n, u in _PART.findall(value))
        return _finite(total, value, "a duration")
    return _quantity(value, DURATION_UNITS, "a duration",
                     '"90s", "2m", "6h", "1h20m", "500ms" (a bare number is seconds)')


def parse_length(value: object) -> float:
    """Metres from "1m", "50cm", "2km" or a bare number of metres."""
    return _quantity(value, LENGTH_UNITS, "a length", '"1m", "50cm", "2km" (a bare number is metres)')


def parse_speed(value: object) -> float:
    """Metres per second from "1.4m/s", "5km/h" or a bare number of m/s."""
    return _quantity(value, SPEED_UNITS, "a speed", '"1.4m/s", "5km/h" (a bare number is m/s)')


def parse_number(value: object) -> float:
    """A plain finite number (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"found {show(value)}, expected a number")
    return float(value)
