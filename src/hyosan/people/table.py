"""The people table: one numpy column per attribute, and a side table of names.

Nobody is ever removed: the dead and the escaped keep their row and change state. A column is
made, with its initial value for everyone, the first time it is read: a run whose behaviours
are off never pays for their columns. Behaviours that need more columns add them with
`add_column` before the run starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..scenario.model import HUMAN, TRAIT_DEFAULTS

TRAIT_SCALE = 255  # traits are stored as bytes: 0 -> 0.0, 255 -> 1.0

# name -> (dtype, initial value)
CORE_COLUMNS: dict[str, tuple[type, int]] = {
    "state": (np.uint8, HUMAN),
    "cell": (np.int32, 0),
    "action": (np.uint8, 0),  # what the person did in the last tick (behaviours.actions)
    "alert": (np.uint8, 0),  # 1 once the person has seen a zombie
    "turn_tick": (np.int32, -1),  # tick at which a bitten person turns
    "group": (np.int32, -1),  # index into People.groups, -1 for none
    "kin": (np.int32, -1),  # id of the first relative, -1 for none
    "act": (np.uint8, 0),  # the act the person keeps doing (behaviours.actions.ACTS), 0 for none
    "forbid": (np.uint16, 0),  # bits of acts suppressed for this person (counterfactual replays)
    **{trait: (np.uint8, round(v * TRAIT_SCALE)) for trait, v in TRAIT_DEFAULTS.items()},
}
CORE_COLUMNS["arrows"] = (np.uint16, 0)  # an archer's arrows left (behaviours.ranged)
CORE_COLUMNS["hostile"] = (np.uint8, 0)  # halfbies: 1 friendly, 2 hostile (behaviours.hostile)
CORE_COLUMNS["skills"] = (np.uint8, 0)  # bit k: knows scenario.model.SKILLS[k]
CORE_COLUMNS["message"] = (np.uint8, 0)  # 1: carries an undelivered message (behaviours.messenger)
CORE_COLUMNS["kin_cell"] = (np.int32, -1)  # the relative's last known cell (behaviours.seek_kin)
CORE_COLUMNS["kin_state"] = (np.uint8, 0)  # 0 not yet seen, 1 together, 2 apart, 3 lost (seek_kin)
CORE_COLUMNS["injury"] = (np.uint8, 0)  # 0 unhurt, 1 slowed, 2 cannot walk (behaviours.injuries)
CORE_COLUMNS["carrying"] = (np.int32, -1)  # whom the person carries, -1 for nobody (behaviours.carry)
CORE_COLUMNS["leader"] = (np.uint8, 0)  # 1: named their group's leader (behaviours.groups)
CORE_COLUMNS["left_group"] = (np.int32, -1)  # the group they left or were expelled from (groups)
CORE_COLUMNS["judged"] = (np.uint8, 0)  # 1: their group voted on them (behaviours.defend_infected)
CORE_COLUMNS["heading"] = (np.int32, -1)  # the cell their leader led them to make for (groups)
CORE_COLUMNS["guard_cell"] = (np.int32, -1)  # the chokepoint a rear guard holds (behaviours.rear_guard)
CORE_COLUMNS["guard_wait"] = (np.int16, 0)  # ticks the rear guard still holds once the group is through


@dataclass(eq=False)
class People:
    count: int
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # id -> name of named characters
    relatives: dict[int, tuple[int, ...]] = field(default_factory=dict)  # id -> ids of all kin
    groups: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, count: int) -> "People":
        """count people, every column at its initial value (made when first read)."""
        return cls(count)

    def add_column(self, name: str, dtype, initial) -> np.ndarray:
        if name in self.columns or name in CORE_COLUMNS:
            raise ValueError(f"the people table already has a column {name!r}")
        self.columns[name] = np.full(self.count, initial, dtype=dtype)
        return self.columns[name]

    def column(self, name: str) -> np.ndarray:
        """A column by name; a core column is made on first use."""
        if name not in self.columns:
            dtype, initial = CORE_COLUMNS[name]
            self.columns[name] = np.full(self.count, initial, dtype=dtype)
        return self.columns[name]

    def __getattr__(self, name: str) -> np.ndarray:
        columns = self.__dict__.get("columns", {})
        if name in columns:
            return columns[name]
        if name in CORE_COLUMNS:
            return self.column(name)
        raise AttributeError(name)

    def trait(self, name: str) -> np.ndarray:
        """A trait as floats in [0, 1]."""
        return self.column(name) / TRAIT_SCALE

    @property
    def bytes_per_person(self) -> int:
        """Of the columns made so far."""
        return sum(col.itemsize for col in self.columns.values())

    def restore(self, arrays: dict[str, np.ndarray]) -> None:
        """Columns from a checkpoint; a column it lacks was never made, so is at its initial
        value."""
        for name in set(self.columns) | set(arrays):
            if name in arrays:
                self.column(name)[:] = arrays[name]
            else:
                self.columns[name][:] = CORE_COLUMNS[name][1]

    def id_of(self, name: str) -> int:
        for pid, pname in self.names.items():
            if pname == name:
                return pid
        raise KeyError(name)
