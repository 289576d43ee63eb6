"""The README and docs/ say what the code does.

- the README names scenes that exist, and lists none by hand (`nnanim list` does);
- docs/values.md's key table is an excerpt of `nnanim values --keys`, which gives every key of every
  scene with its shape and meaning, and its errata table is `nnanim errata`;
- every `nnanim ...` line in a code block parses, names scenes and figures that exist, and the
  cheap ones (values, explain, errata, list, doctor, --help) run, with the values example of
  docs/values.md written to `mine.toml` beside them;
- every repository path and relative link the documents mention exists.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import course
from nnanim.cli import main
from nnanim.commands.common import select_scenes
from scenes.registry import SCENE_CLASSES

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
VALUES_DOC = ROOT / "docs" / "values.md"
DOCUMENTS = [README, *sorted((ROOT / "docs").glob("*.md"))]
# Folders of the repository: a `path/like/this` starting with one of them must exist.
SOURCE_FOLDERS = ("nnmath", "scenes", "nnanim", "tests", "scripts", "docs")
# Commands that only compute (or check the tools): quick enough to run for every line shown.
CHEAP_COMMANDS = {"values", "explain", "errata", "list", "doctor"}
# Files the documents name that `make` writes and git does not hold (scripts/beat_table.py's).
GENERATED = {"nnanim/beat_table.json"}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class CommandLine:
    document: Path
    language: str
    line: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.document.relative_to(ROOT)}: nnanim {shlex.join(self.words)}"


# --- reading the documents ------------------------------------------------------------------------


def _code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced code block."""
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def _prose(text: str) -> str:
    return FENCE.sub("", text)


def _table_after(text: str, heading: str) -> list[list[str]]:
    """The cells of the first Markdown table after the line ``heading``, header row dropped."""
    lines = text.splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return [row for row in rows[1:] if not all(set(cell) <= set("-: ") for cell in row)]


def _unquote(cell: str) -> str:
    return cell.strip("`")


def _words(line: str) -> list[str]:
    """The words of a shell line without a `$ ` prompt, a trailing comment or VAR=value prefixes."""
    words = shlex.split(line.removeprefix("$ "), comments=True)
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        words.pop(0)
    return words


def _command_lines() -> Iterator[CommandLine]:
    for document in DOCUMENTS:
        for language, body in _code_blocks(document.read_text(encoding="utf-8")):
            for line in body.splitlines():
                if language in ("sh", "text", "") and re.match(r"^(\$ )?([A-Z_]+=\S+ )*(\.venv/bin/)?nnanim\b", line):
                    words = _words(line)
                    yield CommandLine(document, language, line, tuple(words[1:]))


COMMAND_LINES = list(_command_lines())


def _split(words: tuple[str, ...]) -> tuple[list[str], str | None, list[str]]:
    """The group's options, the subcommand's name and the subcommand's words."""
    for i, word in enumerate(words):
        if not word.startswith("-"):
            return list(words[:i]), word, list(words[i + 1 :])
    return list(words), None, []


def _parse(words: tuple[str, ...]) -> tuple[str | None, click.Context | None]:
    """Parse ``nnanim WORDS`` as click would, without running it; (subcommand, its context)."""
    group_words, name, rest = _split(words)
    if name is None or "--help" in rest or "-h" in rest:
        return name, None
    parent = main.make_context("nnanim", [*group_words, name])
    command = main.get_command(parent, name)
    assert command is not None, f"no command {name!r}"
    return name, command.make_context(name, rest, parent=parent)


# --- the tables ----------------------------------------------------------------------------------


def _section(text: str, heading: str) -> str:
    return text.split(heading + "\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("heading", ["## The scenes", "## Lecture 2: backpropagation and training"])
def test_readme_names_scenes_that_exist_and_leaves_listing_them_to_nnanim_list(heading):
    # Adding a scene touches no document: the README describes the lectures and points at
    # `nnanim list`, which reads the specs; every slug it names is one.
    section = _section(README.read_text(encoding="utf-8"), heading)
    overview = [para for para in _prose(section).split("\n\n") if re.match(r"Lecture \d ", para)]
    named = set(re.findall(r"`([a-z][a-z0-9-]*)`", "".join(overview)))
    assert named and named <= set(course.all_slugs())
    assert re.search(r"^nnanim list\b", section, re.MULTILINE), "the section shows the command that lists the scenes"
    assert "| slug |" not in section, "the scene table is `nnanim list`, not a copy"


def _keys_output(lecture: str) -> str:
    result = CliRunner().invoke(main, ["values", "--keys", "--lecture", lecture])
    assert result.exit_code == 0, result.output
    return result.output


def test_values_keys_gives_every_key_of_every_scene_with_its_shape_and_meaning():
    text = "".join(_keys_output(str(lecture.number)) for lecture in course.LECTURES)
    slugs = re.findall(r"^### `\[([\w-]+)\]`$", text, re.MULTILINE)
    assert slugs == course.all_slugs(), "a table per scene, in course order"
    for slug in slugs:
        rows = _table_after(text, f"### `[{slug}]`")
        expected = [(key, kind.describe(), kind.meaning) for key, kind in course.spec(slug).schema.items()]
        assert [(_unquote(key), shape, meaning) for key, shape, meaning in rows] == expected


def test_values_doc_shows_an_excerpt_of_values_keys():
    text = VALUES_DOC.read_text(encoding="utf-8")
    shown = [body for language, body in _code_blocks(_section(text, "## Every key")) if language == "text"]
    assert shown, "docs/values.md shows one scene's table of `nnanim values --keys`"
    everything = "".join(_keys_output(str(lecture.number)) for lecture in course.LECTURES)
    for body in shown:
        assert body in everything
    assert "### `[" not in _prose(text), "the per-scene tables are `nnanim values --keys`, not copies"


def test_values_doc_errata_are_nnanim_errata():
    result = CliRunner().invoke(main, ["errata", "--json"])
    assert result.exit_code == 0, result.output
    fields = ("scene", "where", "notes", "computed", "how")
    expected = [[row[field] for field in fields] for row in json.loads(result.output)]
    assert _table_after(VALUES_DOC.read_text(encoding="utf-8"), "## The errata") == expected


# --- the commands --------------------------------------------------------------------------------


def test_the_documents_show_commands():
    shown = {line.words[0] for line in COMMAND_LINES if line.words and not line.words[0].startswith("-")}
    assert {"render", "stills", "deck", "values", "explain", "figures"} <= shown


@pytest.mark.parametrize("command", COMMAND_LINES, ids=str)
def test_command_line_parses_and_names_what_exists(command):
    name, context = _parse(command.words)
    if context is None:
        return
    params = context.params
    if name in ("render", "stills", "deck", "explain"):
        chosen = select_scenes(params["patterns"], params["all_scenes"], params["lecture_ref"])
        assert chosen and set(chosen) <= set(course.all_slugs())
    elif name == "figures":
        from nnanim.figures.registry import FIGURES

        assert set(params["names"]) <= set(FIGURES)


def _values_example() -> str:
    """The TOML example of docs/values.md: the first toml block."""
    return next(body for language, body in _code_blocks(VALUES_DOC.read_text(encoding="utf-8")) if language == "toml")


CHEAP_LINES = [
    line
    for line in COMMAND_LINES
    if line.language == "sh" and (_split(line.words)[1] in CHEAP_COMMANDS or _split(line.words)[1] is None or "--help" in line.words)
]


@pytest.mark.parametrize("command", CHEAP_LINES, ids=str)
def test_cheap_command_runs(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text(_values_example(), encoding="utf-8")
    result = CliRunner().invoke(main, list(command.words))
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_values_example_changes_what_is_computed(tmp_path):
    (tmp_path / "mine.toml").write_text(_values_example(), encoding="utf-8")
    runner = CliRunner()
    changed = runner.invoke(main, ["explain", "--all", "--json", "--values", str(tmp_path / "mine.toml")])
    lecture = runner.invoke(main, ["explain", "--all", "--json"])
    assert changed.exit_code == 0 and lecture.exit_code == 0, changed.output
    assert changed.output != lecture.output


# --- paths and links -----------------------------------------------------------------------------


def _mentioned_paths(document: Path) -> set[str]:
    """Repository paths in inline code, code blocks and relative links, placeholders left out."""
    text = document.read_text(encoding="utf-8")
    candidates = set(re.findall(r"`([^`\s]+)`", _prose(text)))
    for _language, body in _code_blocks(text):
        candidates |= set(re.findall(r"[\w./-]+", body))
    links = {target for target in re.findall(r"\]\(([^)#\s]+)\)", text) if "://" not in target}
    paths = {p for p in candidates if p.split("/")[0] in SOURCE_FOLDERS and "/" in p and not re.search(r"[<*…]", p)}
    paths |= {str((document.parent / link).resolve().relative_to(ROOT)) for link in links}
    return {p.rstrip(".,:;") for p in paths}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_mentioned_paths_exist(document):
    missing = sorted(p for p in _mentioned_paths(document) - GENERATED if not (ROOT / p).exists())
    assert not missing


def test_manim_lines_name_a_scene_class_in_its_file():
    lines = [
        _words(line)
        for document in DOCUMENTS
        for _language, body in _code_blocks(document.read_text(encoding="utf-8"))
        for line in body.splitlines()
        if re.search(r"(^|\s)(\.venv/bin/)?manim\s", line)
    ]
    assert lines
    classes = set(SCENE_CLASSES.values())
    for words in lines:
        file, name = words[-2], words[-1]
        assert f"{file.removesuffix('.py').replace('/', '.')}:{name}" in classes, words


def test_gallery_stills_are_small_and_each_in_the_readme():
    from PIL import Image

    readme = README.read_text(encoding="utf-8")
    gallery = sorted((ROOT / "docs" / "gallery").glob("*.png"))
    assert gallery
    for still in gallery:
        assert f"(docs/gallery/{still.name})" in readme
        assert still.stem in course.lecture(1).slugs, "a gallery still is named after its scene"
        with Image.open(still) as image:
            assert image.width <= 640 and image.height <= 360
