"""Beats that fill a product's result grid cell by cell, shared by every product scene.

For each output entry the row of the left operand and the column of the right operand light
up, the dot product is written term by term (:class:`DotTerms`), and its total moves into the
result grid. The first ``detailed`` cells get a beat each; the rest fill quickly in one beat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from manim import DOWN, FadeIn, FadeOut, TransformFromCopy, VGroup

from course.products import product_cells, product_script
from nnmath.display import cell_line
from nnmath.trace import Cell, ProductStep
from scenes.base import Beat, LectureScene
from scenes.mobjects import DotTerms, MatrixMob

__all__ = ["product_players", "product_beats", "PlaysProducts", "hide_entries"]

#: Cells that get a beat of their own unless a scene says otherwise.
_DETAILED = 2


def hide_entries(result: MatrixMob) -> None:
    """Make every entry of ``result`` invisible, keeping the brackets and shape, ready to fill."""
    for num in result.entries.values():
        num.set_opacity(0)


def product_players(
    scene: LectureScene,
    step: ProductStep,
    left: MatrixMob,
    right: MatrixMob,
    result: MatrixMob,
    *,
    detailed: int = _DETAILED,
    terms_anchor: Callable[[DotTerms], None] | None = None,
    prefix: str = "entry",
    digits: int = 4,
) -> dict[str, Callable[[], None]]:
    """What plays each beat that computes ``step`` on screen, by beat name (the names of
    :func:`course.products.product_cells`, which the content module's script captions).

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
        # The factors keep their matrices' colours (B's entries are weights wherever B stands), and
        # their decimals: the line is written beside the operands and the result as drawn.
        terms = place(
            DotTerms(
                cell.left, cell.right, cell.products, cell.value, theme,
                left_color=left.color, right_color=right.color, digits=digits, line=cell_line(cell, step, digits=digits),
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

    plays = {}
    for name, cells, rest in product_cells(step, detailed=detailed, prefix=prefix):
        plays[name] = (lambda chosen=cells: play_rest(chosen)) if rest else (lambda c=cells[0]: play_detailed(c))
    return plays


def product_beats(scene: LectureScene, step: ProductStep, left: MatrixMob, right: MatrixMob, result: MatrixMob, **options) -> list[Beat]:
    """:func:`product_players` (``options`` as there) with the captions of
    :func:`course.products.product_script`, as :class:`Beat` s, for a scene that builds its beats
    itself rather than from its spec's script."""
    plays = product_players(scene, step, left, right, result, **options)
    words = {key: options[key] for key in ("detailed", "prefix", "digits") if key in options}
    return [Beat(line.name, line.caption, plays[line.name]) for line in product_script(step, **{"detailed": _DETAILED, **words})]


class PlaysProducts:
    """For a scripted scene whose script has a product's beats (``entry-1``, ``entry-1-2``,
    ``entry-rest``, as many as the values give): ``beat_entry_…`` plays the beat of that name from
    ``self.product_plays``, which the scene's ``beats()`` sets from :func:`product_players`.
    A mixin placed before :class:`LectureScene`; ``product_prefix`` is the beats' prefix."""

    product_prefix: ClassVar[str] = "entry"

    def __getattr__(self, name: str):
        stem = "beat_" + self.product_prefix.replace("-", "_") + "_"
        suffix = name[len(stem):] if name.startswith(stem) else ""
        if suffix == "rest" or suffix.replace("_", "").isdigit():
            beat = f"{self.product_prefix}-{suffix.replace('_', '-')}"
            # Looked up when played: beats() sets product_plays after the script names the beats.
            return lambda: self.product_plays[beat]()
        raise AttributeError(name)
