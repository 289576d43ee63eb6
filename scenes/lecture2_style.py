"""What lecture 2's scenes share: colours by role (input, weight, gradient, ...), whichever theme is
in force, and :class:`MatrixScene`, the base of the scenes that compute with matrices.

The course's palette gives each object a role and a role one colour per theme (``theme.gradient``
for every gradient, ``theme.weight`` for weights, ...). Until a theme defines every role, the
roles map onto its older positional names, so lecture 2's scenes draw the same either way.
"""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, FadeIn, FadeOut, TransformFromCopy, VGroup

from scenes.base import LectureScene
from scenes.mobjects import MatrixMob
from scenes.theme import Theme

__all__ = ["role", "MatrixScene"]

# A role a theme may not define yet, and the older colour that played it.
_FALLBACK = {
    "input": "left",
    "weight": "right",
    "output": "result",
    "activation": "product",
    "gradient": "wrong",
    "loss": "wrong",
    "truth": "muted",
}


def role(theme: Theme, name: str) -> str:
    """The colour of role ``name`` in ``theme``."""
    if hasattr(theme, name):
        return getattr(theme, name)
    return getattr(theme, _FALLBACK[name])


class MatrixScene(LectureScene):
    """A scene of matrices: the Explanation's quantities by name (``self.q``), each drawn with its
    name above and its shape below, in equations whose brackets line up, one product worked
    cell by cell."""

    #: Font size of a matrix's entries.
    matrix_size = 28

    def setup(self) -> None:
        super().setup()
        self.q = {name: quantity.value for name, quantity in self.explanation.quantities.items()}
        self.gradient = role(self.theme, "gradient")

    def _matrix(self, name: str, color: str, label: str | None = None) -> VGroup:
        """The quantity ``name`` as a matrix with ``label`` (default its name) above and its shape below."""
        matrix = MatrixMob(self.q[name], self.theme, color=color, font_size=self.matrix_size, h_gap=0.4)
        label = self.text(label or name, size=self.theme.label_size, color=color).next_to(matrix, UP, buff=0.2)
        group = VGroup(label, matrix)
        group.matrix, group.label = matrix, label
        return group

    def _symbol(self, content: str) -> VGroup:
        return self.text(content, size=36, color=self.theme.muted)

    def _equation(self, *parts: VGroup) -> VGroup:
        """Matrices and symbols in a row, their brackets' centres level, fitted under the title."""
        row = VGroup(*parts).arrange(RIGHT, buff=0.35)
        for part in parts:
            if hasattr(part, "matrix"):
                part.shift((row.get_center()[1] - part.matrix.brackets.get_center()[1]) * UP)
            else:
                part.set_y(row.get_center()[1])
        self.fit(row, width=13.2, height=4.6)
        return row.move_to(0.2 * DOWN)

    def _note(self, content: str, color: str | None = None) -> VGroup:
        note = self.text(content, size=self.theme.caption_size, color=color or self.theme.muted)
        return self.fit(note, width=13.2, height=1.0).to_edge(DOWN, buff=0.45)

    def _clear(self) -> None:
        keep = {id(self.heading)}
        self.play(*(FadeOut(m) for m in self.mobjects if id(m) not in keep), run_time=0.5)

    def _product(self, left: VGroup, right: VGroup, result: VGroup, note: str) -> None:
        """left · right = result: the operands, one cell worked (a row of left against a column of
        right, copied into the result's first entry), then the other entries."""
        self._clear()
        row = self._equation(left, self._symbol("·"), right, self._symbol("="), result)
        note_mob = self._note(note)
        self.play(FadeIn(left), FadeIn(row[1]), FadeIn(right), run_time=0.9)
        boxes = (left.matrix.row_box(0), right.matrix.column_box(0))
        self.play(*(FadeIn(b) for b in boxes), run_time=0.6)
        self.play(
            FadeIn(row[3]),
            FadeIn(result.label),
            FadeIn(result.matrix.brackets),
            FadeIn(result.matrix.shape_label),
            TransformFromCopy(VGroup(left.matrix.row(0), right.matrix.column(0)), result.matrix.entry(0, 0)),
            run_time=1.0,
        )
        rest = [num for index, num in result.matrix.entries.items() if index != (0, 0)]
        self.play(*(FadeOut(b) for b in boxes), *(FadeIn(num) for num in rest), FadeIn(note_mob), run_time=1.0)
