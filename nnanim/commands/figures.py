"""``nnanim figures``: matplotlib figures for slides, and quick GIF/MP4 previews without Manim.

The figures, where they go and how they are written are :mod:`nnanim.figures`; this module chooses
them from the command line. matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from nnanim.figures.output import FORMATS, STATIC_FORMATS, figure_path, write_figure
from nnanim.options import lecture_option, lecture_or_fail, load_values_or_fail as _load, values_option
from nnmath.errors import NNMathError

__all__ = ["figures_command"]


def _unknown_name(name: str, known: list[str]) -> click.UsageError:
    # Close spellings, and names holding the word ("relu" -> activations-relu).
    close = list(dict.fromkeys([*difflib.get_close_matches(name, known, n=3, cutoff=0.5), *(k for k in known if name in k)]))
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return click.UsageError(f"unknown figure {name!r}.{hint} Figures: {', '.join(known)}.")


def _chosen(names: tuple[str, ...], all_figures: bool, fmt: str, lecture_ref: str | None = None) -> list[str]:
    """The figures to write, in lecture order, checked against the format."""
    from nnanim.figures.registry import FIGURES, animated_names, figure_lecture

    lecture = lecture_or_fail(lecture_ref)
    in_lecture = [name for name in FIGURES if figure_lecture(name) == lecture]
    known = in_lecture if lecture_ref is not None else list(FIGURES)
    animated = fmt not in STATIC_FORMATS
    if all_figures:
        if names:
            raise click.UsageError(f"give figure names or --all, not both (got --all and {' '.join(names)}).")
        # Previews are made of the figures that move; --all with a still format is every figure.
        return [name for name in animated_names() if name in in_lecture] if animated else in_lecture
    if not names:
        raise click.UsageError(f"name a figure or give --all. Figures: {', '.join(known)}")
    for name in names:
        if name not in FIGURES:
            raise _unknown_name(name, known)
    still = [name for name in names if FIGURES[name].animate is None]
    if animated and still:
        raise click.UsageError(
            f"{', '.join(still)} {'does' if len(still) == 1 else 'do'} not move, so cannot be a {fmt}. "
            f"Figures that animate: {', '.join(animated_names())}. For a still, use --format png, svg or pdf."
        )
    return list(dict.fromkeys(names))  # each once, in the order given


@click.command("figures")
@click.argument("names", nargs=-1)
@click.option("--all", "all_figures", is_flag=True, help="Every figure (with --format gif|mp4: every figure that moves).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="png", show_default=True, help="png, svg, pdf for slides; gif, mp4 for quick previews.")
@click.option("--theme", "theme_name", type=click.Choice(["dark", "light"]), default="dark", show_default=True, help="The lecture theme; light for white slides.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("renders"), show_default=True, help="Files go to OUT/LECTURE/figures/THEME/NAME.FORMAT.")
@lecture_option
@values_option
def figures_command(names: tuple[str, ...], all_figures: bool, fmt: str, theme_name: str, out: Path,
                    lecture_ref: str | None, values_file: Path | None) -> None:
    """Draw figures for slides with matplotlib, from the same values and theme as the videos.

    NAME is a figure (see the error for the list, or give --all). --format gif or mp4 animates a
    point along each activation curve and the sine fit growing pair by pair.
    """
    chosen = _chosen(names, all_figures, fmt, lecture_ref)
    values = _load(values_file)
    from nnanim.figures.style import get_theme, themed

    theme = get_theme(theme_name)
    for name in chosen:
        path = figure_path(out, theme_name, name, fmt)
        with themed(theme):
            try:
                write_figure(name, fmt, values, theme, path)
            except NNMathError as exc:
                raise click.UsageError(f"figure {name}: {exc}\nHint: fix the value in {values_file or 'the values'} and run again.") from None
        click.echo(str(path))

