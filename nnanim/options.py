"""Options and loading shared by the ``nnanim`` commands (kept apart from :mod:`nnanim.cli` so
that the command modules of :mod:`nnanim.commands` can use them without a cycle)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

__all__ = ["F", "QUALITY_CHOICES", "VIDEO_FORMATS", "render_options", "values_option", "json_option", "lecture_option", "lecture_or_fail", "load_values_or_fail"]

F = TypeVar("F", bound=Callable[..., object])


def values_option(function: F) -> F:
    """``--values FILE``: a TOML file whose keys replace the lecture's built-in values."""
    return click.option(
        "--values",
        "values_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="A TOML file with keys from `nnanim values`; they replace the lecture's values.",
    )(function)


def json_option(function: F) -> F:
    """``--json``: print one JSON document instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(function)


def lecture_option(function: F) -> F:
    """``--lecture N|KEY``: which lecture of the course (1 when not given)."""
    return click.option(
        "--lecture",
        "lecture_ref",
        default=None,
        metavar="N|KEY",
        help="A lecture of the course, by number (2) or key (lecture-2). [default: 1, or the lecture of the scenes named]",
    )(function)


def lecture_or_fail(ref: str | int | None):
    """The :class:`course.Lecture` named by ``ref`` (lecture 1 for ``None``), or a usage error."""
    import course

    try:
        return course.lecture(1 if ref is None else ref)
    except course.UnknownLecture as exc:
        raise click.UsageError(f"{exc}.\nHint: `nnanim list --lecture N` lists a lecture's scenes.") from None


def load_values_or_fail(values_file: Path | None):
    """The course's values with ``values_file`` on top, or a usage error naming what is wrong."""
    from course import load_values
    from nnmath.errors import NNMathError

    try:
        return load_values(values_file)
    except NNMathError as exc:
        raise click.UsageError(f"{exc}\nHint: `nnanim values` prints every key and its built-in value.") from None


QUALITY_CHOICES = ("l", "m", "h", "k")
VIDEO_FORMATS = ("mp4", "webm", "gif")


def _interruptible(function: F) -> F:
    """Run a command with Ctrl-C and SIGTERM held from its start (nnanim.processes.interruptible),
    so that one that comes while it imports the course and numpy and checks the values, and is lost
    there, still stops its batch before anything renders."""

    @functools.wraps(function)
    def command(*args, **kwargs):
        from nnanim.processes import interruptible

        with interruptible():
            return function(*args, **kwargs)

    return command  # type: ignore[return-value]


def render_options(function: F) -> F:
    """Quality, theme, output folder, values, parallel jobs and --force, as for `nnanim render`; the
    command holds Ctrl-C and SIGTERM from its start (:func:`_interruptible`)."""
    function = _interruptible(function)
    for option in reversed(
        (
            click.option(
                "-q",
                "--quality",
                type=click.Choice(QUALITY_CHOICES),
                default="h",
                show_default=True,
                help="manim's quality: l 480p15, m 720p30, h 1080p60, k 2160p60.",
            ),
            click.option(
                "--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True, help="Colours."
            ),
            click.option(
                "--out",
                type=click.Path(file_okay=False, path_type=Path),
                default=Path("renders"),
                show_default=True,
                help="Output folder; files go to OUT/<lecture>/<theme>/<quality>/ (e.g. renders/lecture-1/dark/h/).",
            ),
            values_option,
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=1),
                default=None,
                help="Scenes rendered at once, each in its own process. [default: number of cores]",
            ),
            click.option("--force", is_flag=True, help="Render even what is up to date."),
            click.option("--debug", is_flag=True, help="Show the full traceback of a failed scene."),
        )
    ):
        function = option(function)
    return function
