"""The beats of a product filled cell by cell, as words (no manim): shared by the content modules
whose scenes fill a product's result grid (vector-matrix, matrix-vector, matrix-matrix, layers).

The first ``detailed`` cells get a beat each, named ``{prefix}-1``, … (``{prefix}-1-2`` for entry
[1, 2] of a matrix), the rest one beat, ``{prefix}-rest``. The scene plays the same beats from
the same cells (:func:`scenes.products.product_players`), so names, cells and captions agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from course.spec import BeatScript
from nnmath.display import cell_line, drawn_decimals, format_decimals
from nnmath.trace import Cell, ProductStep

__all__ = ["ProductBeat", "product_cells", "product_script", "entry_name"]

#: Of the other entries, the last beat's caption lists this many values, then "…".
_LISTED = 6


def entry_name(cell: Cell) -> str:
    """``[1, 2]`` for entry (0, 1), counted from 1 as the notes do; ``""`` for a scalar."""
    return "[" + ", ".join(str(i + 1) for i in cell.index) + "]" if cell.index else ""


class ProductBeat(NamedTuple):
    """One beat of a product: its name, its cells, and whether it is the quick one of the rest."""

    name: str
    cells: list[Cell]
    rest: bool


def product_cells(step: ProductStep, *, detailed: int, prefix: str = "entry") -> list[ProductBeat]:
    """The product's beats: one per detailed cell, then the rest in one."""
    cells = list(step.cells())
    beats = [ProductBeat(f"{prefix}-{'-'.join(str(i + 1) for i in cell.index) or '1'}", [cell], False) for cell in cells[:detailed]]
    if cells[detailed:]:
        beats.append(ProductBeat(f"{prefix}-rest", cells[detailed:], True))
    return beats


def product_script(
    step: ProductStep,
    *,
    detailed: int,
    prefix: str = "entry",
    digits: int = 4,
    caption: Callable[[Cell], str] | None = None,
) -> tuple[BeatScript, ...]:
    """The product's beats with their captions.

    A detailed cell's caption is ``caption(cell)`` if given (a scene's own words), else ``Entry
    [i, j]: row i · column j = …`` with the dot product written term by term; the rest's lists
    their values. ``digits``: the decimals of the term lines, as the matrices drawn with them; each
    number is written as the screen writes it (:func:`nnmath.display.cell_line`).
    """
    out = []
    for name, cells, rest in product_cells(step, detailed=detailed, prefix=prefix):
        if rest:
            # Written as the result grid writes them (its decimals), as the detailed cells' totals.
            decimals = drawn_decimals(step.output, digits)
            values = ", ".join(format_decimals(c.value, decimals, digits) for c in cells[:_LISTED]) + (", …" if len(cells) > _LISTED else "")
            out.append(BeatScript(name, f"The other entries the same way: {values}"))
            continue
        (cell,) = cells
        text = caption(cell) if caption is not None else (
            f"Entry {entry_name(cell)}: row {cell.row + 1} · column {cell.column + 1} = {cell_line(cell, step, digits=digits).sum_line()}"
        )
        out.append(BeatScript(name, text))
    return tuple(out)
