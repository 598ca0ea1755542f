"""The raw TOML of a scenario file as pydantic models; defaults are those of `model`."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, create_model, field_validator, model_validator

from . import fields as f
from .behaviours import behaviours_type
from .errors import FieldError, show
from .mapfile import is_marker
from .science import LatticeSection, ModelSection
from ..people.states import HUMAN
from .model import (AUTHORITY_ACTS, BOMBING, CANCEL, LIFT, QUARANTINE, RESCUE, Authority, Doors, Infection,
                    MapData, Movement, Record, Scenario)

KINDS = ("agents", "ode", "stochastic", "lattice")
LATER_KINDS: tuple[str, ...] = ()
_MAP, _INFECTION, _MOVEMENT, _DOORS = MapData.__dataclass_fields__, Infection(), Movement(), Doors()


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _kind(value: Any) -> str:
    if value in LATER_KINDS:
        raise ValueError(f"kind '{value}' is not available in this version; available: {', '.join(KINDS)}")
    return f.choice(*KINDS)(value)


Kind = f.leaf(str, _kind)
MapKind = f.Choice("city")


class ScenarioSection(Section):
    name: f.Text
    description: f.AnyText = ""
    kind: Kind = Scenario.kind
    tick: f.Duration = Scenario.tick
    duration: f.Duration = Scenario.duration
    seed: f.Seed = Scenario.seed


class Generate(Section):
    kind: MapKind
    width: f.Side
    height: f.Side
    seed: f.Seed = 0


class RoomTable(Section):
    name: f.Text
    shelter: f.Flag = False
    tags: f.Texts = ()


def _room_table(value: Any) -> Any:
    if isinstance(value, str):
        return {"name": value}
    if not isinstance(value, dict):
        raise FieldError(f"found {show(value)}, expected a room name or a table like "
                         '{name = "lab", shelter = true, tags = ["classroom"]}')
    return value


class MapSection(Section):
    file: f.Text | None = None
    text: f.AnyText | None = None
    generate: Generate | None = None
    cell: f.Length = _MAP["cell_size"].default
    capacity: f.Capacity = _MAP["capacity"].default
    wrap: f.Flag = _MAP["wrap"].default
    rooms: dict[str, Annotated[RoomTable, BeforeValidator(_room_table)]] = {}

    @field_validator("rooms", mode="before")
    @classmethod
    def _markers(cls, rooms: Any) -> Any:
        if isinstance(rooms, dict):
            bad = [k for k in rooms if len(k) != 1 or not is_marker(k)]
            if bad:
                items = [((k,), f"found marker '{k}', expected one letter or digit other than E") for k in bad]
                raise FieldError(items[0][1], *items[0][0], more=items[1:])
        return rooms

    @model_validator(mode="after")
    def _one_source(self) -> "MapSection":
        given = [k for k in ("file", "text", "generate") if getattr(self, k) is not None]
        if len(given) != 1:
            found = " and ".join(given) if given else "none of them"
            raise FieldError(f"found {found}, expected exactly one of file, text or generate")
        if self.generate is not None and self.rooms:
            raise FieldError("found [map.rooms] with map.generate, expected rooms only with file or text", "rooms")
        return self


class InfectionSection(Section):
    bite: f.Probability = _INFECTION.bite
    incubation: f.DurationDistribution = _INFECTION.incubation
    halfbie: f.Probability = _INFECTION.halfbie
    fight: f.Probability = _INFECTION.fight


class MovementSection(Section):
    human_speed: f.Speed = _MOVEMENT.human_speed
    zombie_speed: f.Speed = _MOVEMENT.zombie_speed
    sense: f.Distance = _MOVEMENT.sense
    chase: f.Distance = _MOVEMENT.chase
    wander: f.Probability = _MOVEMENT.wander


class DoorsSection(Section):
    strength: f.NonNegative = _DOORS.strength
    damage: f.NonNegative = _DOORS.damage
    close: f.Flag = _DOORS.close


class PeopleTraits(Section):
    bravery: f.TraitDistribution | None = None
    altruism: f.TraitDistribution | None = None
    strength: f.TraitDistribution | None = None
    speed: f.TraitDistribution | None = None
    resistance: f.TraitDistribution | None = None


class CharacterTraits(Section):
    bravery: f.Unit | None = None
    altruism: f.Unit | None = None
    strength: f.Unit | None = None
    speed: f.Unit | None = None
    resistance: f.Unit | None = None


class PeopleEntry(Section):
    where: f.Text
    count: f.Count
    state: f.State = HUMAN
    traits: PeopleTraits = PeopleTraits()
    group: f.Text | None = None


class CharacterEntry(Section):
    name: f.Text
    where: f.Text
    state: f.State = HUMAN
    traits: CharacterTraits = CharacterTraits()
    kin: f.Texts = ()
    group: f.Text | None = None
    message: f.Flag = False  # carries a message to the authorities (behaviours.messenger)
    leader: f.Flag = False  # leads their group (behaviours.groups)
    injury: f.Choice("none", "slow", "immobile") = "none"  # hurt from the start (behaviours.injuries)
    skills: f.Skills = ()  # e.g. ["archery"] (behaviours.ranged), ["upkeep"] (behaviours.upkeep)


class AuthorityEntry(Section):
    at: f.Moment
    do: f.Act
    zone: f.Text
    lasts: f.Moment = 0.0
    capacity: f.Count = Authority.capacity
    on_message: f.OnMessage = None

    @model_validator(mode="after")
    def _capacity_for_rescue(self) -> "AuthorityEntry":
        if "capacity" in self.model_fields_set and self.do != RESCUE:
            raise FieldError(f"found capacity for a {AUTHORITY_ACTS[self.do]}, expected it only "
                             "for a rescue", "capacity")
        if "lasts" in self.model_fields_set and self.do == BOMBING:
            raise FieldError("found lasts for a bombing, expected it only for a quarantine or a "
                             "rescue", "lasts")
        if self.on_message == LIFT and self.do != QUARANTINE:
            raise FieldError(f"found {show(LIFT)} for a {AUTHORITY_ACTS[self.do]}, expected it only "
                             'for a quarantine (a rescue or a bombing may be "cancel" or a duration)',
                             "on_message")
        if self.on_message == CANCEL and self.do == QUARANTINE:
            raise FieldError(f'found {show(CANCEL)} for a quarantine, expected "lift" or a duration',
                             "on_message")
        return self


def _switch(value: Any) -> Any:
    """`name = false` is short for `[behaviours.name] on = false`."""
    if isinstance(value, bool):
        return {"on": value}
    if not isinstance(value, dict):
        raise FieldError(f"found {show(value)}, expected true, false or a table of its parameters")
    return value


FIELD_TYPES = {bool: f.Flag, float: f.NonNegative, int: f.Count, str: f.Text}


def _behaviour_section(params: type) -> tuple[Any, Any]:
    """A behaviour's table, built from its parameters' dataclass, and its default."""
    fields = {x.name: (FIELD_TYPES[type(x.default)], x.default) for x in dataclasses.fields(params)}
    model = create_model(f"{params.__name__}Section", __base__=Section, **fields)  # type: ignore[call-overload]
    return Annotated[model, BeforeValidator(_switch)], model()


@lru_cache(maxsize=None)
def _behaviours_section(behaviours: type) -> type[Section]:
    tables = {x.name: _behaviour_section(x.type) for x in dataclasses.fields(behaviours)}  # type: ignore[arg-type]
    return create_model("BehavioursSection", __base__=Section, **tables)  # type: ignore[call-overload]


class RecordSection(Section):
    every: f.AtLeastOne = Record.every
    frames: f.Count = Record.frames


def sections() -> dict[str, tuple[type[BaseModel], bool, bool]]:
    """TOML section -> (model, is an array of tables, required). The [behaviours] table has a
    table per behaviour registered now."""
    return {
        "scenario": (ScenarioSection, False, True),
        "map": (MapSection, False, True),
        "infection": (InfectionSection, False, False),
        "movement": (MovementSection, False, False),
        "doors": (DoorsSection, False, False),
        "people": (PeopleEntry, True, False),
        "character": (CharacterEntry, True, False),
        "authority": (AuthorityEntry, True, False),
        "behaviours": (_behaviours_section(behaviours_type()), False, False),
        "model": (ModelSection, False, False),  # science kinds (scenario.science)
        "lattice": (LatticeSection, False, False),
        "record": (RecordSection, False, False),
    }
