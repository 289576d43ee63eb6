"""``nnanim.show(slug, values=..., quality=...)``: a scene's video inside any notebook.

The video is rendered through the same batch and cache as ``nnanim render`` (so one that is up to
date is not rendered again) and returned as an :class:`IPython.display.Video` holding the file, which
Jupyter displays inline. A bad slug, value or option raises :class:`ShowError` with the message the
command line gives; in IPython it is shown as that message alone, without a traceback.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["ShowError", "show", "values_toml"]

_THEMES = ("dark", "light")


class ShowError(ValueError):
    """What is wrong with the arguments of :func:`show`, said as the command line says it."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: the message is the whole story.
        return [f"ShowError: {self}"]


def _toml_value(value: object, where: str) -> str:
    """A value as TOML: numbers (nan and inf as TOML spells them, for the values check to refuse),
    names, booleans and (nested) lists of them; numpy arrays as lists."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v, where) for v in value) + "]"
    raise ShowError(f"{where} must be numbers, names or lists of them, got {type(value).__name__} {value!r}")


def values_toml(slug: str, values: Mapping[str, object]) -> str:
    """``values`` as a values file: either the scene's own keys (``{"z": [1, 2, 3]}``) or tables by
    slug (``{"softmax": {"z": [1, 2, 3]}}``), as ``nnanim values`` lists them."""
    import course

    slugs = set(course.all_slugs())
    tables = values if values and all(isinstance(v, Mapping) and k in slugs for k, v in values.items()) else {slug: values}
    lines = []
    for table, entries in tables.items():
        if not isinstance(entries, Mapping):
            raise ShowError(f"values[{table!r}] must be a table of keys (a dict), got {entries!r}")
        lines.append(f'["{table}"]')
        lines += [f'"{key}" = {_toml_value(v, f"values[{key!r}]")}' for key, v in entries.items()]
    return "\n".join(lines) + "\n"


def show(
    slug: str,
    values: Mapping[str, object] | str | Path | None = None,
    *,
    quality: str = "m",
    theme: str = "dark",
    out: str | Path = "renders",
    force: bool = False,
):
    """Render scene ``slug`` if its video is not up to date, and return it for the notebook to show.

    Parameters
    ----------
    slug : a scene of the course (``nnanim list``)
    values : the scene's keys to change (``{"z": [1, 2, 3]}``), tables by slug, or a values file
    quality : ``l`` 480p15 (quick), ``m`` 720p30 (as ``make lecture``), ``h`` 1080p60, ``k`` 2160p60
    theme : ``dark`` or ``light``
    out : the output folder, as ``nnanim render --out``; the video goes to ``out/<lecture>/<theme>/<quality>/``
    force : render even if the video is up to date

    Returns
    -------
    IPython.display.Video
        The video, embedded, so the notebook shows it wherever it is opened; ``.filename`` is
        the file in ``out``.

    Raises
    ------
    ShowError
        An unknown slug, a bad value or option, a missing tool or a failed render.
    """
    import click
    from IPython.display import Video

    import course
    from nnanim.commands.common import jobs_for, run_batch, unknown_slug
    from nnanim.options import QUALITY_CHOICES

    if slug not in course.all_slugs():
        raise ShowError(unknown_slug(str(slug), course.all_slugs()).format_message())
    if quality not in QUALITY_CHOICES:
        raise ShowError(f"quality must be one of {', '.join(QUALITY_CHOICES)}, got {quality!r}")
    if theme not in _THEMES:
        raise ShowError(f"theme must be one of {', '.join(_THEMES)}, got {theme!r}")
    with tempfile.TemporaryDirectory(prefix="nnanim-show-") as scratch:
        values_file = None
        if isinstance(values, (str, Path)):
            values_file = Path(values)
        elif values is not None:
            if not isinstance(values, Mapping):
                raise ShowError(f"values must be a dict of the scene's keys or a values file, got {values!r}")
            values_file = Path(scratch) / "values.toml"
            values_file.write_text(values_toml(slug, values), encoding="utf-8")
        try:
            jobs = jobs_for([slug], kind="video", fmt="mp4", quality=quality, theme=theme, out=Path(out),
                            values_file=values_file)
            result = run_batch(jobs, jobs_at_once=1, force=force, debug=False, label="rendering")[0]
        except click.ClickException as exc:
            message = exc.format_message()
            if values_file is not None and values_file.parent == Path(scratch):
                # The file is ours: name what the caller gave instead of a temporary path and its line.
                message = re.sub(re.escape(str(values_file)) + r"(:(\d+|\?))?", "the values given to nnanim.show", message)
            raise ShowError(message) from None
    return Video(str(result.job.folder / result.files[0]), embed=True, html_attributes="controls")
