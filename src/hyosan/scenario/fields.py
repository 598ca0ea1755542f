"""Leaf field types of the scenario schema: each parses one TOML value or raises FieldError
with a 'found X, expected Y' message."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainValidator

from .distributions import parse_distribution
from .errors import FieldError, show, suggest
from ..people.states import SKILLS, STATE_NAMES
from .model import AUTHORITY_ACTS, CANCEL, LIFT, Distribution
from .units import parse_duration, parse_length, parse_speed


@dataclass(frozen=True)
class Range:
    """The values a number may take, declared once: its field's check reads it, and so does the
    table of ranges in docs/scenario-format.md (`scenario.ranges`)."""

    noun: str  # what the value is: "an integer", "a number", "a duration"...
    low: float
    high: float = math.inf
    above: bool = False  # low itself is out: greater than low

    def __contains__(self, x: float) -> bool:
        if isinstance(x, float) and not math.isfinite(x):
            return False  # nan, inf and -inf are in no range
        return (x > self.low if self.above else x >= self.low) and x <= self.high

    def __str__(self) -> str:
        if self.above:
            return f"{self.noun} greater than {_plain(self.low)}"
        if self.high == math.inf:
            return f"{self.noun} of at least {_plain(self.low)}"
        return f"{self.noun} from {_plain(self.low)} to {_plain(self.high)}"


def _plain(x: float) -> str:
    """A bound as written in full: 2147483647, not 2.14748e+09."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def leaf(kind: type, check: Callable[[Any], Any], bounds: Range | None = None) -> Any:
    """A field type: `check` parses a TOML value (raising ValueError with a 'found X, expected Y'
    message); `bounds` are the range it checks, kept with the type for the docs' table."""

    def validate(value: Any) -> Any:
        try:
            return check(value)
        except FieldError:
            raise
        except ValueError as e:
            raise FieldError(str(e)) from None

    if bounds is None:
        return Annotated[kind, PlainValidator(validate)]
    return Annotated[kind, PlainValidator(validate), bounds]


def integer(low: int, high: int) -> Any:
    """An integer field from low to high."""
    bounds = Range("an integer", low, high)

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value not in bounds:
            raise ValueError(f"found {show(value)}, expected {bounds}")
        return value

    return leaf(int, check, bounds)


def _any_number(value: Any) -> float:
    """A TOML number as a float (inf past the floats' range); NaN, in no range, for anything
    else."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return math.nan
    try:
        return float(value)
    except OverflowError:
        return math.inf


def number(bounds: Range, parse: Callable[[Any], float] = _any_number) -> Any:
    """A number field inside `bounds`, read by `parse` (a plain number, a duration, a length)."""

    def check(value: Any) -> float:
        x = parse(value)
        if x not in bounds:
            raise ValueError(f"found {show(value)}, expected {bounds}")
        return x

    return leaf(float, check, bounds)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"found {show(value)}, expected a non-empty string")
    return value


def _any_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"found {show(value)}, expected a string")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"found {show(value)}, expected an array of strings like [\"a\", \"b\"]")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise FieldError(f"found {show(item)}, expected a non-empty string", i)
    return tuple(value)


def _skills(value: Any) -> tuple[str, ...]:
    names = _texts(value)
    for i, name in enumerate(names):
        if name not in SKILLS:
            raise FieldError(f"found '{name}', expected one of: {', '.join(SKILLS)}{suggest(name, SKILLS)}", i)
    return names


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"found {show(value)}, expected true or false")
    return value


def choice(*options: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            hint = suggest(value, options) if isinstance(value, str) else ""
            raise ValueError(f"found {show(value)}, expected one of: {', '.join(options)}{hint}")
        return value

    return check


def _state(value: Any) -> int:
    return STATE_NAMES.index(choice(*STATE_NAMES[:4])(value))


def _act(value: Any) -> int:
    return AUTHORITY_ACTS.index(choice(*AUTHORITY_ACTS)(value))


def _on_message(value: Any) -> float | str:
    """A duration (the order starts at most this long after a delivery), "lift" or "cancel"."""
    if value in (LIFT, CANCEL):
        return value
    try:
        return parse_duration(value)
    except ValueError:
        raise ValueError(f'found {show(value)}, expected a duration like "30m" (the order starts at '
                         'most this long after a message is delivered), "lift" (a quarantine) or '
                         '"cancel" (a rescue or a bombing)') from None


Text = leaf(str, _text)
AnyText = leaf(str, _any_text)
Texts = leaf(tuple, _texts)
Skills = leaf(tuple, _skills)
Flag = leaf(bool, _flag)
Seed = integer(0, 2**63 - 1)  # a 64-bit signed integer, as the kernels take it
Count = integer(0, 2**31 - 1)  # people and cells are numbered with 32-bit integers
AtLeastOne = integer(1, 2**31 - 1)
Capacity = integer(0, 2**31 - 1)  # 0: no limit
Side = integer(10, 5000)
Probability = number(Range("a number", 0.0, 1.0))
Unit = number(Range("a number", 0.0, 1.0))
NonNegative = number(Range("a number", 0.0))
Duration = number(Range("a duration", 0.0, above=True), parse_duration)
Moment = number(Range("a duration", 0.0), parse_duration)  # a time from the start, or a span
Length = number(Range("a length", 0.0, above=True), parse_length)
Distance = number(Range("a length", 0.0), parse_length)
Speed = number(Range("a speed", 0.0), parse_speed)
State = leaf(int, _state)
Act = leaf(int, _act)
OnMessage = leaf(object, _on_message)
DurationDistribution = leaf(Distribution, lambda v: parse_distribution(v, parse_duration))
TraitDistribution = leaf(Distribution, lambda v: parse_distribution(v, bounds=(0.0, 1.0)))


def Choice(*options: str) -> Any:  # noqa: N802 - used like a type
    return leaf(str, choice(*options))
