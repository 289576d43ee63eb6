"""Where a figure goes and how it is written: ``nnanim figures`` (:mod:`nnanim.commands.figures`)
draws matplotlib figures for slides, and quick GIF/MP4 previews without Manim.

Files go to ``<out>/<lecture>/figures/<theme>/<name>.<format>`` (``renders/lecture-1/figures/dark/``). Each is written to a temporary file in the
same folder and renamed into place, so an error never leaves a half-written figure behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from nnanim.files import write_atomically

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn, to keep `nnanim` quick to start
    from matplotlib.figure import Figure

__all__ = ["STATIC_FORMATS", "FORMATS", "METADATA", "save_figure", "figure_path", "write_figure"]

STATIC_FORMATS = ("png", "svg", "pdf")
FORMATS = (*STATIC_FORMATS, "gif", "mp4")

#: Metadata that would change from run to run (dates) is left out: same values, same bytes.
METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


def save_figure(figure: Figure, target: Path | BinaryIO, fmt: str, *, dpi: float | None = None) -> None:
    """Save a still as ``fmt`` with tight margins and no run-dependent metadata.

    Call it inside :func:`nnanim.figures.style.themed`: the vector settings are read when saving.
    """
    # The whole canvas, not a box cropped to the artists: every figure is 16:9, as a slide is; the
    # constrained layout keeps its contents off the edges.
    figure.savefig(target, format=fmt, metadata=METADATA[fmt], dpi=dpi or "figure")


def figure_path(out: Path, theme: str, name: str, fmt: str) -> Path:
    """Where figure ``name`` goes: ``<out>/<lecture>/figures/<theme>/<name>.<fmt>``."""
    from nnanim.figures.registry import figure_lecture

    return out / figure_lecture(name).key / "figures" / theme / f"{name}.{fmt}"


def write_figure(name: str, fmt: str, values: object, theme: object, path: Path) -> None:
    """Figure ``name`` (a still, or an animation for gif and mp4) written to ``path`` atomically."""
    from nnanim.figures.registry import FIGURES
    from nnanim.figures.animate import write_animation

    spec = FIGURES[name]
    if fmt in STATIC_FORMATS:
        figure = spec.draw(values, theme)
        write_atomically(path, lambda target: save_figure(figure, target, fmt))
    else:
        animation = spec.animate(values, theme)
        write_atomically(path, lambda target: write_animation(animation, target, fmt))
