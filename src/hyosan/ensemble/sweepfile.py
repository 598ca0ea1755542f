"""Sweep files: read and validate a TOML sweep into a `Sweep` (its scenarios and points).

Every problem is found in one pass and reported like a scenario's: FILE:LINE: FIELD: MESSAGE,
with the nearest valid key for unknown ones. See docs/sweeps.md for the format.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..scenario import Scenario, ScenarioError, load_scenario
from ..scenario.errors import Problem, show, sorted_problems, suggest, unknown_key
from ..scenario.lines import LineIndex, field_name
from ..scenario.validate import built_checks
from ..scenario.loader import _Parse as _ScenarioParse  # its TOML reading and messages
from . import axes as ax
from .size import Size, refusal, run_bytes
from .outcomes import OUTCOMES
from .paths import PathError, apply, column_value, get, parse_path, parse_value

SECTIONS = ("sweep", "set", "axes", "sample")
SWEEP_KEYS = ("name", "scenario", "replicas", "seed", "common_seeds", "keep_runs", "timeseries", "plot")
SAMPLE_KEYS = ("method", "points", "seed", "axes")
SCENARIO = "scenario"  # the column of the scenario axis

Where = tuple[str | int, ...]  # a key's path in the TOML data, for its line


class SweepFileError(ScenarioError):
    """Every problem found in a sweep file (a ScenarioError, so the CLI reports it the same way)."""


@dataclass(frozen=True)
class Point:
    index: int
    scenario: int  # index into Sweep.scenarios
    params: dict[str, Any]  # path -> raw value (as a scenario file would write it, base units)
    columns: dict[str, Any]  # column -> the value a table shows (parsed; a fixed trait as its number)


@dataclass(frozen=True, eq=False)
class Sweep:
    name: str
    scenarios: tuple[tuple[str, Scenario], ...]  # (as written in the sweep file, the scenario)
    points: tuple[Point, ...]
    columns: tuple[str, ...]  # parameter columns, in axis order ("scenario" first when it varies)
    replicas: int = 1
    seed: int = 0
    common_seeds: bool = False
    keep_runs: bool = False
    timeseries: bool = True
    set: dict[str, Any] = field(default_factory=dict)  # path -> raw value, for every run
    plot: list[str] | None = None  # the outcomes to plot (default: the main ones)
    source: str = ""  # the sweep file's text
    file: str = "<sweep>"

    @property
    def tasks(self) -> int:
        return len(self.points) * self.replicas

    @property
    def size(self) -> Size:
        return _size(len(self.points), self.replicas, self.scenarios, self.timeseries, self.keep_runs)


def load_sweep(path: str | os.PathLike, *, yes: bool = False) -> Sweep:
    """A sweep from a TOML file; raises SweepFileError listing every problem. A sweep past the
    soft limits of its size (size.py) is refused unless `yes`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SweepFileError([Problem(str(path), None, "", f"cannot read the file: {e.strerror}")]) from None
    return _Reader(data, str(path), path.parent, yes).sweep()


def parse_sweep(text: str, *, path: str | os.PathLike | None = None, yes: bool = False) -> Sweep:
    """A sweep from TOML text; scenario paths in it are relative to `path`'s folder (or the
    current folder)."""
    base = Path(path).parent if path is not None else Path.cwd()
    return _Reader(text.encode(), str(path) if path is not None else "<sweep>", base, yes).sweep()


def _size(points: int, replicas: int, scenarios, timeseries: bool, keep_runs: bool) -> Size:
    return Size(points, replicas, max(run_bytes(s, timeseries, keep_runs) for _, s in scenarios))


class _Reader:
    def __init__(self, data: bytes, display: str, base: Path, yes: bool = False):
        self.data, self.display, self.base, self.yes = data, display, base, yes
        self.problems: list[Problem] = []

    # --- reporting ---------------------------------------------------------------------

    def problem(self, where: Where, message: str, label: str | None = None) -> None:
        self.problems.append(Problem(self.display, self.lines.line_of(where), label or _field(where), message))

    def entry_problem(self, entry: Entry, message: str, key: str | int | None = None) -> None:
        """A problem in a parameter's entry, or in one part of it: [axes]."infection.bite".steps."""
        part = "" if key is None else f"[{key + 1}]" if isinstance(key, int) else f".{key}"
        self.problem(entry.where + (() if key is None else (key,)), message, entry.label + part)

    def fail(self) -> SweepFileError:
        return SweepFileError(sorted_problems(self.problems, self.display))

    # --- the file ------------------------------------------------------------------------

    def sweep(self) -> Sweep:
        raw = self._toml()
        for key, value in raw.items():
            if key not in SECTIONS:
                self.problem((key,), f"unknown section [{key}]{suggest(key, SECTIONS)}"
                             if isinstance(value, dict) else unknown_key(key, SECTIONS))
        sections = {name: raw.get(name, {}) for name in SECTIONS}
        for name, value in sections.items():
            if not isinstance(value, dict):
                self.problem((name,), f"found {show(value)}, expected a table [{name}]")
                sections[name] = {}
        if "sweep" not in raw:
            self.problem(("sweep",), "missing section [sweep]")
        head = self._head(sections["sweep"])
        scenarios = self._scenarios(sections["sweep"])
        if not scenarios:  # nothing to check the parameters against
            raise self.fail()
        fixed = self._set(sections["set"], scenarios)
        scenarios = [(label, apply(s, fixed)) for label, s in scenarios]
        self._check_size(sections, scenarios, head)
        grid = self._grid(sections["axes"], scenarios)
        design = self._design(sections["sample"], scenarios, head["seed"])
        if self.problems:
            raise self.fail()
        sweep = self._build(head, scenarios, fixed, grid, design, isinstance(sections["sweep"].get(SCENARIO), list))
        self._check_points(sweep, next(((k,) for k in ("axes", "sample", "set") if sections[k]), ("sweep",)))
        if self.problems:
            raise self.fail()
        return sweep

    def _toml(self) -> dict[str, Any]:
        """The parsed TOML, read as scenario files are (UTF-8, syntax errors with line and column)."""
        try:
            text, raw = _ScenarioParse(self.data, self.display, "", self.base)._toml(self.data)
        except ScenarioError as e:
            raise SweepFileError(e.problems) from None
        self.text, self.lines = text, LineIndex(text)
        return raw

    def _head(self, table: dict[str, Any]) -> dict[str, Any]:
        for key in table:
            if key not in SWEEP_KEYS:
                self.problem(("sweep", key), unknown_key(key, SWEEP_KEYS))
        head = {"name": table.get("name", Path(self.display).stem), "replicas": table.get("replicas", 1),
                "seed": table.get("seed", 0), "common_seeds": table.get("common_seeds", False),
                "keep_runs": table.get("keep_runs", False), "timeseries": table.get("timeseries", True)}
        if not isinstance(head["name"], str) or not head["name"].strip():
            self.problem(("sweep", "name"), f"found {show(head['name'])}, expected a non-empty string")
        for key, low in (("replicas", 1), ("seed", 0)):
            value = head[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                self.problem(("sweep", key), f"found {show(value)}, expected an integer of at least {low}")
                head[key] = low
        for key in ("common_seeds", "keep_runs", "timeseries"):
            if not isinstance(head[key], bool):
                self.problem(("sweep", key), f"found {show(head[key])}, expected true or false")
        head["plot"] = self._plot(table.get("plot"))
        return head

    def _plot(self, value: Any) -> list[str] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            self.problem(("sweep", "plot"), f"found {show(value)}, expected an array of outcomes like "
                         '["humans_win", "final_dead"]')
            return None
        for i, name in enumerate(value):
            known = isinstance(name, str) and (name in OUTCOMES or re.fullmatch(r"final_\w+|survivors\[.+\]", name))
            if not known:
                self.problem(("sweep", "plot", i), f"found {show(name)}, expected an outcome: "
                             f"{', '.join(OUTCOMES)} or survivors[GROUP]{suggest(str(name), OUTCOMES)}")
        return value

    def _scenarios(self, table: dict[str, Any]) -> list[tuple[str, Scenario]]:
        if SCENARIO not in table:
            if self.lines.line_of(("sweep",)):
                self.problem(("sweep",), "missing required key 'scenario' (a built-in name or a .toml file)")
            return []
        value = table[SCENARIO]
        names = value if isinstance(value, list) else [value]
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            self.problem(("sweep", SCENARIO), f"found {show(value)}, expected a scenario (a built-in name or "
                         "a .toml file) or an array of them")
            return []
        if len(set(names)) != len(names):
            self.problem(("sweep", SCENARIO), "found the same scenario twice, expected each once")
        loaded = []
        for i, name in enumerate(names):
            where = ("sweep", SCENARIO, i) if isinstance(value, list) else ("sweep", SCENARIO)
            local = self.base / name
            try:
                loaded.append((name, load_scenario(local if local.is_file() else name)))
            except ScenarioError as e:
                if all(p.line is None and p.file == name for p in e.problems):
                    self.problem(where, "; ".join(p.message for p in e.problems))
                else:
                    self.problem(where, f"found '{name}', which has problems (listed below)")
                    self.problems += e.problems
        return loaded

    def _set(self, table: dict[str, Any], scenarios: list[tuple[str, Scenario]]) -> dict[str, Any]:
        fixed: dict[str, Any] = {}
        for entry in _entries(table, ("set",), lambda v: "dist" in v):
            if self._value_fits(entry, scenarios):
                fixed[entry.path] = entry.value
        return fixed

    def _grid(self, table: dict[str, Any], scenarios) -> list[tuple[str, list[Any]]]:
        grid = []
        for entry in _entries(table, ("axes",), _is_range):
            parse = self._parser(entry, scenarios)
            if parse is None:
                continue
            try:
                values = ax.grid_values(entry.value, parse)
            except ax.AxisError as e:
                self.entry_problem(entry, str(e), e.key)
                continue
            if len({repr(v) for v in values}) != len(values):
                self.entry_problem(entry, f"found the same value twice in {values}, expected each once")
            grid.append((entry.path, values))
        return grid

    def _design(self, table: dict[str, Any], scenarios, sweep_seed: int) -> tuple[list[str], list[list[Any]]]:
        if not table:
            return [], []
        for key in table:
            if key not in SAMPLE_KEYS:
                self.problem(("sample", key), unknown_key(key, SAMPLE_KEYS))
        method, points, seed = table.get("method"), table.get("points"), table.get("seed", sweep_seed)
        if method not in ax.METHODS:
            self.problem(("sample", "method"), "missing required key 'method'; expected one of: lhs, sobol"
                         if method is None else f"found {show(method)}, expected one of: "
                         f"{', '.join(ax.METHODS)}{suggest(method, ax.METHODS) if isinstance(method, str) else ''}")
        if isinstance(points, bool) or not isinstance(points, int) or points < 1:
            self.problem(("sample", "points"), "missing required key 'points'" if points is None else
                         f"found {show(points)}, expected an integer of at least 1")
        elif method == "sobol" and points & (points - 1):
            self.problem(("sample", "points"), f"found {points}, expected a power of 2 for sobol "
                         f"(like {2 ** math.floor(math.log2(points))} or {2 ** math.ceil(math.log2(points))})")
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            self.problem(("sample", "seed"), f"found {show(seed)}, expected an integer of at least 0")
        dims, paths = [], []
        ranges = table.get("axes", {})
        if not isinstance(ranges, dict) or not ranges:
            self.problem(("sample", "axes"), "missing [sample.axes], expected ranges like "
                         '"infection.bite" = {from = 0.1, to = 0.9}' if "axes" not in table else
                         f"found {show(ranges)}, expected a table of ranges")
            return [], []
        for entry in _entries(ranges, ("sample", "axes"), _is_range):
            parse = self._parser(entry, scenarios)
            if parse is None:
                continue
            if not isinstance(entry.value, dict):
                self.entry_problem(entry, f"found {show(entry.value)}, expected a range like {{from = 0.1, to = 0.9}}")
                continue
            try:
                dims.append(ax.bounds(entry.value, parse, ax.SAMPLED_KEYS))
                paths.append(entry.path)
            except ax.AxisError as e:
                self.entry_problem(entry, str(e), e.key)
        if self.problems:
            return [], []
        return paths, ax.sampled_values(method, points, seed, dims)  # type: ignore[arg-type]  # both checked above

    def _check_size(self, sections: dict[str, Any], scenarios, head: dict[str, Any]) -> None:
        """Refuse a sweep past the limits of its size, counted before any point is made."""
        points = len(scenarios)
        for entry in _entries(sections["axes"], ("axes",), _is_range):  # a bad path or value counts 1
            points *= ax.count(entry.value, self._parser(entry, scenarios, report=False) or (lambda v: v))
        sampled = sections["sample"].get("points")
        if isinstance(sampled, int) and not isinstance(sampled, bool) and sampled > 1:
            points *= sampled
        size = _size(points, head["replicas"], scenarios, head["timeseries"] is True, head["keep_runs"] is True)
        why = refusal(size, self.yes)
        if why is not None:
            self.problem(("axes",) if sections["axes"] else ("sweep",), why)
            raise self.fail()

    # --- paths and values --------------------------------------------------------------

    def _parser(self, entry: Entry, scenarios, report: bool = True) -> ax.Parse | None:
        """A function that parses a raw value for the entry's path in every scenario, or None
        (the path's problem is reported, if `report`)."""
        try:
            steps = parse_path(entry.path)
        except PathError as e:
            if report:
                self.entry_problem(entry, str(e))
            return None

        def parse(raw: Any) -> Any:
            first = None
            for label, scenario in scenarios:
                try:
                    value = parse_value(scenario, steps, raw)
                except PathError as e:
                    raise PathError(f"{e} (in scenario '{label}')" if len(scenarios) > 1 else str(e)) from None
                first = value if first is None else first
            return first

        try:
            for label, scenario in scenarios:
                get(scenario, steps)
        except PathError as e:
            if report:
                self.entry_problem(entry, f"{e} (in scenario '{label}')" if len(scenarios) > 1 else str(e))
            return None
        return parse

    def _value_fits(self, entry: Entry, scenarios) -> bool:
        parse = self._parser(entry, scenarios)
        if parse is None:
            return False
        try:
            parse(entry.value)
        except ValueError as e:
            self.entry_problem(entry, str(e))
            return False
        return True

    # --- the points ----------------------------------------------------------------------

    def _build(self, head, scenarios, fixed, grid, design, scenario_axis: bool) -> Sweep:
        paths, rows = design
        grid_paths = [p for p, _ in grid]
        clash = sorted(set(grid_paths) & set(paths) | (set(grid_paths) | set(paths)) & set(fixed))
        if clash:
            self.problem(("axes",), f"found {', '.join(clash)} in more than one of [set], [axes] and "
                         "[sample.axes], expected each parameter in one of them")
            raise self.fail()
        combos = ax.product([list(range(len(scenarios)))] + [v for _, v in grid])
        sampled = rows or [[]]
        points: list = []
        for combo in combos:
            for row in sampled:
                params = dict(zip(grid_paths + paths, [*combo[1:], *row]))
                scenario = scenarios[combo[0]][1]
                columns = {SCENARIO: scenarios[combo[0]][0]} if scenario_axis else {}
                columns.update({p: column_value(parse_value(scenario, parse_path(p), v)) for p, v in params.items()})
                points.append(Point(len(points), combo[0], params, columns))
        return Sweep(name=head["name"], scenarios=tuple(scenarios), points=tuple(points),
                     columns=tuple(([SCENARIO] if scenario_axis else []) + grid_paths + paths),
                     replicas=head["replicas"], seed=head["seed"], common_seeds=head["common_seeds"],
                     keep_runs=head["keep_runs"], timeseries=head["timeseries"], set=fixed, plot=head["plot"],
                     source=self.text, file=self.display)

    def _check_points(self, sweep: Sweep, where: Where) -> None:
        """Each point's scenario passes the checks between fields that its file passed, with the
        point's values: a duration under the tick, a `where` that names no room, too many people
        for a room... Each problem is told once, with its first point and how many share it."""
        found: dict[str, tuple[Point, int]] = {}
        for point in sweep.points:
            for path, message in built_checks(apply(sweep.scenarios[point.scenario][1], point.params)):
                text = f"{field_name(path)}: {message}"
                first, count = found.get(text, (point, 0))
                found[text] = (first, count + 1)
        for text, (first, count) in found.items():
            values = ", ".join(f"{k} = {show(v)}" for k, v in first.params.items()) or "the [set] values"
            more = f" (and {count - 1} other point{'s' if count > 2 else ''})" if count > 1 else ""
            self.problem(where, f"point {first.index} ({values}) makes a scenario that cannot run{more}: {text}")


class Entry(NamedTuple):
    """One parameter of [set], [axes] or [sample.axes]."""

    path: str  # "infection.bite"
    where: Where  # its keys in the TOML data, for its line
    label: str  # how messages name it: [axes]."infection.bite"
    value: Any


def _entries(table: dict[str, Any], where: Where, is_leaf_table, prefix: str = "") -> list[Entry]:
    """Each parameter of a table; unquoted dotted keys (infection.bite) nest in TOML and are
    joined back."""
    out = []
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value and not is_leaf_table(value):
            out += _entries(value, where + (key,), is_leaf_table, f"{path}.")
        else:
            section = ".".join(str(w) for w in where[:len(where) - prefix.count(".")])
            out.append(Entry(path, where + (key,), f'[{section}]."{path}"', value))
    return out


def _is_range(value: dict) -> bool:
    return any(k in value for k in ax.RANGE_KEYS)


def _field(where: Where) -> str:
    """A TOML location as users read it: [sweep].replicas, [sweep].scenario[2], [sample].points."""
    if not where:
        return ""
    text = f"[{where[0]}]"
    for part in where[1:]:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return text
