"""Beats that fill a product's result grid cell by cell, shared by every product scene.

For each output entry the row of the left operand and the column of the right operand light
up, the dot product is written term by term (:class:`DotTerms`), and its total moves into the
result grid. The first ``detailed`` cells get a beat each; the rest fill quickly in one beat.
"""

from __future__ import annotations

from collections.abc import Callable

from manim import DOWN, FadeIn, FadeOut, TransformFromCopy, VGroup

from nnmath.display import format_fixed
from nnmath.trace import Cell, ProductStep
from scenes.base import Beat, LectureScene
from scenes.mobjects import DotTerms, MatrixMob
from scenes.mobjects.dot import sum_line

__all__ = ["product_beats", "hide_entries"]


def hide_entries(result: MatrixMob) -> None:
    """Make every entry of ``result`` invisible, keeping the brackets and shape, ready to fill."""
    for num in result.entries.values():
        num.set_opacity(0)


def _cell_name(cell: Cell) -> str:
    return "[" + ", ".join(str(i + 1) for i in cell.index) + "]" if cell.index else ""


def product_beats(
    scene: LectureScene,
    step: ProductStep,
    left: MatrixMob,
    right: MatrixMob,
    result: MatrixMob,
    *,
    detailed: int = 2,
    terms_anchor: Callable[[DotTerms], None] | None = None,
    prefix: str = "entry",
    digits: int = 4,
) -> list[Beat]:
    """The beats that compute ``step`` on screen.

    Parameters
    ----------
    scene : the scene playing them
    step : nnmath's product, whose cells give every number shown
    left, right : the operands as drawn, in the two-dimensional view (a 1-D left operand as a
        1×n row, a 1-D right operand as an n×1 column)
    result : the result grid in the same view, its entries hidden (:func:`hide_entries`)
    detailed : how many cells get a beat of their own
    terms_anchor : places the term-by-term line (default: under the operands, centred)
    prefix : the beats are named ``{prefix}-1``, ``{prefix}-2``, …, ``{prefix}-rest``
    digits : decimals of the term lines and the captions, as the matrices drawn with them
    """
    theme = scene.theme
    cells = list(step.cells())
    beats = []

    def place(terms: DotTerms) -> DotTerms:
        if terms_anchor is not None:
            terms_anchor(terms)
        else:
            # Twelve-digit factors or six elided terms make a line wider than the frame: shrink it.
            scene.fit(terms, width=12.6, height=1.7)
            terms.to_edge(DOWN, buff=0.9).set_x(0)
        return terms

    def lit(cell: Cell) -> VGroup:
        return VGroup(left.row_box(cell.row), right.column_box(cell.column))

    def play_detailed(cell: Cell) -> None:
        boxes = lit(cell)
        # The factors keep their matrices' colours: B's entries are weights wherever B stands.
        terms = place(
            DotTerms(
                cell.left, cell.right, cell.products, cell.value, theme,
                left_color=left.color, right_color=right.color, digits=digits,
            )
        )
        pairs = [
            (source, copy)
            for k in range(len(cell.products))
            for source, copy in (
                (left.entry(cell.row, k), terms.lefts[k]),
                (right.entry(k, cell.column), terms.rights[k]),
            )
            if source is not None and copy is not None
        ]
        copied = {id(copy) for _, copy in pairs}
        scene.play(FadeIn(boxes), run_time=0.6)
        scene.play(
            *(TransformFromCopy(source, copy) for source, copy in pairs),
            FadeIn(VGroup(*(m for m in terms.factor_line if id(m) not in copied))),
            run_time=1.2,
        )
        scene.play(FadeIn(terms.product_line, shift=0.2 * DOWN), run_time=1.0)
        target = result.entry(cell.row, cell.column)
        if target is not None:
            flying = terms.total.copy()
            scene.play(flying.animate.move_to(target).set_color(target.color), run_time=0.8)
            scene.remove(flying)
            target.set_opacity(1)
        scene.leave_until_next_beat(terms, boxes)

    def play_rest(rest: list[Cell]) -> None:
        # Only the drawn entries: an elided one has no number to fill, and animating each of the
        # 2500 cells of a 50×50 result would take half an hour of video to light up the same dots.
        for cell in rest:
            target = result.entry(cell.row, cell.column)
            if target is None:
                continue
            boxes = lit(cell)
            scene.play(FadeIn(boxes), run_time=0.25)
            scene.play(target.animate.set_opacity(1), run_time=0.3)
            scene.play(FadeOut(boxes), run_time=0.2)

    for cell in cells[:detailed]:
        caption = f"Entry {_cell_name(cell)}: row {cell.row + 1} · column {cell.column + 1} = {sum_line(cell.products, cell.value, digits)}"
        beats.append(Beat(f"{prefix}-{'-'.join(str(i + 1) for i in cell.index) or '1'}", caption, lambda c=cell: play_detailed(c)))
    rest = cells[detailed:]
    if rest:
        values = ", ".join(format_fixed([c.value for c in rest[:6]], digits)) + (", …" if len(rest) > 6 else "")
        beats.append(Beat(f"{prefix}-rest", f"The other entries the same way: {values}", lambda: play_rest(rest)))
    return beats
