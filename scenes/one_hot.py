"""One-hot encoding: each sample's class label becomes a row with a 1 in that class's column.

The classes head the columns (C₁ = rose, C₂ = daisy, C₃ = tulip), the samples the rows; the rows
are nnmath's ``one_hot(labels)`` (``nnanim explain one-hot``), where the labels are class indices.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, Indicate, LaggedStart, Text, VGroup, Write

from nnmath.display import format_array, format_shape_x
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import MatrixMob

__all__ = ["OneHot"]

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SIZE = 48


def _on_baseline(text: Text, y: float) -> Text:
    """Move ``text`` so its letters sit on the line ``y`` (a word's centre depends on its letters)."""
    for glyph, char in zip(text, text.text):
        if char.isalpha() and char not in "gjpqyQ":
            return text.shift((y - glyph.get_bottom()[1]) * UP)
    return text.set_y(y)


def _sub(prefix: str, number: int) -> str:
    """``C₁``, ``s₂``: a name with a subscript (a label, counted from 1 as the notes do)."""
    return prefix + str(number).translate(_SUBSCRIPTS)


class OneHot(LectureScene):
    """Labels to vectors, built up as a table: classes, samples, then the ones and zeros."""

    slug = "one-hot"

    def beats(self) -> list[Beat]:
        self.step: Step = self.explanation.step("one_hot(labels)")
        self.classes: tuple[str, ...] = tuple(self.explanation.objects["classes"])
        self.labels = np.atleast_1d(self.step.inputs["labels"])
        self.rows = np.atleast_2d(self.step.output)
        self.names = [self.classes[int(k)] for k in self.labels]
        return [
            Beat("classes", self._classes_caption(), self._classes),
            Beat("labels", self._labels_caption(), self._labels),
            Beat("vectors", self._vectors_caption(), self._vectors),
            Beat("matrix", self._matrix_caption(), self._matrix),
        ]

    # --- captions -----------------------------------------------------------------------------

    def _classes_caption(self) -> str:
        listed = ", ".join(f"{_sub('C', j + 1)} = {name}" for j, name in enumerate(self.classes))
        return f"{len(self.classes)} classes, one column each: {listed}"

    def _labels_caption(self) -> str:
        listed = ", ".join(f"{_sub('s', i + 1)} = {name}" for i, name in enumerate(self.names))
        return f"Each sample is labelled with its class: {listed}; as indices, labels = {format_array(self.labels)}"

    def _vectors_caption(self) -> str:
        listed = ", ".join(f"{name} → {format_array(row)}" for name, row in zip(self.names, self.rows))
        return f"A 1 in the label's column, 0 elsewhere: {listed}"

    def _matrix_caption(self) -> str:
        shape = format_shape_x(self.step.shapes["output"])
        return f"Stacked, the rows make a {shape} matrix, one row per sample: the 'true' values of the loss"

    # --- layout -------------------------------------------------------------------------------

    def _layout(self) -> None:
        theme = self.theme
        self.matrix = MatrixMob(self.rows, theme, color=theme.muted, font_size=_SIZE, h_gap=1.4, v_gap=0.45)
        for (i, j), num in self.matrix.entries.items():
            if self.rows[i, j] == 1:
                num.set_color(theme.result)
        # A matrix of more than six rows or columns is elided: label only what is drawn.
        shown_rows = sorted({i for i, _ in self.matrix.entries})
        shown_columns = sorted({j for _, j in self.matrix.entries})
        self.headers = VGroup()
        top = self.matrix.brackets.get_top()[1]
        for j in shown_columns:
            x = self.matrix.column(j).get_x()
            name = self.text(self.classes[j], size=theme.label_size + 8, color=theme.right)
            index = self.text(_sub("C", j + 1), size=theme.label_size + 2, color=theme.muted)
            _on_baseline(name, top + 0.45).set_x(x)
            _on_baseline(index, top + 1.1).set_x(x)
            self.headers.add(VGroup(index, name))
        self.samples = VGroup()
        for i in shown_rows:
            name = self.names[i]
            row = self.matrix.row(i)
            sample = VGroup(
                self.text(f"{_sub('s', i + 1)} =", size=_SIZE - 4),
                self.text(name, size=_SIZE - 4, color=theme.left),
            ).arrange(RIGHT, buff=0.18)
            sample.next_to(self.matrix.brackets, LEFT, buff=1.5).set_y(row.get_y())
            _on_baseline(sample[1], sample[0][0].get_bottom()[1])
            self.samples.add(sample)
        self.arrows = VGroup(
            *(
                Arrow(sample.get_right(), np.array([self.matrix.brackets.get_left()[0], sample.get_y(), 0]),
                      buff=0.2, color=theme.muted, stroke_width=4, max_tip_length_to_length_ratio=0.3)
                for sample in self.samples
            )
        )
        self.caption_note = self.text("one_hot(labels)", size=theme.label_size + 4, color=theme.text)
        self.caption_note.next_to(self.matrix.shape_label, DOWN, buff=0.2)
        self.indices = MatrixMob(
            self.labels, theme, color=theme.left, name="labels", show_shape=False, font_size=_SIZE - 4
        )
        index_note = self.text("class indices: numpy counts from 0", size=theme.small_size + 2, color=theme.muted)
        self.index_line = VGroup(self.indices, index_note).arrange(RIGHT, buff=0.4)
        self.fit(self.index_line, width=12.8, height=0.8)
        self.index_line.to_edge(DOWN, buff=0.45)
        # The table fills the space between the title and the labels line.
        top, bottom = self.heading.get_bottom()[1] - 0.45, self.index_line.get_top()[1] + 0.4
        board = VGroup(self.matrix, self.headers, self.samples, self.arrows, self.caption_note)
        self.fit(board, width=12.8, height=top - bottom)
        board.move_to(np.array([0, (top + bottom) / 2, 0]))

    # --- beats --------------------------------------------------------------------------------

    def _classes(self) -> None:
        self.heading = self.title("One-hot encoding")
        self._layout()
        self.play(Write(self.heading), run_time=0.8)
        self.play(LaggedStart(*(FadeIn(h, shift=0.2 * DOWN) for h in self.headers), lag_ratio=0.3), run_time=1.2)

    def _labels(self) -> None:
        self.play(LaggedStart(*(FadeIn(s, shift=0.2 * RIGHT) for s in self.samples), lag_ratio=0.3), run_time=1.0)
        self.play(FadeIn(self.index_line), run_time=0.8)

    def _vectors(self) -> None:
        theme = self.theme
        self.play(FadeIn(self.arrows), run_time=0.5)
        for i in sorted({i for i, _ in self.matrix.entries}):
            self.play(FadeIn(self.matrix.row(i), shift=0.2 * LEFT), run_time=0.6)
        ones = [num for (i, j), num in self.matrix.entries.items() if self.rows[i, j] == 1]
        self.play(*(Indicate(num, color=theme.result, scale_factor=1.4) for num in ones), run_time=0.8)

    def _matrix(self) -> None:
        shown = [self.matrix.brackets, self.matrix.shape_label, self.caption_note]
        self.play(*(FadeIn(m) for m in shown), run_time=0.8)
        self.play(Indicate(self.matrix.shape_label, color=self.theme.result), run_time=0.7)
