"""What a behaviour declares about itself, in one place.

A behaviour module ends with one `Behaviour` (two where one mechanism has two parameter
tables, as door defence has hold_door and barricade), passed to `registry.register`:

    SELF_ISOLATE = register(Behaviour(
        "self_isolate", SelfIsolate,            # its [behaviours.self_isolate] table
        events=("self_isolate",),               # event kinds it logs
        acts={"self_isolate": "walked away from their group in {place}, ..."},
        streams={"isolate": 25},                # its random streams, numbered for good
        steps=(Step("decide", 50, decide),),    # where in the tick it runs
    ))
    SELF_ISOLATE_EVENT = SELF_ISOLATE.event["self_isolate"]

Registering gives the behaviour its codes (`action`, `event`, `bit`) and adds its columns to
the people table, its parameters to the scenario's [behaviours] section and its steps to the
plan of the tick. Kernels read the codes as module globals, so a module takes them from its
declaration right after registering it.
"""

from __future__ import annotations

import dataclasses
from collections import namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Optional, Protocol


@dataclass(frozen=True)
class Step:
    """A step a behaviour runs every tick at a point of the tick (a phase: "sense", "decide",
    "move", "interact", "progress", "authorities" or "record"), in increasing `order` within it
    (the engine's rows have theirs: `hyosan run --plan` lists every row). `on` says, from the
    scenario, whether the step runs at all; by default, whether its behaviour is on."""

    at: str
    order: int
    run: Callable[[Any], None]
    on: Optional[Callable[[Any], bool]] = None
    name: str = ""  # the row's name in the plan; by default the function's


@dataclass(eq=False)
class Behaviour:
    name: str  # the scenario's table: [behaviours.<name>]
    params: Optional[type] = None  # a frozen dataclass with an `on` field; None: no table
    columns: dict[str, tuple[type, int]] = field(default_factory=dict)  # people columns it owns
    actions: tuple[str, ...] = ()  # what people doing it show in their `action` column
    events: tuple[str, ...] = ()  # event kinds it logs
    acts: dict[str, str] = field(default_factory=dict)  # credited acts: event -> what they did
    streams: dict[str, int] = field(default_factory=dict)  # random streams: name -> number
    steps: tuple[Step, ...] = ()
    state: Optional[type] = None  # per-run state saved with checkpoints (`BehaviourState`)
    # sets its columns for the scenario's characters when a run starts: start(sim, characters)
    start: Optional[Callable[[Any, Any], None]] = None
    # Given by the registry:
    action: dict[str, int] = field(default_factory=dict)
    event: dict[str, int] = field(default_factory=dict)
    bit: dict[str, int] = field(default_factory=dict)  # bit of the `forbid` column per act

    def is_on(self, scenario) -> bool:
        return self.params is None or getattr(scenario.behaviours, self.name).on


class BehaviourState(Protocol):
    """What a behaviour keeps besides the people columns, saved with a run's checkpoints: it
    makes itself for a simulation (`of`), gives its arrays by name (`arrays`) and takes them
    back (`restore`)."""

    @classmethod
    def of(cls, sim) -> "BehaviourState": ...

    def arrays(self) -> dict[str, Any]: ...

    def restore(self, sim, arrays: dict[str, Any]) -> None: ...


def numbers(params: Any) -> Any:
    """A behaviour's parameters as its kernels read them: a namedtuple of its numbers and
    switches (`params.rate`), its text fields left out."""
    kind = _numbers_type(type(params))  # type: ignore[arg-type]
    return kind(*(getattr(params, name) for name in kind._fields))


@lru_cache(maxsize=None)
def _numbers_type(params: Any) -> Any:
    names = [f.name for f in dataclasses.fields(params) if isinstance(f.default, (bool, int, float))]
    kind = namedtuple(params.__name__, names, module=params.__module__)  # type: ignore[misc]
    # found by pickle (numba's cache keeps the types of a kernel's arguments) as Params.Numbers
    kind.__qualname__ = f"{params.__qualname__}.Numbers"
    params.Numbers = kind  # type: ignore[attr-defined]
    return kind
