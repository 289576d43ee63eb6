"""np.dot(a, B): a (1×n) against each column of B (n×p); the inner dimensions must match."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, FadeIn, FadeOut, Indicate, VGroup, Write

from course.lecture1.vector_matrix import DETAILED
from scenes.base import Beat, LectureScene
from scenes.mobjects import MatrixMob, ShapeCheck
from scenes.products import PlaysProducts, hide_entries, product_players
from scenes.takeaway import with_headlines

__all__ = ["VectorMatrix"]


def _takeaway(beat: str) -> str | None:
    if beat.startswith("entry-"):
        return "Entry j of the result = a · column j of B"
    return {
        "shapes": "The inner dimensions must be the same",
        "result": "np.dot(a, B): one entry for each column of B",
    }.get(beat)


class VectorMatrix(PlaysProducts, LectureScene):
    """A vector times a matrix, entry by entry."""

    slug = "vector-matrix"

    def beats(self) -> list[Beat]:
        self.step = step = self.explanation.step("np.dot(a, B)")
        theme = self.theme
        self.a = MatrixMob(step.inputs["a"], theme, color=theme.left, name="a")
        self.B = MatrixMob(step.inputs["B"], theme, color=theme.right, name="B")
        self.result = MatrixMob(step.output, theme, color=theme.result, name="np.dot(a, B)")
        self.product_plays = product_players(self, step, self.a, self.B, self.result, detailed=DETAILED)
        # The captions are the content module's script; the headlines, words about the drawing, are here.
        return with_headlines(self, self.scripted_beats(), _takeaway)

    def beat_operands(self) -> None:
        self.heading = self.title("np.dot(a, B)")
        self.B.next_to(self.a, DOWN, buff=0.5, aligned_edge=RIGHT)
        self.result.next_to(self.B, RIGHT, buff=1.0)
        layout = self.fit(VGroup(self.a, self.B, self.result), height=4.0)
        layout.move_to(0.8 * UP)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(self.a), FadeIn(self.B), run_time=1.0)

    def beat_shapes(self) -> None:
        step = self.step
        left, right = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
        self.check = ShapeCheck(left, right, (left[0], right[1]), self.theme)
        self.check.next_to(self.result, UP, buff=0.5)
        note = self.check.inner_note(direction=UP)  # over the check: the result's name is under it
        self.play(FadeIn(self.check), run_time=0.8)
        self.play(Indicate(self.check.left_inner, color=self.theme.result), Indicate(self.check.right_inner, color=self.theme.result))
        self.play(FadeIn(note, shift=0.1 * UP), run_time=0.6)
        hide_entries(self.result)
        self.play(FadeIn(self.result), run_time=0.8)
        self.leave_until_next_beat(note)

    def beat_result(self) -> None:
        """Each column of B and the entry it gave, side by side: one entry per column."""
        theme = self.theme
        (_, p) = self.B.shape
        links = VGroup()
        for j in range(p):
            column, entry = self.B.column(j), self.result.entry(0, j)
            if entry is None or not column:
                continue
            links.add(VGroup(self.B.column_box(j, color=theme.highlight), self.result.highlight(VGroup(entry))))
        takeaway = self.text("a · column j of B = entry j", size=theme.label_size, color=theme.muted)
        takeaway.next_to(self.result, DOWN, buff=0.5)
        for link in links:
            self.play(FadeIn(link), run_time=0.35)
            self.play(FadeOut(link), run_time=0.25)
        self.play(FadeIn(takeaway), Indicate(self.result.grid, color=theme.result, scale_factor=1.1), run_time=1.0)
