"""np.dot(B, a): each row of B against a, written as a column aᵀ; np.dot(B, a) ≠ np.dot(a, B).

The lecture notes wrote the third entry as 69; when the scene shows the lecture's own values it
marks that next to the computed entry (the errata table of ``lecture.toml``).
"""

from __future__ import annotations


import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MoveToTarget,
    TransformFromCopy,
    VGroup,
    Write,
)

from course.lecture1.matrix_vector import DETAILED, erratum_to_show, same_results
from nnmath.display import cell_line
from nnmath.lecture import ErratumRow
from nnmath.trace import ProductStep
from scenes.base import Beat, LectureScene
from scenes.mobjects import DotTerms, MatrixMob, Num, ShapeCheck
from scenes.products import PlaysProducts, hide_entries, product_players
from scenes.takeaway import with_headlines

__all__ = ["MatrixVector"]

class MatrixVector(PlaysProducts, LectureScene):
    """A matrix times a vector, row by row, and the other order for comparison."""

    slug = "matrix-vector"

    def beats(self) -> list[Beat]:
        self.column = column = self.explanation.step("aᵀ")
        self.step = step = self.explanation.step("np.dot(B, a)")
        # None when B is not square: np.dot(a, B) does not exist, and the comparison says why.
        self.other = other = next((s for s in self.explanation.steps if s.label == "np.dot(a, B)"), None)
        theme = self.theme
        # The course's colours: a is the input (as in vector-matrix), B the weights.
        self.a_row = MatrixMob(column.inputs["a"], theme, color=theme.input, name="a")
        self.a_column = MatrixMob(column.output, theme, color=theme.input, name="aᵀ")
        self.B = MatrixMob(step.inputs["B"], theme, color=theme.weight, name="B")
        self.result = MatrixMob(step.output, theme, color=theme.result, name="np.dot(B, a)", column=True)
        self.erratum = erratum = erratum_to_show(self.explanation)
        self.product_plays = product_players(
            self, step, self.B, self.a_column, self.result, detailed=DETAILED, terms_anchor=self._place_terms
        )
        # The captions are the content module's script; the headlines, words about the drawing, are here.
        return with_headlines(self, self.scripted_beats(), lambda name: self._takeaway(name, other, erratum))

    def _takeaway(self, beat: str, other: ProductStep | None, erratum: ErratumRow | None) -> str | None:
        if beat.startswith("entry-"):
            return "Entry i of the result = row i of B · aᵀ"
        if beat == "erratum" and erratum is not None:
            return f"The notes wrote {erratum.erratum.notes}; recomputed, the entry is {erratum.computed}"
        if beat == "compare":
            if other is None:
                return "np.dot(a, B) does not exist here: the order matters"
            if same_results(self.explanation):
                return "np.dot(B, a) = np.dot(a, B) here, but not for most B"
            return "np.dot(B, a) ≠ np.dot(a, B): the order matters"
        return {
            "transpose": "a written as a column, aᵀ, meets each row of B",
            "shapes": "The inner dimensions match: one entry per row of B",
        }.get(beat)

    def _place_terms(self, terms: DotTerms) -> None:
        """The term-by-term sum under the operands, shrunk to the frame for long rows."""
        self.fit(terms, width=12.6, height=1.7)
        terms.to_edge(DOWN, buff=0.9).set_x(0)

    # --- the operands, and a as a column ------------------------------------------------------

    def beat_operands(self) -> None:
        # With an erratum, leave room on the right for the notes' value beside the result.
        room_on_the_right = self.erratum is not None
        self.heading = self.title("np.dot(B, a)")
        self.a_column.next_to(self.B, RIGHT, buff=0.9)
        self.result.next_to(self.a_column, RIGHT, buff=1.1)
        self.a_row.next_to(self.a_column, UP, buff=0.6)
        self.a_row.shift((self.a_column.brackets.get_x() - self.a_row.brackets.get_x()) * RIGHT)
        layout = VGroup(self.a_row, self.B, self.a_column, self.result)
        natural_height = layout.height
        self.fit(layout, width=11.2 if room_on_the_right else 12.6, height=4.6)
        self._shrunk = layout.height / natural_height
        layout.move_to(0.7 * UP + (0.7 if room_on_the_right else 0.0) * LEFT)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(self.B), FadeIn(self.a_row), run_time=1.0)

    def beat_transpose(self) -> None:
        """Each entry of the row flies to its place in the column, as nnmath's ``source_index`` says."""
        column = self.column
        sources = column.intermediates["source_index"]
        moves = []
        for index in np.ndindex(*column.output.shape):
            source = self.a_row.entries.get(tuple(int(k) for k in sources[index]))
            target = self.a_column.entries.get(index)
            if source is not None and target is not None:
                moves.append(TransformFromCopy(source, target, path_arc=-PI / 2))
        frame = VGroup(self.a_column.brackets, self.a_column.name_label, self.a_column.shape_label)
        self.play(FadeIn(frame), run_time=0.6)
        self.play(*moves, run_time=1.4)
        # The moved entries are on screen on their own; put them back in their column.
        self.remove(*self.a_column.entries.values())
        self.add(self.a_column)

    # --- the shapes ---------------------------------------------------------------------------

    def beat_shapes(self) -> None:
        step = self.step
        left, right = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
        self.check = ShapeCheck(left, right, (left[0], right[1]), self.theme, left_color=self.B.color, right_color=self.a_column.color)
        self.check.next_to(self.result, UP, buff=0.45)
        self.play(FadeOut(self.a_row), run_time=0.6)
        self.play(FadeIn(self.check), run_time=0.8)
        self.play(
            Indicate(self.check.left_inner, color=self.theme.result),
            Indicate(self.check.right_inner, color=self.theme.result),
        )
        hide_entries(self.result)
        self.play(FadeIn(self.result), run_time=0.8)

    # --- the notes' erratum -------------------------------------------------------------------

    def beat_erratum(self) -> None:
        """The notes' value beside the computed entry, struck through (content: erratum_to_show)."""
        theme, step, row = self.theme, self.step, self.erratum
        cell = step.cell(*row.index)
        boxes = VGroup(self.B.row_box(cell.row), self.a_column.column_box(cell.column))
        terms = DotTerms(
            cell.left, cell.right, cell.products, cell.value, theme,
            left_color=self.B.color, right_color=self.a_column.color, line=cell_line(cell, step),
        )
        self._place_terms(terms)
        target = self.result.entry(cell.row, cell.column)
        notes = Num(float(row.erratum.notes), theme, color=theme.wrong)
        notes.next_to(self.result.brackets, RIGHT, buff=0.45).set_y(target.get_y())
        pad = 0.08 * (LEFT + DOWN)
        strike = Line(
            notes.get_corner(DOWN + LEFT) + pad, notes.get_corner(UP + RIGHT) - pad, color=theme.wrong, stroke_width=5
        )
        label = self.text("notes", size=theme.caption_size, color=theme.wrong).next_to(notes, UP, buff=0.15)
        self.play(FadeIn(boxes), FadeIn(terms), run_time=1.0)
        self.play(FadeIn(notes), FadeIn(label), run_time=0.7)
        self.play(Write(strike), Indicate(target, color=theme.result, scale_factor=1.3), run_time=0.9)
        self.leave_until_next_beat(boxes, terms, notes, strike, label)

    # --- the other order ----------------------------------------------------------------------

    def beat_compare(self) -> None:
        theme, other = self.theme, self.other
        same = other is not None and same_results(self.explanation)
        if other is None:
            # No product to show: its shapes, crossed out, with the inner dimensions marked.
            (n,), shape_b = self.a_row.shape[1:], self.B.shape
            check = ShapeCheck((1, n), shape_b, None, theme, font_size=theme.number_size, left_color=theme.input, right_color=theme.weight)
            flipped = VGroup(check, check.inner_note())
            flipped[1].next_to(check, DOWN, buff=0.1)
        else:
            flipped = MatrixMob(other.output, theme, color=theme.result)
        flipped_name = self.text("np.dot(a, B)", size=theme.number_size, color=theme.result)
        relation = self.text(
            "=" if same else "≠", size=theme.title_size * 1.5, color=theme.text if same else theme.wrong
        )
        how_ours = self.text("each row of B · a", color=theme.muted)
        how_theirs = self.text("a · each column of B", color=theme.muted)
        # The two results side by side, each named above its brackets.
        target = self.result.generate_target()
        # Back to full size: the comparison has the screen to itself.
        VGroup(target.grid, target.brackets, target.shape_label).scale(1 / self._shrunk)
        target.name_label.become(self.text("np.dot(B, a)", size=theme.number_size, color=theme.result))
        target.name_label.next_to(target.brackets, UP, buff=0.3)
        flipped_name.next_to(flipped, UP, buff=0.3)
        theirs = VGroup(flipped_name, flipped)
        row = VGroup(target, relation, theirs).arrange(RIGHT, buff=1.2)
        theirs.align_to(target, UP)
        relation.set_y(target.brackets.get_y())
        how_ours.next_to(target, DOWN, buff=0.45)
        how_theirs.next_to(theirs, DOWN, buff=0.45).align_to(how_ours, UP)
        self.fit(VGroup(row, how_ours, how_theirs), width=12.6, height=5.0).move_to(0.3 * DOWN)
        self.play(FadeOut(VGroup(self.B, self.a_column, self.check)), run_time=0.8)
        self.play(MoveToTarget(self.result), run_time=1.0)
        self.play(FadeIn(theirs), FadeIn(how_ours), FadeIn(how_theirs), run_time=1.0)
        self.play(FadeIn(relation, scale=1.5), run_time=0.6)
