"""The [behaviours] section: which of the people's behaviours are on, and their parameters.

Each behaviour's mechanics live in hyosan.behaviours; its parameters, with their defaults, are
declared here, so that a scenario file is validated without running anything. Every behaviour is
on unless the scenario says `name = false` (or `on = false` in its table).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Decoy:
    """Make noise to draw zombies onto oneself while one's group gets away."""

    on: bool = True
    rate: float = 0.3  # chance per tick, times bravery x altruism, that a threatened member steps up
    sacrifice: float = 3.0  # how much likelier a bitten member is to step up
    loudness: int = 12  # head start of the decoy's noise over a human, in steps
    threat: int = 4  # a group is threatened when a zombie is this many steps from a member


@dataclass(frozen=True)
class HoldDoor:
    """Lean on a closed door that zombies push on, to slow its breaking."""

    on: bool = True
    rate: float = 0.5  # chance per tick, times bravery, that a person by the door starts holding
    hold: float = 1.0  # a door wears at 1 / (1 + hold x the holders' power), power 0.5 + strength each


@dataclass(frozen=True)
class Barricade:
    """Pile furniture against a closed door while zombies are near but not yet pushing."""

    on: bool = True
    rate: float = 0.3  # chance per tick that a person by the door starts barricading
    build: float = 2.0  # strength added per barricader per tick
    most: float = 300.0  # a door's strength is not raised above this


@dataclass(frozen=True)
class Upkeep:
    """Tend a shelter's needs (sanitation, water, food), which its people use up; when one runs
    out, everyone must leave. Stocks are in person-hours."""

    on: bool = True
    rate: float = 1.0  # chance per hour, times altruism, that a sheltered person tends a need below half
    decay: float = 1.0  # stock of each need that each person in the room uses per hour
    restore: float = 3.0  # stock one act of upkeep adds to the room's lowest need
    sanitation: float = 40.0  # starting stock of each shelter room
    water: float = 80.0
    food: float = 120.0


@dataclass(frozen=True)
class Ranged:
    """Archers (characters with skills = ["archery"]) shoot zombies they can see."""

    on: bool = True
    reach: int = 8  # cells: the longest shot
    rate: float = 0.5  # chance per tick, times 0.5 + bravery, that an archer with a target shoots
    hit: float = 0.5  # chance that an arrow destroys its zombie
    arrows: int = 12  # each archer's arrows at the start


@dataclass(frozen=True)
class Hostile:
    """Some halfbies are hostile: lucid and strong, they hunt the humans they notice (as far as
    zombies do) and bite them; nobody fights them off."""

    on: bool = True
    share: float = 0.3  # chance that a halfbie is hostile, times 2 x (1 - altruism)
    bite: float = 0.8  # chance per tick that a hostile halfbie bites a human in its cell


@dataclass(frozen=True)
class RearGuard:
    """When a fleeing group goes through a door or stairs, its bravest member stays behind it
    to go last, fighting the zombies that come."""

    on: bool = True
    rate: float = 0.3  # chance per tick, times bravery, that the bravest member steps up
    fight: float = 0.2  # extra chance per zombie contact per tick, times 0.5 + strength, to destroy it
    wait: int = 15  # ticks the rear guard holds after the last of the group is through


@dataclass(frozen=True)
class Messenger:
    """A character with `message = true` carries it to the authorities: they walk to the place
    `to` and, arriving alive, deliver it (which can bring an authority's order forward)."""

    on: bool = True
    to: str = "authorities"  # a room name or room tag: where the message is delivered
    rate: float = 0.02  # chance per tick, times bravery, that a carrier sets off
    caution: int = 3  # steps: a zombie this near makes the messenger flee instead of walking on


@dataclass(frozen=True)
class SeekKin:
    """A person apart from their relative crosses the map to where they last saw them."""

    on: bool = True
    rate: float = 0.02  # chance per tick, times altruism, that a person apart from their relative sets off
    apart: int = 8  # steps on the same floor (any distance on another floor) that count as apart
    caution: int = 3  # steps: a zombie this near makes the seeker flee instead of walking on


@dataclass(frozen=True)
class Injuries:
    """People get hurt: falling while fleeing on stairs or in a full cell, or fighting a zombie
    hand to hand. The injured are slowed, or cannot walk at all."""

    on: bool = True
    fall: float = 0.002  # chance per tick that a fleeing person on stairs or in a full cell falls
    fight: float = 0.1  # chance that a person who destroys a zombie in melee is hurt
    immobile: float = 0.3  # share of the injured who cannot walk (the rest are slowed)
    slow: float = 0.4  # chance per tick that a slowed person makes the step they want


@dataclass(frozen=True)
class Carry:
    """Pick up an injured groupmate (or, for the very caring, any injured person) and carry
    them: they go where the carrier goes, and the carrier is slower."""

    on: bool = True
    rate: float = 0.5  # chance per tick, times altruism x (0.5 + strength), of picking someone up
    stranger: float = 0.8  # altruism from which a person picks up people outside their group
    pace: float = 0.6  # chance per tick, times 0.5 + strength, that a carrier makes their step


@dataclass(frozen=True)
class Rescue:
    """Run to a person a zombie is closing in on and strike the zombies around them."""

    on: bool = True
    rate: float = 0.3  # chance per tick, times bravery x altruism, that a person sets off
    brave: float = 0.6  # only people at least this brave set off
    threat: int = 5  # a person is threatened when a zombie is this many steps from them
    reach: int = 10  # steps: how far a rescuer sees a threatened person
    strike: float = 0.3  # chance per tick, times 0.5 + strength, of destroying a zombie in their cell


@dataclass(frozen=True)
class Follow:
    """Members of a group keep with its leader (named in the scenario, else the bravest): they
    walk to the leader when apart, head where the leader heads for safety, and walk back to the
    group when separated from it."""

    on: bool = True
    apart: int = 3  # steps from the leader beyond which a member walks to them
    reach: int = 15  # steps: how far a member keeps track of the leader (beyond: separated)
    regroup: int = 40  # steps: how far a separated member looks for the group to walk back to


@dataclass(frozen=True)
class SelfIsolate:
    """An infected member (bitten or halfbie) who knows it and cares enough leaves their group
    and walks away from it, so as not to turn among them."""

    on: bool = True
    altruism: float = 0.6  # the least altruism of a member who leaves
    rate: float = 0.05  # chance per tick, times altruism, that an eligible member leaves


@dataclass(frozen=True)
class Expel:
    """A group sheltering with an infected member votes on throwing them out; each member's vote
    leans on selfishness (1 - altruism) and fear (1 - bravery)."""

    on: bool = True
    near: int = 6  # steps: the members this near the infected one vote


@dataclass(frozen=True)
class DefendInfected:
    """A brave and caring member close to an infected groupmate speaks up for them in the vote."""

    on: bool = True
    rate: float = 1.0  # chance, times altruism x bravery, that a member close by defends
    close: int = 3  # steps: how near the infected one a defender stands
    sway: float = 3.0  # a defender's weight against expulsion, in votes


@dataclass(frozen=True)
class Behaviours:
    decoy: Decoy = field(default_factory=Decoy)
    hold_door: HoldDoor = field(default_factory=HoldDoor)
    barricade: Barricade = field(default_factory=Barricade)
    upkeep: Upkeep = field(default_factory=Upkeep)
    ranged: Ranged = field(default_factory=Ranged)
    hostile: Hostile = field(default_factory=Hostile)
    rear_guard: RearGuard = field(default_factory=RearGuard)
    injuries: Injuries = field(default_factory=Injuries)
    carry: Carry = field(default_factory=Carry)
    rescue: Rescue = field(default_factory=Rescue)
    messenger: Messenger = field(default_factory=Messenger)
    seek_kin: SeekKin = field(default_factory=SeekKin)
    follow: Follow = field(default_factory=Follow)
    self_isolate: SelfIsolate = field(default_factory=SelfIsolate)
    expel: Expel = field(default_factory=Expel)
    defend_infected: DefendInfected = field(default_factory=DefendInfected)

    def without(self, *names: str) -> "Behaviours":
        """The same behaviours with the named ones switched off."""
        return dataclasses.replace(self, **{n: dataclasses.replace(getattr(self, n), on=False) for n in names})

    def only(self, *names: str) -> "Behaviours":
        """Only the named behaviours switched on."""
        off = [f.name for f in dataclasses.fields(self) if f.name not in names]
        return self.without(*off)


BEHAVIOUR_NAMES = tuple(f.name for f in dataclasses.fields(Behaviours))
