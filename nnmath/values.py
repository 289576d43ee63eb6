"""Values files: loading, checking and overriding them, for any set of tables.

A course's built-in values are TOML files of ``[slug]`` tables (one per scene, its keys the
scene's inputs) and, where lecture notes print a wrong number, ``[[errata]]`` tables. A lecturer's
own file holds any subset of the same tables and keys; each value it gives replaces the built-in
one. Every key is checked against a schema — for each table, each key's kind (:class:`Numbers`,
:class:`Count`, :class:`Choice`, :class:`Names`) — before anything is computed: an unknown table or
key, a wrong rank, text where numbers belong, NaN or infinity is a :class:`ValuesError` naming the
key, the line and what was expected. The file is parsed as TOML data; nothing in it is evaluated.
Which tables and keys exist is the caller's to say (:func:`course.load_values` passes the course's
schema and files): this module knows no scene.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np

from nnmath.errors import InputError, NNMathError
from nnmath.limits import LimitError, TableLimits, check_limits
from nnmath.validate import as_array

__all__ = ["ValuesError", "Numbers", "Count", "Choice", "Names", "NUMBER", "VECTOR", "MATRIX", "BATCH", "CLASSES", "Erratum", "LectureValues", "load_values"]


class ValuesError(NNMathError):
    """A values file with an unknown key, a wrong shape or a non-number."""


@dataclass(frozen=True)
class Numbers:
    """A number (rank 0), a vector (rank 1) or a matrix (rank 2)."""

    ranks: tuple[int, ...]

    def describe(self) -> str:
        words = {0: "a number", 1: "a list of numbers", 2: "a list of rows of numbers"}
        return " or ".join(words[r] for r in self.ranks)

    def check(self, value: object, name: str) -> np.ndarray:
        array = as_array(value, name, ndim=self.ranks)
        array.setflags(write=False)  # shared by every scene that reads the values
        return array


@dataclass(frozen=True)
class Count:
    """A whole number in ``[low, high]``."""

    low: int
    high: int

    def describe(self) -> str:
        return f"a whole number from {self.low} to {self.high}"

    def check(self, value: object, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise InputError(f"{name} must be {self.describe()}, got {value!r}")
        return value


@dataclass(frozen=True)
class Choice:
    """One name out of a fixed set."""

    options: tuple[str, ...]

    def describe(self) -> str:
        return "one of " + ", ".join(f'"{o}"' for o in self.options)

    def check(self, value: object, name: str) -> str:
        if value not in self.options:
            raise InputError(f"{name} must be {self.describe()}, got {value!r}")
        return value  # type: ignore[return-value]


@dataclass(frozen=True)
class Names:
    """A non-empty list of names (texts); ``choices`` restricts them to a set; ``unique`` names
    are each one thing (a class is a column: two "rose" columns would be two different classes
    that nobody can tell apart)."""

    choices: tuple[str, ...] | None = None
    unique: bool = False

    def describe(self) -> str:
        return ("a list of different names" if self.unique else "a list of names") + (
            f" from {', '.join(self.choices)}" if self.choices else ""
        )

    def check(self, value: object, name: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise InputError(f"{name} must be {self.describe()}, got {value!r}")
        if self.choices:
            for v in value:
                Choice(self.choices).check(v, name)
        if self.unique:
            twice = next((v for i, v in enumerate(value) if v in value[:i]), None)
            if twice is not None:
                raise InputError(
                    f"{name} names {twice!r} {value.count(twice)} times: each class is one column of its own, "
                    "so every class needs a different name"
                )
        return tuple(value)


NUMBER, VECTOR, MATRIX, BATCH = Numbers((0,)), Numbers((1,)), Numbers((2,)), Numbers((1, 2))
#: Class names: each heads a column of its own, so no two may be the same.
CLASSES = Names(unique=True)


@dataclass(frozen=True)
class Erratum:
    """What the notes wrote at ``where`` in scene ``scene``, and the computed ``quantity``."""

    scene: str
    where: str
    notes: str
    quantity: str


class LectureValues(Mapping[str, Mapping[str, object]]):
    """Checked values, one table per scene slug; arrays are read-only float64."""

    def __init__(self, tables: Mapping[str, Mapping[str, object]], errata: tuple[Erratum, ...], sources: tuple[str, ...]) -> None:
        self._tables = MappingProxyType({k: MappingProxyType(dict(v)) for k, v in tables.items()})
        self.errata = errata
        self.sources = sources

    def __getitem__(self, slug: str) -> Mapping[str, object]:
        return self._tables[slug]

    def __iter__(self):
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY_PATH = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"\s*\[\[?\s*({_KEY_PATH})\s*\]\]?")
_ASSIGNMENT = re.compile(rf"\s*({_KEY_PATH})\s*=")
_INLINE_KEY = re.compile(rf"[{{,]\s*({_KEY_PATH})\s*=")


def _key_parts(path: str) -> tuple[str, ...]:
    """``a."b c".d`` -> ``("a", "b c", "d")``: a TOML dotted key, quotes resolved."""
    parts = []
    for part in re.findall(_KEY, path):
        parts.append(tomllib.loads(f"k = {part}")["k"] if part[0] == '"' else part.strip("'"))
    return tuple(parts)


# Every key of a file asks for its line: scan each text once (a load checks ~70 keys, and each
# scene's explain loads the built-in values again to tell which errata apply).
@functools.lru_cache(maxsize=16)
def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The 1-based line where each table and key is first written, by its path: ``("softmax",)``,
    ``("softmax", "z")``; whether written under a ``[softmax]`` header, dotted (``softmax.z = ...``)
    or in an inline table (``softmax = {z = ...}``). Lines inside a value that spans lines (a
    long array, a multi-line string) are never read as keys."""
    lines: dict[tuple[str, ...], int] = {}

    def record(path: tuple[str, ...], number: int) -> None:
        for end in range(1, len(path) + 1):
            lines.setdefault(path[:end], number)

    current: tuple[str, ...] = ()
    depth = 0  # brackets and braces of a value still open from an earlier line
    quote = ""  # the delimiter of a multi-line string still open
    for number, line in enumerate(text.splitlines(), start=1):
        rest = line
        if quote:
            closing = line.find(quote)
            if closing < 0:
                continue
            rest, quote = line[closing + 3 :], ""
        elif depth == 0:
            header = _HEADER.match(line)
            assignment = None if header else _ASSIGNMENT.match(line)
            if header:
                current = _key_parts(header.group(1))
                record(current, number)
                continue
            if assignment:
                path = current + _key_parts(assignment.group(1))
                record(path, number)
                rest = line[assignment.end() :]
                for inner in _INLINE_KEY.finditer(rest):
                    record(path + _key_parts(inner.group(1)), number)
        depth, quote = _scan_value(rest, depth)
    return lines


def _scan_value(text: str, depth: int) -> tuple[int, str]:
    """The bracket depth after ``text`` (strings and comments skipped), and the delimiter of a
    multi-line string it leaves open."""
    i = 0
    while i < len(text):
        c = text[i]
        if c == "#":
            break
        if text.startswith(('"""', "'''"), i):
            delimiter = text[i : i + 3]
            closing = text.find(delimiter, i + 3)
            if closing < 0:
                return depth, delimiter
            i = closing + 3
            continue
        if c in "\"'":
            i += 1
            while i < len(text) and text[i] != c:
                i += 2 if c == '"' and text[i] == "\\" else 1
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return depth, ""


def _line_of(text: str, table: str, key: str | None) -> int | None:
    """The 1-based line where ``[table]`` (or ``key`` inside it) is written, if it can be found."""
    return _key_lines(text).get((table,) if key is None else (table, key))


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _parse(text: str, source: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValuesError(f"{source}: not valid TOML: {exc}") from None


def _check_tables(
    data: dict[str, object], text: str, source: str, schema: Mapping[str, Mapping[str, object]]
) -> dict[str, dict[str, object]]:
    checked: dict[str, dict[str, object]] = {}
    for slug, table in data.items():
        where = f"{source}:{_line_of(text, slug, None) or '?'}"
        if slug not in schema:
            raise ValuesError(
                f"{where}: unknown table [{slug}]{_suggest(slug, list(schema))} "
                f"Known tables: {', '.join(schema)}"
            )
        if not isinstance(table, dict):
            raise ValuesError(f"{where}: {slug} must be a table [{slug}] of keys, got {table!r}")
        checked[slug] = {}
        for key, value in table.items():
            line = _line_of(text, slug, key)
            where = f"{source}:{line or '?'}"
            if key not in schema[slug]:
                raise ValuesError(
                    f"{where}: unknown key {key!r} in [{slug}]{_suggest(key, list(schema[slug]))} "
                    f"Keys of [{slug}]: {', '.join(schema[slug])}"
                )
            kind = schema[slug][key]
            try:
                checked[slug][key] = kind.check(value, f"{slug}.{key}")
            except NNMathError as exc:
                raise ValuesError(f"{where}: {exc}; expected {kind.describe()}") from None
    return checked


def load_values(
    path: str | Path | None = None,
    *,
    schema: Mapping[str, Mapping[str, object]],
    builtins: tuple[tuple[str, str], ...],
    limits: Mapping[str, TableLimits] | None = None,
) -> LectureValues:
    """The built-in values, with those of the TOML file at ``path`` (if given) on top.

    ``builtins`` are ``(name, text)`` pairs of built-in values files, read in order, ``schema``
    the keys every table may hold, and ``limits`` each table's own limits
    (:mod:`nnmath.limits`), checked on what a lecturer's file gives; :func:`course.load_values`
    passes the course's.

    Raises
    ------
    ValuesError
        The file is missing, is not TOML, or names an unknown table or key, or gives a value of
        the wrong kind; the message names the file, the line and what was expected.
    """
    tables: dict[str, dict[str, object]] = {}
    errata: tuple[Erratum, ...] = ()
    for name, text in builtins:
        data = _parse(text, name)
        errata += tuple(Erratum(**row) for row in data.pop("errata", ()))
        tables.update(_check_tables(data, text, name, schema))
    sources = ("built-in",)
    if path is not None:
        file = Path(path)
        user_text = _read_values_file(file)
        user_data = _parse(user_text, str(file))
        if "errata" in user_data:
            raise ValuesError(
                f"{file}:{_line_of(user_text, 'errata', None) or '?'}: errata describe the lecture notes "
                "and cannot be overridden; remove the [[errata]] tables"
            )
        user_tables = _check_tables(user_data, user_text, str(file), schema)
        for slug, table in user_tables.items():
            tables[slug].update(table)
        _check_within_limits(tables, user_tables, user_text, str(file), limits or {})
        sources += (str(file),)
    return LectureValues(tables, errata, sources)


#: The most a values file may hold. Lecture 1's whole file is 5 kB, and a file at every limit
#: of nnmath/limits.py (10 000 numbers in each of a few keys) stays far below; reading stops here,
#: so a path such as /dev/zero or a wrong file cannot fill the memory.
MAX_VALUES_BYTES = 8 * 1024 * 1024


def _read_values_file(file: Path) -> str:
    """The text of a lecturer's values file, at most :data:`MAX_VALUES_BYTES`; a UTF-8 byte order
    mark (which some editors write) is not part of the TOML and is dropped."""
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_VALUES_BYTES + 1)
    except FileNotFoundError:
        raise ValuesError(f"values file {file} does not exist") from None
    except IsADirectoryError:
        raise ValuesError(f"values file {file} is a folder; give the TOML file in it") from None
    except OSError as exc:
        raise ValuesError(f"values file {file} cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_VALUES_BYTES:
        raise ValuesError(
            f"values file {file} holds more than {MAX_VALUES_BYTES // (1024 * 1024)} MB (reading stopped there): "
            "a values file is a few kB of TOML, the keys of `nnanim values`; is it the right file?"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValuesError(
            f"values file {file} is not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}); "
            "save it as UTF-8 (TOML is always UTF-8)"
        ) from None


def _check_within_limits(
    tables: Mapping[str, Mapping[str, object]],
    given: Mapping[str, Mapping[str, object]],
    text: str,
    source: str,
    limits: Mapping[str, TableLimits],
) -> None:
    """Refuse values a scene cannot show (:mod:`nnmath.limits`), naming the line of the key."""
    for slug, table in given.items():
        for key in table:
            try:
                check_limits({slug: {key: tables[slug][key]}}, limits)
            except LimitError as exc:
                raise ValuesError(f"{source}:{_line_of(text, slug, key) or '?'}: {exc}") from None
        try:
            check_limits({slug: tables[slug]}, limits)
        except LimitError as exc:
            raise ValuesError(f"{source}:{_line_of(text, slug, None) or '?'}: {exc}") from None
