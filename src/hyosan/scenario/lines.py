"""Where each key of a TOML text is written, since tomllib gives no line numbers.

A path is a tuple of keys and 0-based array indices, as in the parsed data:
("infection", "incubation", "sigma"), ("people", 1, "where"). The scanner assumes the text
is valid TOML (tomllib has already read it); on anything unexpected it keeps what it found.
"""

from __future__ import annotations

from string import ascii_letters, digits

Path = tuple[str | int, ...]
ARRAY_SECTIONS = ("people", "character", "authority")
_BARE = set(ascii_letters + digits + "-_")


def field_name(path: Path) -> str:
    """A path as users read it: `[infection].bite`, `[[people]][2].where` (indices from 1)."""
    if not path:
        return ""
    head, rest = path[0], list(path[1:])
    if head in ARRAY_SECTIONS:
        text = f"[[{head}]]"
        if rest and isinstance(rest[0], int):
            text += f"[{int(rest.pop(0)) + 1}]"
    elif head == "map" and rest[:1] == ["rooms"]:
        text = "[map.rooms]"
        rest.pop(0)
    else:
        text = f"[{head}]"
    for part in rest:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return text


class LineIndex:
    """Line numbers (1-based) of keys, table headers and array entries of a TOML text."""

    def __init__(self, text: str):
        self.lines: dict[Path, int] = {}
        self.starts: dict[Path, int] = {}  # line where a string value's content starts
        try:
            _Scanner(text, self).document()
        except (IndexError, ValueError):
            pass

    def line_of(self, path: Path) -> int | None:
        """The line of path, or of its nearest enclosing key or table that is written."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def start_of(self, path: Path) -> int | None:
        return self.starts.get(tuple(path))


class _Scanner:
    def __init__(self, text: str, index: LineIndex):
        self.s, self.i, self.line, self.index = text, 0, 1, index
        self.arrays: dict[Path, int] = {}  # array-of-tables path -> entries so far

    def advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def at(self, token: str) -> bool:
        return self.s.startswith(token, self.i)

    def expect(self, token: str) -> None:
        if not self.at(token):
            raise ValueError(token)
        self.advance(len(token))

    def skip(self, newlines: bool = True) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.i = len(self.s) if end < 0 else end
            else:
                return

    def record(self, path: Path) -> None:
        self.index.lines.setdefault(path, self.line)

    def document(self) -> None:
        table: Path = ()
        while True:
            self.skip()
            if self.i >= len(self.s):
                return
            if self.at("[["):
                self.advance(2)
                parts = self.key()
                self.expect("]]")
                base = self.resolve(parts[:-1]) + (parts[-1],)
                self.record(base)
                self.arrays[base] = self.arrays.get(base, 0) + 1
                table = base + (self.arrays[base] - 1,)
                self.record(table)
            elif self.at("["):
                self.advance()
                parts = self.key()
                self.expect("]")
                table = self.resolve(parts)
                self.record(table)
            else:
                self.pair(table)

    def resolve(self, parts: list[str]) -> Path:
        path: Path = ()
        for part in parts:
            path += (part,)
            if path in self.arrays:
                path += (self.arrays[path] - 1,)
        return path

    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip(newlines=False)
            if self.s[self.i] in "\"'":
                parts.append(self.string())
            else:
                start = self.i
                while self.s[self.i] in _BARE:
                    self.i += 1
                if self.i == start:
                    raise ValueError("key")
                parts.append(self.s[start:self.i])
            self.skip(newlines=False)
            if not self.at("."):
                return parts
            self.advance()

    def pair(self, table: Path) -> None:
        parts = self.key()
        for n in range(1, len(parts) + 1):
            self.record(table + tuple(parts[:n]))
        self.expect("=")
        self.value(table + tuple(parts))

    def value(self, path: Path) -> None:
        self.skip(newlines=False)
        c = self.s[self.i]
        if c == "{":
            self.advance()
            while True:
                self.skip()
                if self.at("}"):
                    self.advance()
                    return
                self.pair(path)
                self.skip()
                if self.at(","):
                    self.advance()
        elif c == "[":
            self.advance()
            n = 0
            while True:
                self.skip()
                if self.at("]"):
                    self.advance()
                    return
                self.record(path + (n,))
                self.value(path + (n,))
                self.skip()
                if self.at(","):
                    self.advance()
                n += 1
        elif c in "\"'":
            self.string(path)
        else:
            while self.i < len(self.s) and self.s[self.i] not in ",]}\n#":
                self.i += 1

    def string(self, path: Path | None = None) -> str:
        """Skips a string and returns its raw text (escapes are left as written)."""
        quote = self.s[self.i]
        multi = self.at(quote * 3)
        self.advance(3 if multi else 1)
        if multi and self.s[self.i] == "\n":
            self.advance()
        elif multi and self.at("\r\n"):
            self.advance(2)
        if path is not None:
            self.index.starts.setdefault(path, self.line)
        start, j = self.i, self.i
        close = quote * 3 if multi else quote
        while not self.s.startswith(close, j):
            if self.s[j] == "\\" and quote == '"':
                j += 1
            elif self.s[j] == "\n" and not multi:
                raise ValueError("string")
            j += 1
        if multi:
            while self.s.startswith(quote, j + 3):  # up to two quotes may end the content
                j += 1
        text = self.s[start:j]
        self.advance(j - self.i + len(close))
        return text
