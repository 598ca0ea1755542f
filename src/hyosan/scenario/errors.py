"""Problems found in a scenario, and the one exception that carries all of them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where it is, which field, and what was expected."""

    file: str
    line: int | None
    field: str  # like "[infection].bite" or "[[people]][2].where"; map problems name the cell
    message: str
    column: int | None = None
    excerpt: str = ""  # the line as written, shown with a caret under the column

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.excerpt and self.column is not None:
            before = self.excerpt[:self.column - 1].expandtabs()
            text += f"\n    {self.excerpt.expandtabs()}\n    {' ' * len(before)}^"
        return text


class ScenarioError(Exception):
    """Every problem found in a scenario, one per line in str()."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def sorted_problems(problems: Iterable[Problem], main_file: str) -> list[Problem]:
    """The main file's problems first, each file's by line; problems without a line last."""
    return sorted(problems, key=lambda p: (p.file != main_file, p.line is None, p.line or 0, p.column or 0))


class FieldError(ValueError):
    """A value error inside one field; each item is (path below the field, message)."""

    def __init__(self, message: str, *path: str | int, more: Iterable[tuple[tuple, str]] = ()):
        self.items = [(tuple(path), message), *more]
        super().__init__(message)


def format_problems(err: ScenarioError) -> str:
    n = len(err.problems)
    return f"{err}\n{n} problem{'s' if n != 1 else ''} found"


def show(value: object) -> str:
    """A TOML value as a user wrote it, for 'found ...' messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _short(repr(value))
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return _short(str(value))


def _short(text: str, most: int = 40) -> str:
    """A long value cut in its middle, so that a message stays one line."""
    return text if len(text) <= most else f"{text[:most // 2]}...{text[-most // 2 + 3:]} ({len(text)} characters)"


def suggest(word: str, options: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the option nearest to word, or ''."""
    match = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def unknown_key(key: str, valid: Iterable[str]) -> str:
    valid = list(valid)
    hint = suggest(key, valid)
    if not hint and valid:
        hint = "; valid keys: " + ", ".join(valid)
    return f"unknown key '{key}'{hint}"
