"""The range of every number in a scenario, read from the schema's field types (`fields.Range`).

docs/scenario-format.md lists them in a table that tests/scenario/test_ranges.py compares with
this one; `python -m hyosan.scenario.ranges` prints the table to paste there.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from .fields import Range
from .schema import FIELD_TYPES, sections


def ranges() -> dict[str, Range]:
    """Field (`[section].key`; `*` for any key of a table or item of an array) -> the range its
    check enforces."""
    found: dict[str, Range] = {}
    for name, (model, many, _) in sections().items():
        if name == "behaviours":  # a table per behaviour, each field typed by its default
            for kind, field_type in FIELD_TYPES.items():
                _visit(field_type, f"[behaviours.<name>].<parameter> (default a {kind.__name__})", found)
        else:
            _visit(model, f"[[{name}]]" if many else f"[{name}]", found)
    return found


def _visit(annotation: Any, field: str, found: dict[str, Range]) -> None:
    for bounds in getattr(annotation, "__metadata__", ()):
        if isinstance(bounds, Range):
            found[field] = bounds
    if hasattr(annotation, "__metadata__"):  # Annotated[inner, ...]
        annotation = annotation.__origin__
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            typed = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            _visit(typed, f"{field}.{name}", found)
    elif get_origin(annotation) is dict:
        _visit(get_args(annotation)[1], f"{field}.*", found)
    elif get_origin(annotation) is list:
        _visit(get_args(annotation)[0], f"{field}[*]", found)
    else:  # a union, such as `X | None`
        for arg in get_args(annotation):
            _visit(arg, field, found)


def table() -> str:
    """The markdown table of docs/scenario-format.md's section on ranges."""
    rows = [f"| `{field}` | {bounds} |" for field, bounds in ranges().items()]
    return "\n".join(["| field | range |", "|---|---|", *rows])


if __name__ == "__main__":
    print(table())
