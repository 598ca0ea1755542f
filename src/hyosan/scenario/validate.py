"""Validate the parsed TOML section by section, so that every problem is found in one pass."""

from __future__ import annotations

import inspect
from typing import Any, get_args

import numpy as np
from pydantic import BaseModel, ValidationError

from .errors import show, suggest, unknown_key
from .lines import Path
from ..world.terrain import DOOR, FLOOR, STAIRS
from .model import MapData
from .schema import sections as schema_sections
from .science import REQUIRED, misplaced, scenario_kind, section_required

Found = list[tuple[Path, str]]  # (path, message)


def validate_sections(raw: dict[str, Any]) -> tuple[dict[str, Any], Found]:
    """Each section as its model (a list of models for [[people]] and [[character]]); a section
    or entry that fails is None. Returns the sections and the problems found."""
    found: Found = []
    known = schema_sections()
    for key, value in raw.items():
        if key in known:
            continue
        owners = [name for name, (model, _, _) in known.items() if key in model.model_fields]
        if owners and not isinstance(value, (dict, list)):
            found.append(((key,), f"key '{key}' is outside any section; expected it under [{owners[0]}]"))
        else:
            found.append(((key,), f"unknown section [{key}]{suggest(key, known)}"))
    sections: dict[str, Any] = {}
    kind = scenario_kind(raw)
    for name, (model, many, required) in known.items():
        required = section_required(name, kind, required)
        if name not in raw:
            if required:
                found.append(((name,), f"missing section [{name}]"))
            sections[name] = None if required or name in REQUIRED else [] if many else model()
        elif message := misplaced(name, kind):
            found.append(((name,), message))
            sections[name] = None
        elif not many:
            sections[name] = _one(model, raw[name], (name,), found)
        elif isinstance(raw[name], list):
            sections[name] = [_one(model, entry, (name, i), found) for i, entry in enumerate(raw[name])]
        else:
            found.append(((name,), f"found {show(raw[name])}, expected [[{name}]] entries (an array of tables)"))
            sections[name] = None
    return sections, found


def cross_checks(raw: dict[str, Any], sections: dict[str, Any]) -> Found:
    """Checks between fields: duration >= tick, unique character names, kin."""
    found: Found = []
    scenario = sections["scenario"]
    if scenario is not None and scenario.duration < scenario.tick:
        tick = show(raw["scenario"].get("tick", scenario.tick))
        duration = raw["scenario"].get("duration")
        given = show(duration) if duration is not None else f"no duration (the default is {scenario.duration:g} s)"
        found.append((("scenario", "duration"), f"found {given}, expected a duration of at least the tick ({tick})"))
    characters = sections["character"] or []
    names = [c.name for c in characters if c is not None]
    first: dict[str, int] = {}
    for i, c in enumerate(characters):
        if c is None:
            continue
        if c.name in first:
            found.append((("character", i, "name"), f"found '{c.name}' again (first in [[character]]"
                          f"[{first[c.name] + 1}]), expected each character to have its own name"))
        first.setdefault(c.name, i)
        for n, kin in enumerate(c.kin):
            if kin not in names or kin == c.name:
                others = [m for m in names if m != c.name]
                found.append((("character", i, "kin", n),
                              f"found '{kin}', expected the name of another [[character]]{suggest(kin, others)}"))
    found += _check_leaders(characters)
    return found


def _check_leaders(characters: list[Any]) -> Found:
    """A leader belongs to a group, and a group has at most one leader."""
    found: Found = []
    leaders: dict[str, str] = {}
    for i, c in enumerate(characters):
        if c is None or not c.leader:
            continue
        if c.group is None:
            found.append((("character", i, "leader"), f"found leader = true for '{c.name}', who has "
                          "no group; expected a group = \"...\" for them to lead"))
        elif c.group in leaders:
            found.append((("character", i, "leader"), f"found a second leader of group '{c.group}' "
                          f"('{leaders[c.group]}' leads it already), expected at most one leader "
                          "per group"))
        else:
            leaders[c.group] = c.name
    return found


def check_where(sections: dict[str, Any], places: set[str]) -> Found:
    """Every `where` (and an authority's `zone`) names a room name, a room tag, or "anywhere"."""
    found: Found = []
    for section, key in (("people", "where"), ("character", "where"), ("authority", "zone")):
        for i, entry in enumerate(sections[section] or []):
            place = getattr(entry, key, None)
            if place is not None and place not in places:
                found.append(((section, i, key), f"found '{place}', expected a room name, a room tag "
                              f"or 'anywhere'{suggest(place, places)}"))
    found += _check_messenger(sections, places - {"anywhere"})
    return found


def _check_messenger(sections: dict[str, Any], places: set[str]) -> Found:
    """When a character carries a message, [behaviours.messenger].to names a room or a room tag."""
    acts = sections.get("behaviours")
    carriers = [c for c in sections["character"] or [] if c is not None and c.message]
    if acts is None or not carriers or not acts.messenger.on or acts.messenger.to in places:
        return []
    to = acts.messenger.to
    return [(("behaviours", "messenger", "to"), f"found '{to}' (where {carriers[0].name}'s message "
             f"goes), expected a room name or a room tag{suggest(to, places)}")]


def _one(model: type[BaseModel], value: Any, prefix: Path, found: Found) -> BaseModel | None:
    try:
        return model.model_validate(value)
    except ValidationError as e:
        for error in e.errors():
            found.extend(_translate(dict(error), model, prefix))
        return None


def _translate(error: dict[str, Any], model: type[BaseModel], prefix: Path) -> Found:
    """A pydantic error as (path, 'found X, expected Y') items."""
    loc, kind = tuple(error["loc"]), error["type"]
    if kind == "value_error":
        exc = error["ctx"]["error"]
        return [(prefix + loc + sub, message) for sub, message in getattr(exc, "items", [((), str(exc))])]
    if kind == "extra_forbidden":
        return [(prefix + loc, unknown_key(str(loc[-1]), _fields_at(model, loc[:-1])))]
    if kind == "missing":
        return [(prefix + loc, f"missing required key '{loc[-1]}'")]
    expected = "a table" if kind in ("model_type", "dict_type", "model_attributes_type") else "a valid value"
    return [(prefix + loc, f"found {show(error.get('input'))}, expected {expected}")]


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    for part in loc:
        if isinstance(part, str) and part in model.model_fields:
            model = _model_in(model.model_fields[part].annotation) or model
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


def check_fit(sections: dict[str, Any], mapdata: MapData) -> Found:
    """The people sent to each place fit in it (its standing cells times the cell capacity)."""
    standing = np.isin(mapdata.terrain, (FLOOR, DOOR, STAIRS))
    found: Found = []
    asked: dict[str, tuple[int, Path]] = {}
    for section in ("character", "people"):
        for i, entry in enumerate(sections[section] or []):
            if entry is not None:
                count = 1 if section == "character" else entry.count
                total, first = asked.get(entry.where, (0, (section, i, "where")))
                asked[entry.where] = (total + count, first)
    if mapdata.capacity == 0:
        return found
    for where, (total, path) in asked.items():
        if where == "anywhere":
            cells = standing
        else:
            rooms = [k for k, r in enumerate(mapdata.rooms) if where in (r.name, *r.tags)]
            cells = standing & np.isin(mapdata.zone, rooms)
        room = int(cells.sum()) * mapdata.capacity
        if total > room:
            found.append((path, f"found {total} people for '{where}', expected at most {room} "
                                f"({int(cells.sum())} cells x capacity {mapdata.capacity})"))
    return found


def built_checks(scenario: Any) -> Found:
    """The checks between fields, run on a built Scenario: one a sweep's point makes, its
    values set after the file was read (`tick`, a `where`, a count...)."""
    sections = {"scenario": scenario, "people": list(scenario.people),
                "character": list(scenario.characters), "authority": list(scenario.authorities),
                "behaviours": scenario.behaviours}
    written = {"scenario": {"tick": f"{scenario.tick:g}s", "duration": f"{scenario.duration:g}s"}}
    found = cross_checks(written, sections)
    if scenario.map is not None:
        found += check_where(sections, places_of(scenario.map)) or check_fit(sections, scenario.map)
    return found


def places_of(mapdata: MapData) -> set[str]:
    """What a `where` may name: a room, a room tag, or anywhere."""
    return {r.name for r in mapdata.rooms} | {t for r in mapdata.rooms for t in r.tags} | {"anywhere"}
