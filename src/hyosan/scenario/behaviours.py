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
    hold: float = 1.0  # strength a holder takes off each tick's damage (times 0.5 + strength)


@dataclass(frozen=True)
class Barricade:
    """Pile furniture against a closed door while zombies are near but not yet pushing."""

    on: bool = True
    rate: float = 0.3  # chance per tick that a person by the door starts barricading
    build: float = 2.0  # strength added per barricader per tick
    most: float = 300.0  # a door's strength is not raised above this


@dataclass(frozen=True)
class Behaviours:
    decoy: Decoy = field(default_factory=Decoy)
    hold_door: HoldDoor = field(default_factory=HoldDoor)
    barricade: Barricade = field(default_factory=Barricade)

    def without(self, *names: str) -> "Behaviours":
        """The same behaviours with the named ones switched off."""
        return dataclasses.replace(self, **{n: dataclasses.replace(getattr(self, n), on=False) for n in names})

    def only(self, *names: str) -> "Behaviours":
        """Only the named behaviours switched on."""
        off = [f.name for f in dataclasses.fields(self) if f.name not in names]
        return self.without(*off)


BEHAVIOUR_NAMES = tuple(f.name for f in dataclasses.fields(Behaviours))
