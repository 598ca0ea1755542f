"""The validated scenario: plain frozen dataclasses in base units (seconds, metres).

This is the contract between the scenario parser (which builds these from TOML and text maps)
and everything that runs a scenario (world, people, engine). Nothing here parses text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from ..dice import BETA, DIST_NAMES, EXPONENTIAL, FIXED, LOGNORMAL, NORMAL, UNIFORM
from ..people.states import HUMAN
from .behaviours import Behaviours, default_behaviours
from .model_spec import LatticeSpec, ModelSpec

# What the authorities do.
QUARANTINE, RESCUE, BOMBING = range(3)
AUTHORITY_ACTS = ("quarantine", "rescue", "bombing")
# What a delivered message does to an order besides bringing it forward (Authority.on_message).
LIFT, CANCEL = "lift", "cancel"


@dataclass(frozen=True)
class Distribution:
    """A probability distribution written as data. Parameters are in base units.

    kind     a        b
    fixed    value    -
    uniform  low      high
    normal   mean     sd
    lognormal median  sigma
    beta     alpha    beta
    exponential mean  -
    """

    kind: int
    a: float
    b: float = 0.0

    @property
    def name(self) -> str:
        return DIST_NAMES[self.kind]

    def mean(self) -> float:
        k, a, b = self.kind, self.a, self.b
        if k == FIXED or k == NORMAL or k == EXPONENTIAL:
            return a
        if k == UNIFORM:
            return (a + b) / 2
        if k == LOGNORMAL:
            return a * float(np.exp(b * b / 2))
        return a / (a + b)  # beta

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n draws as float64 (set-up time only; kernels use engine.random)."""
        k, a, b = self.kind, self.a, self.b
        if k == FIXED:
            return np.full(n, a, dtype=np.float64)
        if k == UNIFORM:
            return rng.uniform(a, b, n)
        if k == NORMAL:
            return rng.normal(a, b, n)
        if k == LOGNORMAL:
            return a * np.exp(rng.normal(0.0, b, n))
        if k == BETA:
            return rng.beta(a, b, n)
        return rng.exponential(a, n)


def fixed(value: float) -> Distribution:
    return Distribution(FIXED, float(value))


@dataclass(frozen=True)
class Room:
    """A named zone of the map: every cell flood-filled from its marker character(s)."""

    name: str
    marker: str
    shelter: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class MapData:
    """A parsed map. Arrays are (floors, rows, cols); floor 0 is the ground floor."""

    floors: tuple[str, ...]
    terrain: np.ndarray  # uint8, terrain codes above
    zone: np.ndarray  # int16, index into `rooms`, -1 where no room
    rooms: tuple[Room, ...]
    cell_size: float = 1.0  # metres
    capacity: int = 4  # people per cell; 0 for no limit
    wrap: bool = False  # each floor is a torus: its edges join the opposite edges

    @property
    def shape(self) -> tuple[int, int, int]:
        return tuple(self.terrain.shape)  # type: ignore[return-value]


@dataclass(frozen=True)
class Infection:
    bite: float = 0.6  # probability per zombie-human contact per tick
    incubation: Distribution = field(default_factory=lambda: Distribution(LOGNORMAL, 120.0, 0.7))
    halfbie: float = 0.01  # fraction of the bitten who become halfbies
    fight: float = 0.05  # probability per contact per tick that the human destroys the zombie


@dataclass(frozen=True)
class Movement:
    human_speed: float = 1.4  # m/s
    zombie_speed: float = 1.8  # m/s
    sense: float = 15.0  # m: humans notice zombies this close (0: they never do)
    chase: float = 20.0  # m: zombies notice humans this close (0: they never do)
    wander: float = 0.1  # probability per tick that an idle person steps at random


@dataclass(frozen=True)
class Doors:
    strength: float = 100.0  # initial strength of every door
    damage: float = 1.0  # strength lost per zombie pushing on a closed door per tick
    close: bool = True  # humans in a shelter close its doors when zombies come near


@dataclass(frozen=True)
class PeopleSpec:
    where: str  # room name, room tag, or "anywhere"
    count: int
    state: int = HUMAN
    traits: dict[str, Distribution] = field(default_factory=dict)  # missing traits: TRAIT_DEFAULTS
    group: str | None = None  # everyone of the block belongs to this group


@dataclass(frozen=True)
class CharacterSpec:
    name: str
    where: str
    state: int = HUMAN
    traits: dict[str, float] = field(default_factory=dict)  # missing traits: TRAIT_DEFAULTS
    kin: tuple[str, ...] = ()
    group: str | None = None
    message: bool = False  # carries a message to the authorities (behaviours.messenger)
    leader: bool = False  # leads their group (behaviours.groups)
    injury: str = "none"  # hurt from the start: "none", "slow" or "immobile" (behaviours.injuries)
    skills: tuple[str, ...] = ()  # names from SKILLS (behaviours.ranged, behaviours.upkeep)


@dataclass(frozen=True)
class Authority:
    """A scheduled intervention in a zone (a room name, a room tag, or "anywhere").

    quarantine: from `at`, for `lasts` (0: to the end), nobody crosses the zone's boundary or
                leaves the map through its exits.
    rescue:     from `at`, for `lasts` (0: one tick), up to `capacity` people standing in the
                zone are taken away (they count as escaped).
    bombing:    at `at`, everyone standing in the zone dies.

    on_message: what the first delivered message (behaviours.messenger) does to the order.
    A number of seconds: the order starts that long after the delivery if that is before `at`.
    LIFT (quarantine): the quarantine ends at the delivery (never starts, if delivered before
    `at`). CANCEL (rescue, bombing): the order is called off if delivered before it starts.
    None: messages change nothing.
    """

    at: float  # seconds from the start
    act: int  # QUARANTINE, RESCUE or BOMBING
    zone: str
    lasts: float = 0.0  # seconds
    capacity: int = 20  # rescue only
    on_message: float | str | None = None  # seconds, LIFT or CANCEL


@dataclass(frozen=True)
class Record:
    every: int = 1  # record the time series every N ticks
    frames: int = 0  # a replay frame every N ticks; 0 picks N for about 400 frames a run


@dataclass(frozen=True, eq=False)
class Scenario:
    name: str
    map: MapData | None  # None for the science kinds (ode, stochastic, lattice)
    kind: str = "agents"
    description: str = ""
    tick: float = 1.0  # seconds
    duration: float = 3600.0  # seconds
    seed: int = 0
    infection: Infection = field(default_factory=Infection)
    movement: Movement = field(default_factory=Movement)
    doors: Doors = field(default_factory=Doors)
    people: tuple[PeopleSpec, ...] = ()
    characters: tuple[CharacterSpec, ...] = ()
    authorities: tuple[Authority, ...] = ()
    behaviours: Behaviours = field(default_factory=default_behaviours)
    record: Record = field(default_factory=Record)
    model: ModelSpec | None = None  # science kinds: the model, its parameters and initial counts
    lattice: LatticeSpec | None = None  # kind lattice: where the people live
    # Provenance: the files read to build this scenario, as (name relative to the main file, bytes).
    # The first is the main TOML file. sha256 is over all of them, in order.
    source_files: tuple[tuple[str, bytes], ...] = ()
    sha256: str = ""

    @property
    def ticks(self) -> int:
        return int(round(self.duration / self.tick))

    @property
    def people_count(self) -> int:
        """Everyone placed at the start: the [[people]] blocks and the named characters."""
        return sum(block.count for block in self.people) + len(self.characters)

    def replace(self, **changes) -> "Scenario":
        return dataclasses.replace(self, **changes)
