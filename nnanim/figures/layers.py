"""The ``layers`` example as a shape flow: each array drawn as its grid of cells, one row per layer.

``X · w1ᵀ + b1 = f1``, then ``f1 · w2ᵀ + b2 = output``: every name and shape is read from
nnmath's traced steps, so a lecturer's other shapes draw (and a mismatch fails) the same way as
in the scene. Answers the notes' "what shape will the weights be?".
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from course import explain
from nnanim.figures.common import section_steps
from nnanim.figures.style import new_figure, points
from nnmath.display import format_shape_x
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_layers", "shape_label"]

#: Arrays larger than this are drawn with this many cells a side; their shape label stays exact.
_MAX_CELLS = 8
#: Room for an operator (·, +, =) between two arrays, in cells.
_OPERATOR_ROOM = 2.0
#: Room between the two layers' rows, in cells: the names above and shapes below each grid.
_ROW_GAP = 4.5


@dataclass(frozen=True)
class _Array:
    name: str
    shape: tuple[int, ...]
    color: str

    @property
    def cells(self) -> tuple[int, int]:
        """(rows, columns) drawn: a vector is one row, as numpy adds it to every sample's row."""
        rows, cols = (1, self.shape[0]) if len(self.shape) == 1 else self.shape
        return min(rows, _MAX_CELLS), min(cols, _MAX_CELLS)


def shape_label(shape: tuple[int, ...]) -> str:
    """Shapes as the lecture writes them: ``3×4`` for a matrix, numpy's ``(3,)`` for a vector."""
    return f"({shape[0]},)" if len(shape) == 1 else format_shape_x(shape)


def _draw_array(ax: Axes, array: _Array, left: float, middle: float, theme: Theme, *, gid: str) -> float:
    """Draw ``array``'s grid with its left edge at ``left``, centred on ``middle``; return its width."""
    rows, cols = array.cells
    top = middle + rows / 2
    for r in range(rows):
        for c in range(cols):
            ax.add_patch(
                Rectangle((left + c, top - r - 1), 1, 1, facecolor=array.color, alpha=0.85, edgecolor=theme.background, linewidth=2.5)
            )
    ax.text(left + cols / 2, top + 0.35, array.name, ha="center", va="bottom", color=array.color, fontsize=points(theme.label_size), gid=f"name:{gid}")
    ax.text(left + cols / 2, middle - rows / 2 - 0.35, shape_label(array.shape), ha="center", va="top", color=theme.text, fontsize=points(theme.label_size), gid=f"shape:{gid}")
    return cols


def _operator(ax: Axes, symbol: str, left: float, middle: float, theme: Theme) -> float:
    ax.text(left + _OPERATOR_ROOM / 2, middle, symbol, ha="center", va="center", color=theme.muted, fontsize=points(theme.title_size))
    return _OPERATOR_ROOM


def draw_layers(values: LectureValues, theme: Theme) -> Figure:
    """Two rows, ``X · w1ᵀ + b1 = f1`` and ``f1 · w2ᵀ + b2 = output``, each array a grid of cells.

    Artists for tests: texts ``name:L.k`` and ``shape:L.k`` for layer L (1, 2) and array k
    (0 input, 1 transposed weights, 2 biases, 3 output), and ``inner:L`` (the inner dimensions).
    """
    explanation = explain("layers", values)
    figure, ax = new_figure()
    middle = 0.0
    lowest = 0.0
    for layer, section in enumerate(explanation.sections, start=1):
        transpose, product, add = section_steps(explanation, section.heading)
        [(input_name, inputs)] = [(k, v) for k, v in product.inputs.items() if k != transpose.label]
        [(bias_name, biases)] = [(k, v) for k, v in add.inputs.items() if k != product.label]
        output_name = "output" if layer == len(explanation.sections) else f"f{layer}"
        arrays = [
            _Array(input_name, inputs.shape, theme.left if layer == 1 else theme.result),
            _Array(transpose.label, transpose.output.shape, theme.right),
            _Array(bias_name, biases.shape, theme.bias),
            _Array(output_name, add.output.shape, theme.result),
        ]
        tallest = max(a.cells[0] for a in arrays)
        middle -= tallest / 2
        ax.text(0, middle + tallest / 2 + 2.0, section.heading, ha="left", va="bottom", color=theme.text, fontsize=points(theme.label_size), gid=f"heading:{layer}")
        left = 0.0
        for k, (array, symbol) in enumerate(zip(arrays, ("·", "+", "=", None))):
            left += _draw_array(ax, array, left, middle, theme, gid=f"{layer}.{k}")
            if symbol:
                if symbol == "·":
                    # The inner dimensions, which np.dot needs equal.
                    inner = f"{inputs.shape[-1]} = {transpose.output.shape[0]}"
                    ax.text(left + _OPERATOR_ROOM / 2, middle - 1.2, inner, ha="center", va="top", color=theme.result, fontsize=points(theme.caption_size), gid=f"inner:{layer}")
                left += _operator(ax, symbol, left, middle, theme)
        lowest = middle - tallest / 2 - 1.5
        middle -= tallest / 2 + _ROW_GAP
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.set_ylim(lowest - 0.3, 2.8)
    ax.axis("off")
    return figure
