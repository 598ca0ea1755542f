"""Leaf field types of the scenario schema: each parses one TOML value or raises FieldError
with a 'found X, expected Y' message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import PlainValidator

from .distributions import parse_distribution
from .errors import FieldError, show, suggest
from ..people.states import SKILLS, STATE_NAMES
from .model import AUTHORITY_ACTS, CANCEL, LIFT, Distribution
from .units import parse_duration, parse_length, parse_number, parse_speed


def leaf(kind: type, check: Callable[[Any], Any]) -> Any:
    def validate(value: Any) -> Any:
        try:
            return check(value)
        except FieldError:
            raise
        except ValueError as e:
            raise FieldError(str(e)) from None

    return Annotated[kind, PlainValidator(validate)]


def _integer(low: int, high: int | None = None) -> Callable[[Any], int]:
    expected = f"an integer from {low} to {high}" if high is not None else f"an integer of at least {low}"

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            raise ValueError(f"found {show(value)}, expected {expected}")
        return value

    return check


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


def _between(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if number is None or not low <= number <= high:
            raise ValueError(f"found {show(value)}, expected a number from {low:g} to {high:g}")
        return number

    return check


def _at_least_zero(value: Any) -> float:
    number = parse_number(value)
    if number < 0:
        raise ValueError(f"found {show(value)}, expected a number of at least 0")
    return number


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


def _positive(parse: Callable[[Any], float], what: str) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        number = parse(value)
        if number <= 0:
            raise ValueError(f"found {show(value)}, expected {what} greater than 0")
        return number

    return check


Text = leaf(str, _text)
AnyText = leaf(str, _any_text)
Texts = leaf(tuple, _texts)
Skills = leaf(tuple, _skills)
Flag = leaf(bool, _flag)
Seed = leaf(int, _integer(0, 2**63 - 1))  # a 64-bit signed integer, as the kernels take it
Count = leaf(int, _integer(0, 2**31 - 1))  # people and cells are numbered with 32-bit integers
AtLeastOne = leaf(int, _integer(1, 2**31 - 1))
Capacity = leaf(int, _integer(0, 2**31 - 1))  # 0: no limit
Side = leaf(int, _integer(10, 5000))
Probability = leaf(float, _between(0.0, 1.0))
Unit = leaf(float, _between(0.0, 1.0))
NonNegative = leaf(float, _at_least_zero)
Duration = leaf(float, _positive(parse_duration, "a duration"))
Moment = leaf(float, parse_duration)  # a time from the start, or a span that may be zero
Length = leaf(float, _positive(parse_length, "a length"))
Distance = leaf(float, parse_length)  # a length that may be zero
Speed = leaf(float, parse_speed)
State = leaf(int, _state)
Act = leaf(int, _act)
OnMessage = leaf(object, _on_message)
DurationDistribution = leaf(Distribution, lambda v: parse_distribution(v, parse_duration))
TraitDistribution = leaf(Distribution, lambda v: parse_distribution(v, bounds=(0.0, 1.0)))


def Choice(*options: str) -> Any:  # noqa: N802 - used like a type
    return leaf(str, choice(*options))
