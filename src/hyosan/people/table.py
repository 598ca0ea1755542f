"""The people table: one numpy column per attribute, and a side table of names.

Nobody is ever removed: the dead and the escaped keep their row and change state. A column is
made, with its initial value for everyone, the first time it is read: a run whose behaviours
are off never pays for their columns. Each behaviour declares the columns it owns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from .states import HUMAN, TRAIT_DEFAULTS

T = TypeVar("T")

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
    "act": (np.uint8, 0),  # the act the person keeps doing (behaviours.actions), 0 for none
    "forbid": (np.uint16, 0),  # bits of acts suppressed for this person (counterfactual replays)
    **{trait: (np.uint8, round(v * TRAIT_SCALE)) for trait, v in TRAIT_DEFAULTS.items()},
    "skills": (np.uint8, 0),  # bit k: knows people.states.SKILLS[k]
}
# Each behaviour declares the columns it owns (`Behaviour.columns`); the registry adds them here.
COLUMNS: dict[str, tuple[type, int]] = dict(CORE_COLUMNS)
OWNER: dict[str, str] = {name: "people" for name in COLUMNS}


def declare_columns(owner: str, columns: dict[str, tuple[type, int]]) -> None:
    """Add a behaviour's columns; no two owners may have a column of one name."""
    for name in columns:
        if name in COLUMNS:
            raise ValueError(f"{owner}: the people table has a column {name!r} already "
                             f"(of {OWNER[name]})")
    COLUMNS.update(columns)
    OWNER.update({name: owner for name in columns})


def forget_columns(columns: dict[str, tuple[type, int]]) -> None:
    for name in columns:
        del COLUMNS[name], OWNER[name]


@dataclass(eq=False)
class People:
    count: int
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # id -> name of named characters
    relatives: dict[int, tuple[int, ...]] = field(default_factory=dict)  # id -> ids of all kin
    groups: list[str] = field(default_factory=list)
    # the views made so far, by kind: a column, once made, is never replaced
    _views: dict[type, tuple] = field(default_factory=dict, repr=False)

    @classmethod
    def empty(cls, count: int) -> "People":
        """count people, every column at its initial value (made when first read)."""
        return cls(count)

    def column(self, name: str) -> np.ndarray:
        """A column by name; a core column is made on first use."""
        if name not in self.columns:
            dtype, initial = COLUMNS[name]
            self.columns[name] = np.full(self.count, initial, dtype=dtype)
        return self.columns[name]

    def __getattr__(self, name: str) -> np.ndarray:
        columns = self.__dict__.get("columns", {})
        if name in columns:
            return columns[name]
        if name in COLUMNS:
            return self.column(name)
        raise AttributeError(name)

    def view(self, kind: type[T]) -> T:
        """The columns a kernel reads, as a namedtuple whose fields name them: a kernel module
        declares `Voters = namedtuple("Voters", "state cell group")` and passes
        `people.view(Voters)`."""
        view = self._views.get(kind)
        if view is None:
            fields = kind._fields  # type: ignore[attr-defined]
            view = self._views[kind] = kind(*(self.column(name) for name in fields))
        return view  # type: ignore[return-value]

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
                self.columns[name][:] = COLUMNS[name][1]

    def id_of(self, name: str) -> int:
        for pid, pname in self.names.items():
            if pname == name:
                return pid
        raise KeyError(name)
