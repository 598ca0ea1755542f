"""Dotted paths into a Scenario: "infection.bite", "people[0].traits.altruism",
"characters['Lee Cheong-san'].traits.bravery". A path is parsed once into steps (field names,
indices and names in brackets), read from a scenario, and written into a copy of it.

A value for a path is parsed by the scenario schema's own field type when the path has a field
in a scenario file (so "90s", "1.4m/s" and probabilities in 0..1 mean what they mean there), or
else by the type of the value it replaces.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from typing import Annotated, Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..scenario.distributions import parse_distribution
from ..scenario.errors import show, suggest
from ..scenario.catalog import MODELS
from ..scenario.model_spec import ModelSpec
from ..people.states import TRAITS
from ..scenario.model import Distribution, Scenario
from ..scenario.schema import sections



class Key(str):
    """A name in brackets: an entry found by its name, as in characters['Nam On-jo']."""


Step = str | int
_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[\s*(\d+)\s*\]|\[\s*(['\"])(.*?)\3\s*\]")
FIXED_FIELDS = ("name", "kind", "description", "source_files", "sha256")
TOP = "scenario"  # the file section of the Scenario's own fields (tick, duration...)
# Dataclass names that are spelled differently in scenario files.
FILE_NAMES = {"characters": "character", "authorities": "authority", "act": "do", "cell_size": "cell"}


class PathError(ValueError):
    """A path that names nothing in the scenario, or a value that does not fit its field."""


@functools.lru_cache(maxsize=256)
def parse_path(text: str) -> tuple[Step, ...]:
    """Steps of a dotted path: names, integer indices and bracketed names."""
    if not isinstance(text, str) or not text.strip():
        raise PathError(f"found {show(text)}, expected a path like \"infection.bite\"")
    steps: list[Step] = []
    pos, text = 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or (m.group(1) and pos > 0 and not m.group(0).startswith(".")) \
                or (pos == 0 and m.group(0).startswith(".")):
            raise PathError(f"found '{text}', expected a path like \"infection.bite\" or "
                            "\"people[0].traits.altruism\" (cannot read it from column "
                            f"{pos + 1})")
        name, index, _, key = m.groups()
        steps.append(name if name is not None else int(index) if index is not None else Key(key))
        pos = m.end()
    if not isinstance(steps[0], str) or steps[0] in FIXED_FIELDS:
        raise PathError(f"found '{text}', expected a path to a parameter; the scenario's "
                        f"{', '.join(FIXED_FIELDS)} cannot be swept")
    return tuple(steps)


def get(scenario: Scenario, steps: tuple[Step, ...]) -> Any:
    """The value at steps (None for a trait a people entry leaves to its default)."""
    obj: Any = scenario
    parent: Any = None
    for n, step in enumerate(steps):
        if obj is None:
            raise PathError(f"'{format_path(steps[:n])}' is not set in this scenario (kind {scenario.kind})")
        if isinstance(obj, dict) and step not in obj:
            obj = _missing(parent, steps[n - 1], step, steps[:n], obj)
        else:
            parent, obj = obj, _child(obj, step, steps[:n])
    if _is_branch(obj):
        raise PathError(f"'{format_path(steps)}' is a table, expected a path to one value, "
                        f"like '{format_path(steps)}.{_fields(obj)[0]}'" if _fields(obj) else
                        f"'{format_path(steps)}' is a list, expected a path to one value")
    return obj


def put(obj: Any, steps: tuple[Step, ...], value: Any) -> Any:
    """A copy of obj with the value at steps replaced (obj itself is not changed)."""
    if not steps:
        return value
    head, rest = steps[0], steps[1:]
    if isinstance(obj, tuple):
        i = _index(obj, head, ())
        return obj[:i] + (put(obj[i], rest, value),) + obj[i + 1:]
    if isinstance(obj, dict):
        return {**obj, head: put(obj.get(head), rest, value)}
    name = str(head)  # a dataclass's field: a name, never an index
    return dataclasses.replace(obj, **{name: put(getattr(obj, name), rest, value)})


def apply(scenario: Scenario, changes: dict[str, Any]) -> Scenario:
    """The scenario with each path set to its value, given as a scenario file writes it."""
    for path, raw in changes.items():
        steps = parse_path(path)
        scenario = put(scenario, steps, parse_value(scenario, steps, raw))
    return scenario


def parse_value(scenario: Scenario, steps: tuple[Step, ...], raw: Any) -> Any:
    """raw (as written in a TOML file) parsed for the field at steps; raises PathError."""
    current = get(scenario, steps)
    field = schema_field(steps)
    if field is not None:
        try:
            return field.validate_python(raw)
        except ValidationError as e:
            raise PathError(_message(e)) from None
    return _like(current, raw)


def column_value(value: Any) -> Any:
    """What a table shows for a parsed value: a fixed distribution as its number."""
    if isinstance(value, Distribution):
        return value.a if value.name == "fixed" else f"{value.name}({value.a:g}, {value.b:g})"
    return value


def format_path(steps: tuple[Step, ...]) -> str:
    out = ""
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else f"[{str(step)!r}]" if isinstance(step, Key) \
            else f".{step}" if out else step
    return out


@functools.lru_cache(maxsize=256)
def schema_field(steps: tuple[Step, ...]) -> TypeAdapter | None:
    """The scenario file's field type for a path, or None when the schema has no such field."""
    known = sections()
    first = str(steps[0])  # a section or a top-level key: always a name
    head = FILE_NAMES.get(first, first)
    rest = list(steps[1:])
    if head in known[TOP][0].model_fields:
        head, rest = TOP, [steps[0], *rest]
    if head not in known:
        return None
    if known[head][1] and rest and isinstance(rest[0], (int, Key)):
        rest.pop(0)  # the entry of an array of tables: [[people]][1]
    model: Any = known[head][0]
    for step in rest:
        name = FILE_NAMES.get(step, step) if isinstance(step, str) and not isinstance(step, Key) else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or name not in model.model_fields:
            return None
        info = model.model_fields[name]
        model = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    if _has_model(model):
        return None
    return TypeAdapter(model)


def _has_model(annotation: Any) -> bool:
    """Whether an annotation is, or may be, a table of the schema (not one value)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_has_model(a) for a in get_args(annotation))


def _child(obj: Any, step: Step, above: tuple[Step, ...]) -> Any:
    where = f" in '{format_path(above)}'" if above else ""
    if isinstance(obj, tuple):
        return obj[_index(obj, step, above)]
    if isinstance(obj, dict):
        return obj[step]
    if isinstance(step, str) and dataclasses.is_dataclass(obj) and step in _fields(obj):
        return getattr(obj, step)
    options = _fields(obj)
    if not options:
        raise PathError(f"'{format_path(above)}' is a value, it has no '{step}'")
    hint = suggest(str(step), options) or f"; expected one of: {', '.join(options)}"
    raise PathError(f"unknown field '{step}'{where}{hint}")


def _missing(owner: Any, name: Step, key: Step, above: tuple[Step, ...], present: dict) -> Any:
    """The value that a key left out of a dict stands for (a trait, a model's parameter...)."""
    keys: dict[str, Any] = dict(present)
    if name == "traits":
        keys = dict.fromkeys(TRAITS)  # None: the schema's trait field parses the value
    elif isinstance(owner, ModelSpec) and owner.name in MODELS:
        model = MODELS[owner.name]
        if name == "parameters":
            keys = {k: p.default for k, p in model.parameters.items()}
        elif name == "initial":
            keys = {k: model.initial.get(k, 0) for k in model.species}
    if key in keys:
        return keys[key]
    hint = suggest(str(key), keys) or (f"; expected one of: {', '.join(keys)}" if keys else "")
    raise PathError(f"unknown key '{key}' in '{format_path(above)}'{hint}")


def _index(items: tuple, step: Step, above: tuple[Step, ...]) -> int:
    if isinstance(step, int):
        if step < len(items):
            return step
        raise PathError(f"found index {step} in '{format_path(above)}', expected 0 to "
                        f"{len(items) - 1} (it has {len(items)} entries; the first is [0])"
                        if items else f"'{format_path(above)}' is empty: there is no [{step}]")
    names = [getattr(item, "name", None) for item in items]
    if step in names:
        return names.index(step)
    known = [n for n in names if isinstance(n, str)]
    raise PathError(f"found '{step}' in '{format_path(above)}', expected an index [0], [1]... "
                    f"or a name{suggest(step, known)}" if known else
                    f"found '{step}' in '{format_path(above)}', expected an index [0], [1]...")


def _fields(obj: Any) -> list[str]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [f.name for f in dataclasses.fields(obj) if f.name not in FIXED_FIELDS]
    return []


def _is_branch(obj: Any) -> bool:
    if isinstance(obj, Distribution):
        return False
    return isinstance(obj, (tuple, list, dict)) or (dataclasses.is_dataclass(obj) and not isinstance(obj, type))


def _like(current: Any, raw: Any) -> Any:
    """raw parsed as a value of current's type (paths that scenario files do not write)."""
    if isinstance(current, Distribution):
        try:
            return parse_distribution(raw)
        except ValueError as e:
            raise PathError(str(e)) from None
    for kind in (bool, int, float, str):
        if isinstance(current, kind):
            break
    else:
        raise PathError(f"found {show(raw)}, but this field cannot be set from a sweep file")
    number = kind in (int, float) and not isinstance(raw, bool) and isinstance(raw, (int, float))
    ok = isinstance(raw, kind) and not (kind is not bool and isinstance(raw, bool))
    if number and kind is float:
        raw, ok = float(raw), math.isfinite(raw)
    if not ok or (number and raw < 0):
        expected = {bool: "true or false", int: "an integer of at least 0", float: "a number of at "
                    "least 0 (in base units: seconds, metres, metres per second; rates per day)",
                    str: "a string"}[kind]
        raise PathError(f"found {show(raw)}, expected {expected}")
    return raw


def _message(e: ValidationError) -> str:
    errors = e.errors()
    for error in errors:
        if error["type"] == "value_error":
            exc = error["ctx"]["error"]
            items = getattr(exc, "items", None)
            return items[0][1] if items else str(exc)
    return errors[0]["msg"]
