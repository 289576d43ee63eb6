"""Transpose: rows become columns, (m×n)ᵀ is n×m, a row vector becomes a column, and why a layer uses Wᵀ.

Every entry moves to where nnmath's ``source_index`` says it came from, so the picture is the
computation: output entry (i, j) of Bᵀ flies in from entry ``source_index[i, j]`` of B.
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
    MarkupText,
    VMobject,
    TransformFromCopy,
    VGroup,
    Write,
)

from course.lecture1.transpose import DETAILED_ROWS, moves_by_source_row
from scenes.base import Beat, LectureScene
from scenes.mobjects import MatrixMob, ShapeText
from scenes.mobjects.shapes import ShapeBlock
from scenes.takeaway import with_headlines

__all__ = ["Transpose"]

#: The words of the closing beat: larger than labels, as they are the whole slide.
_LAYER_SIZE = 32


def _frame_of(matrix: MatrixMob) -> VGroup:
    """A matrix's brackets and labels, without its entries."""
    return VGroup(*(m for m in (matrix.brackets, matrix.name_label, matrix.shape_label) if m is not None))


def _takeaway(beat: str) -> str | None:
    if beat.startswith("row"):
        return "Row i of B becomes column i of Bᵀ"
    return {
        "shape": "(m×n)ᵀ is n×m: the rows and the columns swap",
        "vector": "A row vector becomes a column",
        "layer": "A layer uses Wᵀ so that inputs meet inputs",
    }.get(beat)


class Transpose(LectureScene):
    """B becomes Bᵀ row by row; a row vector becomes a column; a layer's Wᵀ in words."""

    slug = "transpose"

    def beats(self) -> list[Beat]:
        matrix = self.explanation.step("Bᵀ")
        vector = self.explanation.step("aᵀ")
        theme = self.theme
        # One colour per object: Bᵀ is B's numbers rearranged (the lecture's B is w₁, weights).
        self.B = MatrixMob(matrix.inputs["B"], theme, color=theme.weight, name="B")
        self.BT = MatrixMob(matrix.output, theme, color=theme.weight, name="Bᵀ")
        self.matrix_step, self.vector_step = matrix, vector
        self.moves = moves_by_source_row(matrix)
        # The captions are the content module's script; the headlines, words about the drawing, are here.
        return with_headlines(self, self.scripted_beats(), _takeaway)

    # --- B and Bᵀ, row by row -----------------------------------------------------------------

    def beat_matrix(self) -> None:
        self.heading = self.title("Transpose: rows become columns")
        self.arrow = self.text("→", size=self.theme.title_size, color=self.theme.muted)
        layout = VGroup(self.B, self.arrow, self.BT).arrange(RIGHT, buff=0.8)
        self.fit(layout, width=12.6, height=4.6).move_to(0.35 * UP)
        self.play(Write(self.heading), run_time=0.8)
        self.play(FadeIn(self.B), run_time=1.0)

    def beat_row(self, row: int) -> None:
        """Row ``row`` of B (from 0), in a beat of its own."""
        self._rows([row], self.moves, detailed=True)

    def beat_rows_rest(self) -> None:
        self._rows(list(self.moves)[DETAILED_ROWS:], self.moves, detailed=False)

    def _rows(self, rows: list[int], moves: dict, *, detailed: bool) -> None:
        """Each row of B lights up and its entries fly, turning, into their column of Bᵀ."""
        if rows[0] == next(iter(moves)):
            self.play(FadeIn(self.arrow), FadeIn(_frame_of(self.BT)), run_time=0.7)
        for r in rows:
            pairs = [(self.B.entries.get(s), self.BT.entries.get(t)) for s, t in moves[r]]
            pairs = [(s, t) for s, t in pairs if s is not None and t is not None]
            columns = sorted({t[1] for _, t in moves[r]})
            boxes = VGroup(self.B.row_box(r), *(self.BT.column_box(j) for j in columns))
            self.play(FadeIn(boxes), run_time=0.6 if detailed else 0.25)
            if pairs:  # an elided row of a large B has no drawn entry to fly: its dots stand for it
                self.play(*(TransformFromCopy(s, t, path_arc=-PI / 2) for s, t in pairs), run_time=1.4 if detailed else 0.6)
            if detailed:
                self.leave_until_next_beat(boxes)
            else:
                self.play(FadeOut(boxes), run_time=0.2)
        if rows[-1] == list(moves)[-1]:
            # Every entry has arrived on its own: put them back in Bᵀ, so Bᵀ moves as one.
            self.remove(*self.BT.entries.values())
            self.add(self.BT)

    # --- the shape turns around ---------------------------------------------------------------

    def beat_shape(self) -> None:
        theme, step = self.theme, self.matrix_step
        before = ShapeText(step.shapes["B"], theme, color=theme.weight, font_size=theme.number_size)
        after = ShapeText(step.shapes["output"], theme, color=theme.weight, font_size=theme.number_size)
        arrow = self.text("→", size=theme.number_size, color=theme.muted)
        rule = self.text("(m×n)ᵀ is n×m", size=theme.label_size, color=theme.muted)
        line = VGroup(before, arrow, after).arrange(RIGHT, buff=0.4)
        VGroup(line, rule).arrange(DOWN, buff=0.3).next_to(VGroup(self.B, self.BT), DOWN, buff=0.55)
        first, last = self._shape_parts(before, step.shapes["B"]), self._shape_parts(after, step.shapes["output"])
        self.play(
            Indicate(self.B.shape_label, color=theme.weight),
            Indicate(self.BT.shape_label, color=theme.weight),
            run_time=0.9,
        )
        self.play(FadeIn(before), FadeIn(arrow), run_time=0.6)
        # The number of rows becomes the number of columns, and the other way round.
        self.play(
            TransformFromCopy(first[0], last[2], path_arc=-PI / 2),
            TransformFromCopy(first[2], last[0], path_arc=-PI / 2),
            FadeIn(last[1]),
            run_time=1.4,
        )
        self.remove(*last)
        self.add(after)
        self.play(FadeIn(rule), run_time=0.6)
        self.shape_line = VGroup(line, rule)

    @staticmethod
    def _span(word: str, color: str) -> str:
        return f'<span foreground="{color}">{word}</span>'

    @staticmethod
    def _shape_parts(text: ShapeText, shape: tuple[int, int]) -> tuple[VGroup, VGroup, VGroup]:
        """The glyphs of rows, ``×`` and columns in a drawn shape such as ``12×4``."""
        rows = len(str(shape[0]))
        return VGroup(*text[:rows]), VGroup(text[rows]), VGroup(*text[rows + 1 :])

    # --- a row vector becomes a column --------------------------------------------------------

    def beat_vector(self) -> None:
        theme, step = self.theme, self.vector_step
        row = MatrixMob(step.inputs["a"], theme, color=theme.input, name="a")
        column = MatrixMob(step.output, theme, color=theme.input, name="aᵀ")
        arrow = self.text("→", size=theme.title_size, color=theme.muted)
        self.fit(VGroup(row, arrow, column).arrange(RIGHT, buff=0.9), width=12.6, height=4.6).move_to(0.2 * UP)
        note = self.caption_bar("numpy's a.T leaves a one-dimensional a as it is; a[:, np.newaxis] is the column")
        self.fit(note, width=12.6, height=1.0)
        self.play(FadeOut(VGroup(self.B, self.BT, self.arrow, self.shape_line)), run_time=0.8)
        self.play(FadeIn(row), run_time=0.8)
        self.play(FadeIn(arrow), FadeIn(_frame_of(column)), run_time=0.6)
        sources = step.intermediates["source_index"]
        pairs = [
            (row.entries.get((int(sources[i][0]), int(sources[i][1]))), column.entries.get(i))
            for i in np.ndindex(*step.output.shape)
        ]
        moving = [TransformFromCopy(s, t, path_arc=-PI / 2) for s, t in pairs if s is not None and t is not None]
        self.play(*moving, run_time=1.4)
        self.remove(*column.entries.values())
        self.add(column)
        self.play(FadeIn(note), run_time=0.6)
        self.vector_group = VGroup(row, arrow, column, note)

    # --- why a layer uses Wᵀ ------------------------------------------------------------------

    def beat_layer(self) -> None:
        """The shapes drawn: X (samples × inputs) · Wᵀ (inputs × neurons) → samples × neurons.

        W is B, read as a layer's weights (one row per neuron); the samples are as many as the
        neurons, only so that the picture has a size — the words say what each axis counts.
        """
        theme = self.theme
        neurons, inputs = self.explanation.step("Bᵀ").shapes["B"]
        samples = 2
        size = theme.label_size
        blocks = {"theme": theme, "font_size": size, "cell": 0.5}
        x = ShapeBlock((samples, inputs), name="X", row_label="samples", col_label="inputs", color=theme.input, **blocks)
        wt = ShapeBlock((inputs, neurons), name="Wᵀ", row_label="inputs", col_label="neurons", color=theme.weight, **blocks)
        out = ShapeBlock((samples, neurons), name="np.dot(X, Wᵀ)", row_label="samples", col_label="neurons", color=theme.output, **blocks)
        dot = self.text("·", size=theme.title_size, color=theme.muted)
        arrow = self.text("→", size=theme.title_size, color=theme.muted)
        picture = VGroup(x, dot, wt, arrow, out).arrange(RIGHT, buff=0.45, aligned_edge=UP)
        for sign in (dot, arrow):
            sign.set_y(x.grid.get_y())
        # The inner dimensions, counted twice: X's columns and Wᵀ's rows are both the inputs.
        match = VGroup(x.cols_text, wt.rows_text)
        note = self.text("inputs = inputs: must be the same!", size=size, color=theme.output)
        stored = self.text(f"A layer stores one row of weights per neuron: W is {neurons}×{inputs}, neurons × inputs", size=_LAYER_SIZE)
        wrong = MarkupText(
            f"np.dot(X, W) would meet {self._span('inputs', theme.wrong)} with {self._span('neurons', theme.wrong)}: "
            f"{self._span('✗', theme.wrong)}",
            font=theme.font, font_size=size, color=theme.muted,
        )
        body = VGroup(stored, picture, note, wrong).arrange(DOWN, buff=0.45)
        self.fit(body, width=12.6, height=5.6).move_to(0.2 * DOWN)
        self.play(FadeOut(self.vector_group), run_time=0.8)
        self.play(FadeIn(stored), run_time=0.8)
        self.play(FadeIn(x), FadeIn(dot), FadeIn(wt), run_time=1.0)
        self.play(Indicate(match, color=theme.output), FadeIn(note), run_time=1.0)
        self.play(FadeIn(arrow), FadeIn(out), run_time=0.8)
        self.play(FadeIn(wrong, shift=0.2 * DOWN), run_time=0.7)
