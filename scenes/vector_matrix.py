"""np.dot(a, B): a (1×n) against each column of B (n×p); the inner dimensions must match."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, FadeIn, Indicate, VGroup, Write

from scenes.base import Beat, LectureScene
from scenes.mobjects import MatrixMob, ShapeCheck
from scenes.mobjects.matrix import vector_text
from scenes.products import hide_entries, product_beats

__all__ = ["VectorMatrix"]


class VectorMatrix(LectureScene):
    """A vector times a matrix, entry by entry."""

    slug = "vector-matrix"

    def beats(self) -> list[Beat]:
        step = self.explanation.step("np.dot(a, B)")
        theme = self.theme
        self.a = MatrixMob(step.inputs["a"], theme, color=theme.left, name="a")
        self.B = MatrixMob(step.inputs["B"], theme, color=theme.right, name="B")
        self.result = MatrixMob(step.output, theme, color=theme.result, name="np.dot(a, B)")
        return [
            Beat("operands", self._operands_caption(step), lambda: self._operands(step)),
            Beat("shapes", self._shapes_caption(step), lambda: self._shapes(step)),
            *product_beats(self, step, self.a, self.B, self.result),
            Beat("result", f"np.dot(a, B) = {vector_text(step.output)}", self._result),
        ]

    def _operands_caption(self, step) -> str:
        n, (rows, cols) = len(step.inputs["a"]), step.inputs["B"].shape
        return f"a is a 1×{n} row vector; B is a {rows}×{cols} matrix"

    def _operands(self, step) -> None:
        self.heading = self.title("np.dot(a, B)")
        self.B.next_to(self.a, DOWN, buff=0.5, aligned_edge=RIGHT)
        self.result.next_to(self.B, RIGHT, buff=1.0)
        layout = self.fit(VGroup(self.a, self.B, self.result), height=4.0)
        layout.move_to(1.0 * UP)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(self.a), FadeIn(self.B), run_time=1.0)

    def _shapes_caption(self, step) -> str:
        (m, n), (n2, p) = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
        return f"The inner dimensions must be the same: {n} and {n2}. The result is {m}×{p}."

    def _shapes(self, step) -> None:
        left, right = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
        self.check = ShapeCheck(left, right, (left[0], right[1]), self.theme)
        self.check.next_to(self.result, UP, buff=0.5)
        self.play(FadeIn(self.check), run_time=0.8)
        self.play(Indicate(self.check.left_inner, color=self.theme.result), Indicate(self.check.right_inner, color=self.theme.result))
        hide_entries(self.result)
        self.play(FadeIn(self.result), run_time=0.8)

    def _result(self) -> None:
        self.play(Indicate(self.result.grid, color=self.theme.result, scale_factor=1.1), run_time=1.0)
