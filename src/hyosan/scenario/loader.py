"""Load a scenario: read the TOML and its map, validate everything, build the model."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tomllib
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from .behaviours import Behaviours, behaviours_type
from .errors import Problem, ScenarioError, sorted_problems, suggest
from .lines import LineIndex, field_name
from .mapfile import parse_map
from .model import Authority, CharacterSpec, Doors, Infection, MapData, Movement, PeopleSpec, Record, Room, Scenario
from .model_spec import LatticeSpec, ModelSpec
from .science import SCIENCE_KINDS, build_science
from .validate import Found, check_fit, check_where, cross_checks, places_of, validate_sections
from .warnings import warnings_of

BUILTIN_PACKAGE = "hyosan.scenarios"
RUN_MANIFEST = "manifest.json"  # in every run directory (output.rundir.MANIFEST)


def builtin_names() -> list[str]:
    """Names of the scenarios shipped with hyosan."""
    root = resources.files(BUILTIN_PACKAGE)
    return sorted(p.name.removesuffix(".toml") for p in root.iterdir() if p.name.endswith(".toml"))


def load_scenario(source: str | os.PathLike) -> Scenario:
    """A scenario from a .toml file, or from the name of a built-in scenario."""
    return _parser(source).scenario()


def check_scenario(source: str | os.PathLike) -> tuple[Scenario, list[Problem]]:
    """A scenario, as load_scenario gives it, and the warnings about it (scenario.warnings): what
    is valid but cannot do what its author meant."""
    parser = _parser(source)
    scenario = parser.scenario()
    return scenario, [Problem(p.file, p.line, p.field, f"warning: {p.message}")
                      for p in parser.problems_of(warnings_of(scenario))]


def _parser(source: str | os.PathLike) -> _Parse:
    path = Path(source)
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ScenarioError([Problem(str(source), None, "", f"cannot read the file: {e.strerror}")]) from None
        return _Parse(data, str(source), path.name, path.parent)
    name, names = str(source), builtin_names()
    if name in names:
        root = resources.files(BUILTIN_PACKAGE)
        return _Parse((root / f"{name}.toml").read_bytes(), f"{name}.toml", f"{name}.toml", root)
    if path.is_dir():
        message = "is a directory; expected a .toml file or a built-in scenario name"
        if (path / RUN_MANIFEST).is_file():
            message += (f". It holds a hyosan run: `hyosan resume {name}` finishes an interrupted "
                        f"one, `hyosan report {name}` writes the report of a finished one")
    elif name.endswith(".toml") or os.sep in name or "/" in name:
        message = f"no such file (tried {path.resolve()})"
    else:
        message = (f"unknown scenario '{name}'; expected a .toml file or a built-in scenario "
                   f"({', '.join(names)}){suggest(name, names)}")
    raise ScenarioError([Problem(name, None, "", message)])


def parse_scenario(text: str, *, path: Path | None = None) -> Scenario:
    """A scenario from TOML text; `path` names the file in messages and is the base of map.file."""
    path = Path(path) if path is not None else None
    display = str(path) if path else "<scenario>"
    return _Parse(text.encode(), display, path.name if path else "scenario.toml",
                  path.parent if path else Path.cwd()).scenario()


class _Parse:
    def __init__(self, data: bytes, display: str, name: str, base: Path | Traversable):
        self.display, self.base = display, base
        self.files: list[tuple[str, bytes]] = [(name, data)]
        self.problems: list[Problem] = []

    def scenario(self) -> Scenario:
        text, raw = self._toml(self.files[0][1])
        self.lines = LineIndex(text)
        sections, found = validate_sections(raw)
        found += cross_checks(raw, sections)
        self._report(found)
        if sections["scenario"] is not None and sections["scenario"].kind in SCIENCE_KINDS:
            return self._science(sections)
        mapdata = self._map(sections["map"]) if sections["map"] is not None else None
        if mapdata is not None and sections["map"].wrap:
            mapdata = dataclasses.replace(mapdata, wrap=True)
        if mapdata is not None:
            misplaced = check_where(sections, places_of(mapdata))
            self._report(misplaced or check_fit(sections, mapdata))
        if self.problems or mapdata is None:
            raise ScenarioError(sorted_problems(self.problems, self.display))
        return self._build(sections, mapdata)

    def _science(self, sections: dict[str, Any]) -> Scenario:
        model, lattice, found = build_science(sections, sections["scenario"].kind, self._read_side)
        self._report(found)
        if self.problems or model is None:
            raise ScenarioError(sorted_problems(self.problems, self.display))
        return self._build(sections, None, model, lattice)

    def _read_side(self, path: tuple, name: str, what: str = "") -> tuple[str, bytes | None]:
        """A side file named at field `path`, relative to the scenario; None if it cannot be read."""
        target = self.base.joinpath(name)
        shown = str(Path(self.display).parent / name)
        try:
            data = target.read_bytes()
        except OSError as e:
            tried = Path(target).resolve() if isinstance(target, Path) else target
            self._report([(path, f"cannot read {what}'{name}' (tried {tried}): {e.strerror or e}")])
            return shown, None
        self.files.append((name, data))
        return shown, data

    def _report(self, found: Found) -> None:
        self.problems += self.problems_of(found)

    def problems_of(self, found: Found) -> list[Problem]:
        return [Problem(self.display, self.lines.line_of(path), field_name(path), message)
                for path, message in found]

    def _fail(self, message: str, line: int | None = None, column: int | None = None,
              excerpt: str = "") -> ScenarioError:
        return ScenarioError([Problem(self.display, line, "", message, column, excerpt)])

    def _toml(self, data: bytes) -> tuple[str, dict[str, Any]]:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise self._fail(f"found byte 0x{data[e.start]:02x}, expected UTF-8 text",
                             data.count(b"\n", 0, e.start) + 1) from None
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            at = re.search(r"\(at line (\d+), column (\d+)\)$", str(e))
            reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(e))
            line, column = (int(at[1]), int(at[2])) if at else (text.count("\n") + 1, None)
            lines = text.split("\n")
            excerpt = lines[line - 1] if line <= len(lines) else ""
            raise self._fail(f"TOML syntax error: {reason}", line, column, excerpt) from None
        return text, raw

    def _map(self, section: Any) -> MapData | None:
        if section.generate is not None:
            return self._generate(section)
        if section.file is not None:
            file, text, first = *self._read_map(section.file), 1
        else:
            file, text, first = self.display, section.text, self.lines.start_of(("map", "text")) or 1
        if text is None:
            return None
        rooms = [Room(r.name, marker, r.shelter, r.tags) for marker, r in section.rooms.items()]
        declared = {m: (self.display, self.lines.line_of(("map", "rooms", m))) for m in section.rooms}
        try:
            return parse_map(text, rooms, file=file, first_line=first, cell_size=section.cell,
                             capacity=section.capacity, declared_at=declared)
        except ScenarioError as e:
            self.problems += e.problems
            return None

    def _read_map(self, name: str) -> tuple[str, str | None]:
        shown, data = self._read_side(("map", "file"), name, "map file ")
        if data is None:
            return shown, None
        try:
            return shown, data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            self.problems.append(Problem(shown, line, "", f"found byte 0x{data[e.start]:02x}, expected UTF-8 text"))
            return shown, None

    def _generate(self, section: Any) -> MapData | None:
        g = section.generate
        try:
            from .generate import generate_map

            return generate_map(g.kind, g.width, g.height, g.seed, section.cell, section.capacity)
        except (ImportError, ValueError) as e:
            self._report([(("map", "generate"), f"cannot generate the map: {e}")])
            return None

    def _build(self, sections: dict[str, Any], mapdata: MapData | None, model: ModelSpec | None = None,
               lattice: LatticeSpec | None = None) -> Scenario:
        s = sections["scenario"]
        digest = hashlib.sha256()
        for _, data in self.files:
            digest.update(data)
        return Scenario(
            name=s.name, map=mapdata, kind=s.kind, description=s.description,
            tick=s.tick, duration=s.duration, seed=s.seed,
            infection=Infection(**_values(sections["infection"])),
            movement=Movement(**_values(sections["movement"])),
            doors=Doors(**_values(sections["doors"])),
            people=tuple(PeopleSpec(p.where, p.count, p.state, _traits(p.traits), p.group) for p in sections["people"]),
            characters=tuple(CharacterSpec(c.name, c.where, c.state, _traits(c.traits), c.kin, c.group,
                                           message=c.message, leader=c.leader, injury=c.injury,
                                           skills=c.skills)
                             for c in sections["character"]),
            authorities=tuple(Authority(a.at, a.do, a.zone, a.lasts, a.capacity, on_message=a.on_message)
                              for a in sections["authority"]),
            behaviours=_behaviours(sections["behaviours"]),
            record=Record(**_values(sections["record"])),
            model=model, lattice=lattice,
            source_files=tuple(self.files), sha256=digest.hexdigest(),
        )


def _values(section: Any) -> dict[str, Any]:
    return {name: getattr(section, name) for name in type(section).model_fields}


def _behaviours(section: Any) -> Behaviours:
    made = behaviours_type()
    return made(**{x.name: x.type(**_values(getattr(section, x.name)))  # type: ignore[operator]
                   for x in dataclasses.fields(made)})  # (x.type is the parameters' class)


def _traits(traits: Any) -> dict[str, Any]:
    return {k: v for k, v in _values(traits).items() if v is not None}
