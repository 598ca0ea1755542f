"""The sections of science scenarios (kinds ode, stochastic and lattice): [model] and [lattice].

[model] names a model of `scenario.catalog` and may change its parameters, initial counts and
method; [lattice] says where the people live. The functions at the end tell which sections
each kind takes and build `scenario.model_spec` objects from the validated sections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from pydantic import (BaseModel, ConfigDict, ValidationError, ValidationInfo,
                      ValidatorFunctionWrapHandler, field_validator, model_validator)

from .catalog import METHODS, MODELS
from .model_spec import DAY, LatticeSpec, ModelSpec, Strike
from . import fields as f
from .errors import FieldError, unknown_key

AGENTS = "agents"
MAX_COUNT = 10**12  # an initial count; the models keep counts in 64-bit integers and floats
SCIENCE_KINDS = ("ode", "stochastic", "lattice")
# Sections that belong to some kinds only: section -> the kinds that take it.
KIND_SECTIONS = {
    "map": (AGENTS,), "infection": (AGENTS,), "movement": (AGENTS,), "doors": (AGENTS,),
    "people": (AGENTS,), "character": (AGENTS,), "authority": (AGENTS,), "behaviours": (AGENTS,),
    "model": SCIENCE_KINDS, "lattice": ("lattice",),
}
REQUIRED = {"map": (AGENTS,), "model": SCIENCE_KINDS, "lattice": ("lattice",)}
Problems = list[tuple[tuple, str]]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Rate = f.number(f.Range("a rate per day", 0.0))
InitialCount = f.integer(0, MAX_COUNT)
Diffusion = f.number(f.Range("a diffusion in km² per day", 0.0))


class StrikeTable(_Section):
    at: f.Moment
    kill: f.Probability


class ModelSection(_Section):
    name: f.Choice(*MODELS)
    method: f.Choice(*METHODS) = "exact"
    replicas: f.integer(1, 10_000_000) = 1
    parameters: dict[str, Rate] = {}
    initial: dict[str, InitialCount] = {}
    strikes: list[StrikeTable] | None = None

    @field_validator("parameters", "initial", mode="wrap")
    @classmethod
    def _known_keys(cls, value: Any, check: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        """Unknown names and bad values are reported together (an after-validator would not run
        past a bad value)."""
        model = MODELS.get(info.data.get("name"))  # type: ignore[arg-type]
        if model is None or not isinstance(value, dict):
            return check(value)
        known, what = ((model.parameters, "parameters") if info.field_name == "parameters"
                       else (model.species, "species"))
        problems: Problems = [((key,), f"{unknown_key(key, known)} ({what} of {model.name})")
                              for key in value if key not in known]
        try:
            checked = check(value)
        except ValidationError as e:  # each a leaf's FieldError, at its key
            problems += [((*err["loc"], *sub), message) for err in e.errors()
                         for sub, message in err["ctx"]["error"].items]
        if problems:
            raise FieldError(problems[0][1], *problems[0][0], more=problems[1:])
        return checked


class CountryTable(_Section):
    kind: f.Choice("country")
    width: f.integer(10, 20_000)
    height: f.integer(10, 20_000)
    people: f.integer(1, 10**10)
    seed: f.Seed = 0


class SitesTable(_Section):
    width: f.integer(3, 8192)
    height: f.integer(3, 8192)


class LatticeSection(_Section):
    file: f.Text | None = None
    generate: CountryTable | None = None
    sites: SitesTable | None = None
    cell: f.Length = 1000.0
    diffusion: dict[str, Diffusion] = {}
    zombies: f.Count = 1
    where: f.Choice("people", "densest", "centre") = "people"
    snapshots: f.integer(1, 1000) = 6

    @model_validator(mode="after")
    def _one_source(self) -> "LatticeSection":
        given = [k for k in ("file", "generate", "sites") if getattr(self, k) is not None]
        if len(given) != 1:
            found = " and ".join(given) if given else "none of them"
            raise FieldError(f"found {found}, expected exactly one of file, generate or sites")
        return self


def scenario_kind(raw: dict[str, Any]) -> str:
    """The kind a raw scenario asks for (agents when it cannot be told)."""
    kind = raw.get("scenario", {}).get("kind", AGENTS) if isinstance(raw.get("scenario"), dict) else AGENTS
    return kind if kind in (AGENTS, *SCIENCE_KINDS) else AGENTS


def section_required(name: str, kind: str, required: bool) -> bool:
    return kind in REQUIRED[name] if name in REQUIRED else required


def misplaced(name: str, kind: str) -> str | None:
    """A message when section `name` does not belong in a scenario of this kind."""
    kinds = KIND_SECTIONS.get(name)
    if kinds is None or kind in kinds:
        return None
    return f"found [{name}] in a scenario of kind '{kind}', expected it only with kind = " + \
        " or ".join(f"'{k}'" for k in kinds)


def build_science(sections: dict[str, Any], kind: str,
                  read: Callable[[tuple, str], tuple[str, bytes | None]]) -> tuple[ModelSpec | None,
                                                                                   LatticeSpec | None, Problems]:
    """The model and lattice specs of a validated science scenario, and the problems between
    fields. `read(path, name)` reads a side file named at field `path` (None if it cannot)."""
    m, lat = sections["model"], sections.get("lattice")
    if m is None or (kind == "lattice" and lat is None):
        return None, None, []
    problems: Problems = []
    if m.replicas != 1 and kind != "stochastic":
        problems.append((("model", "replicas"), f"found {m.replicas} replicas, expected replicas only "
                         "with kind = 'stochastic'"))
    if "method" in m.model_fields_set and kind == "ode":
        problems.append((("model", "method"), "found a method for kind 'ode', expected it only with kind = "
                         "'stochastic' or 'lattice' (an ode is solved, not sampled)"))
    strikes = m.strikes if m.strikes is not None else [
        StrikeTable(at=day * DAY, kill=kill) for day, kill in MODELS[m.name].strikes]
    spec = ModelSpec(m.name, {k: float(v) for k, v in m.parameters.items()}, dict(m.initial), m.method,
                     m.replicas, tuple(Strike(s.at, s.kill) for s in sorted(strikes, key=lambda s: s.at)))
    if kind != "lattice":
        return spec, None, problems
    if m.initial:
        problems.append((("model", "initial"), "found initial counts for a lattice, expected the people "
                         "to come from [lattice] (file, generate or sites) and [lattice].zombies"))
    return spec, _lattice(lat, m.name, read, problems), problems  # type: ignore[arg-type]  # lattice: required


def _lattice(lat: LatticeSection, model: str, read: Callable, problems: Problems) -> LatticeSpec:
    species = MODELS[model].species
    for key in lat.diffusion:
        if key not in species:
            problems.append((("lattice", "diffusion", key), f"{unknown_key(key, species)} (species of {model})"))
    if lat.sites is not None and model != "alemi-szr":
        problems.append((("lattice", "sites"), f"found sites with model '{model}', expected sites only "
                         "with model 'alemi-szr' (the site lattice of Alemi et al.)"))
    density = None
    if lat.file is not None:
        from .raster import RasterError, read_raster

        shown, data = read(("lattice", "file"), lat.file)
        if data is not None:
            try:
                density = read_raster(data, lat.file)
            except RasterError as e:
                problems.append((("lattice", "file"), f"cannot read raster {shown}: {e}"))
    g = lat.generate
    return LatticeSpec(
        density=density,
        generate={"width": g.width, "height": g.height, "people": g.people, "seed": g.seed} if g else {},
        sites=(lat.sites.height, lat.sites.width) if lat.sites else None,
        cell=lat.cell, diffusion={k: float(v) for k, v in lat.diffusion.items()},
        zombies=lat.zombies, where=lat.where, snapshots=lat.snapshots)


def describe(model: ModelSpec, lattice: LatticeSpec | None) -> str:
    """A one-line summary for `hyosan validate`."""
    text = f"model {model.name}"
    if model.replicas > 1:
        text += f", {model.replicas} replicas"
    if lattice is None:
        counts = MODELS[model.name].initial | model.initial
        return text + f", {sum(counts.values()):,} people"
    if lattice.sites is not None:
        return text + f", {lattice.sites[0]}x{lattice.sites[1]} sites"
    if lattice.generate:
        g = lattice.generate
        return text + f", synthetic country of {g['people']:,} people on {g['height']}x{g['width']} cells"
    density = np.asarray(lattice.density)
    rows, cols = density.shape
    return text + f", {int(round(float(np.nansum(density)))):,} people on {rows}x{cols} cells"
