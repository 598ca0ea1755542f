"""Every behaviour, in the order they were registered, and the tables made from their
declarations: action codes, event kinds, forbid bits, draw streams and people columns.

The built-in behaviours register when `hyosan.behaviours` is imported, always in the same order
(`BUILT_IN`), so their codes are the same in every process. A behaviour registered later gets
the next codes; codes are internal (outputs name events and states by their names), but numba
bakes them into compiled kernels, so the built-ins' order only ever grows at the end.
"""

from __future__ import annotations

from ..dice import declare_streams, forget_streams
from ..events import KINDS
from ..people.table import declare_columns, forget_columns
from .actions import ACTIONS, FORBID
from .behaviour import Behaviour, Step

FORBID_LIMIT = 16  # the `forbid` column is 16 bits wide
PHASES = ("sense", "decide", "move", "interact", "progress", "authorities", "record")

_registered: dict[str, Behaviour] = {}


class RegistryError(ValueError):
    pass


def register(b: Behaviour) -> Behaviour:
    """Add a behaviour: give it its codes and its columns. Returns it."""
    _check(b)
    declare_streams(b.name, b.streams)
    try:
        declare_columns(b.name, b.columns)
    except ValueError:
        forget_streams(b.streams)
        raise
    for name in b.actions:
        b.action[name] = len(ACTIONS)
        ACTIONS.append(name)
    for name in b.events:
        b.event[name] = len(KINDS)
        KINDS.append(name)
    for name in b.acts:
        b.bit[name] = len(FORBID)
        FORBID.append(name)
    _registered[b.name] = b
    return b


def unregister(b: Behaviour) -> None:
    """Take back the behaviour registered last (a test's own behaviour, after the test)."""
    if not _registered or list(_registered.values())[-1] is not b:
        raise RegistryError(f"only the behaviour registered last can be taken back, not {b.name!r}")
    del _registered[b.name]
    for table, names in ((ACTIONS, b.actions), (KINDS, b.events), (FORBID, b.acts)):
        del table[len(table) - len(names):]
    forget_streams(b.streams)
    forget_columns(b.columns)
    for codes in (b.action, b.event, b.bit):
        codes.clear()


def _check(b: Behaviour) -> None:
    where = f"behaviour {b.name!r}"
    if b.name in _registered:
        raise RegistryError(f"{where} is registered already")
    if b.params is not None:
        fields = getattr(b.params, "__dataclass_fields__", {})
        if "on" not in fields:
            raise RegistryError(f"{where}: its parameters must be a dataclass with an `on` field")
        for name, f in fields.items():
            if type(f.default) not in (bool, int, float, str):
                raise RegistryError(f"{where}: parameter {name!r} must default to a bool, int, "
                                    f"float or str, not {f.default!r}")
    for name in b.actions:
        if name in ACTIONS:
            raise RegistryError(f"{where}: action {name!r} is another behaviour's already")
    for name in b.events:
        if name in KINDS:
            raise RegistryError(f"{where}: event kind {name!r} is another behaviour's already")
    for name in b.acts:
        if name not in KINDS and name not in b.events:
            raise RegistryError(f"{where}: act {name!r} is not an event kind")
    if len(FORBID) + len(b.acts) > FORBID_LIMIT:
        raise RegistryError(f"{where}: more than {FORBID_LIMIT} acts in all")
    for step in b.steps:
        if step.at not in PHASES:
            raise RegistryError(f"{where}: step {step_name(step)!r} runs at {step.at!r}, "
                                f"expected one of {', '.join(PHASES)}")


def step_name(step: Step) -> str:
    return step.name or step.run.__name__


def behaviours() -> list[Behaviour]:
    """Every registered behaviour, in the order they were registered."""
    import hyosan.behaviours  # noqa: F401  (the built-ins register when the package is imported)

    return list(_registered.values())


def with_params() -> list[Behaviour]:
    """The behaviours with a [behaviours.<name>] table, in order."""
    return [b for b in behaviours() if b.params is not None]


def credited_acts() -> dict[str, str]:
    """Every act the heroes report credits, event kind -> what the person did, in the order
    acts are chosen for replay."""
    return {kind: phrase for b in behaviours() for kind, phrase in b.acts.items()}


def forbid_bit(act: str) -> int:
    return FORBID.index(act)
