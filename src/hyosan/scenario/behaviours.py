"""The [behaviours] section: which of the people's behaviours are on, and their parameters.

Each behaviour declares its parameters (a frozen dataclass with an `on` field) in its own module
in hyosan.behaviours; `Behaviours` holds one of each, by name, in the order the behaviours were
registered. Every behaviour is on unless the scenario says `name = false` (or `on = false` in
its table).

The class is made from the registry (`behaviours_type`), so that a behaviour registered after
hyosan was imported (a plug-in, or a test's own) has its table like any other.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any


class Behaviours:
    """Every behaviour's parameters, by name: `scenario.behaviours.decoy.rate`."""

    def without(self, *names: str) -> "Behaviours":
        """The same behaviours with the named ones switched off."""
        return dataclasses.replace(self, **{n: dataclasses.replace(getattr(self, n), on=False)  # type: ignore[type-var]
                                            for n in names})  # (its subclasses are dataclasses)

    def only(self, *names: str) -> "Behaviours":
        """Only the named behaviours switched on."""
        return self.without(*[n for n in self.names() if n not in names])

    def names(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self)]  # type: ignore[arg-type]

    def __reduce__(self):
        # by value, so that a copy is made in another process whatever its registry's order
        return _rebuild, ({n: getattr(self, n) for n in self.names()},)


def _rebuild(params: dict[str, Any]) -> Behaviours:
    return behaviours_type()(**params)


def behaviours_type() -> type:
    """The Behaviours class of the behaviours registered now."""
    from ..behaviours.registry import with_params

    return _made(tuple((b.name, b.params) for b in with_params()))


@lru_cache(maxsize=None)
def _made(tables: tuple[tuple[str, type], ...]) -> type:
    return dataclasses.make_dataclass(
        "Behaviours", [(name, params, dataclasses.field(default_factory=params)) for name, params in tables],
        bases=(Behaviours,), frozen=True, namespace={"__module__": __name__})


def default_behaviours() -> Behaviours:
    """Every registered behaviour, on, with its default parameters."""
    return behaviours_type()()


def behaviour_names() -> tuple[str, ...]:
    """The tables of [behaviours], in order."""
    return tuple(f.name for f in dataclasses.fields(behaviours_type()))
