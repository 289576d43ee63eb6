"""Categorical cross-entropy: CE = −Σ true · log(predicted); only the true class's term survives.

Then the lecture's two questions — why the minus, why the log — and the −log p curve with the
notes' table. Every number comes from nnmath (``nnanim explain cross-entropy``); where the notes
wrote something else, their value is shown struck through beside the computed one. Logs are
natural logs, and numbers have three decimals, as in the notes.

A batch of predictions (shape (samples, classes)) is drawn through its first sample; the loss is
the mean over the samples, which the scene shows with every sample's loss.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Mobject,
    RoundedRectangle,
    ValueTracker,
    VGroup,
    Write,
)

from nnmath.display import format_array, format_number
from nnmath.lecture import ErratumRow
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import CurvePlot, Num
from scenes.mobjects.highlight import highlight_box

__all__ = ["CrossEntropy"]

#: Decimals of every number, as the notes write them (0.105, 0.693, 2.303).
DIGITS = 3
_SIZE = 40
_SMALL = 28
_COLUMN_GAP = 0.8
_ROW_GAP = 0.88


class CrossEntropy(LectureScene):
    """The loss of one prediction, term by term, and the shape of −log p."""

    slug = "cross-entropy"

    def beats(self) -> list[Beat]:
        self.loss: Step = self.explanation.step("CE(predictions, targets)")
        self.table_step, self.curve_step = [s for s in self.explanation.steps if s.label == "−log(p)"]
        self.classes: tuple[str, ...] = tuple(self.explanation.objects["classes"])
        self.batch = self.loss.inputs["predictions"].ndim == 2
        # Where a one-hot target holds its 1: the class whose term survives.
        self.true_index = int(np.flatnonzero(self._first(self.loss.inputs["targets"]) == 1)[0])
        # The notes' numbers are about the lecture's values: with others there is nothing to correct.
        self.errata = [row for row in self.explanation.errata if row.applies and row.differs]
        return [
            Beat("predictions", self._predictions_caption(), self._predictions),
            Beat("terms", self._terms_caption(), self._terms),
            Beat("survives", self._survives_caption(), self._survives),
            Beat("why-minus", self._minus_caption(), self._why_minus),
            Beat("why-log", self._log_caption(), self._why_log),
            Beat("curve", self._curve_caption(), self._curve),
        ]

    # --- reading the steps --------------------------------------------------------------------

    def _first(self, array: np.ndarray) -> np.ndarray:
        """The first sample of a batch, or the one sample."""
        return np.asarray(array)[0] if self.batch else np.asarray(array)

    def _erratum_for(self, value: float) -> ErratumRow | None:
        """The erratum about ``value`` (the loss, or one entry of the −log p table), if one is shown."""
        for row in self.errata:
            if np.array_equal(np.asarray(self.explanation.quantities[row.erratum.quantity].value), np.asarray(value)):
                return row
        return None

    @staticmethod
    def _fmt(value: float) -> str:
        """A number for a caption, with a typographic minus."""
        return format_number(float(value), DIGITS).replace("-", "−")

    # --- captions -----------------------------------------------------------------------------

    def _predictions_caption(self) -> str:
        predicted = format_array(self._first(self.loss.inputs["predictions"]), DIGITS).replace("-", "−")
        truth = self.classes[self.true_index]
        sample = f"Sample 1 of {self.loss.shapes['predictions'][0]}: " if self.batch else "The network "
        return f"{sample}predicted {predicted} for {', '.join(self.classes)}; the true class is {truth}"

    def _terms_caption(self) -> str:
        return "Each term is −true · log(predicted): every class but the true one has true = 0, so its term is 0"

    def _survives_caption(self) -> str:
        p = self._fmt(self.loss.intermediates["surviving"][0])
        loss = self._fmt(self.loss.intermediates["sample_losses"][0])
        caption = f"Only the true class's term survives: −ln {p} = {loss}"
        if self.batch:
            caption += f"; CE is the mean over the samples, {self._fmt(self.loss.output)}"
        row = self._erratum_for(self.loss.output)
        if row is not None:
            caption += f" (the notes' {row.erratum.notes} is −log₁₀ {p})"
        return caption

    def _minus_caption(self) -> str:
        p = self._fmt(self.loss.intermediates["surviving"][0])
        log = self._fmt(self._first(self.loss.intermediates["log"])[self.true_index])
        return f"Why the minus: log {p} = {log} is negative, and a loss should be positive"

    def _log_caption(self) -> str:
        table = zip(self.table_step.inputs["p"], self.table_step.output)
        pairs = ", ".join(f"−ln {self._fmt(p)} = {self._fmt(v)}" for p, v in table)
        return f"Why the log: log 1 = 0, no loss for a sure right answer; {pairs}"

    def _curve_caption(self) -> str:
        return "−ln p is 0 at p = 1 and grows without bound as p → 0: a confident wrong answer costs the most"

    # --- building blocks ----------------------------------------------------------------------

    def _num(self, value: float, color: str | None = None, size: float = _SIZE) -> Num:
        return Num(float(value), self.theme, color=color, font_size=size, digits=DIGITS)

    def _line(self, *parts: str | Mobject, size: float = _SIZE, color: str | None = None) -> VGroup:
        """Text and numbers in a row; strings become text. Parentheses hug what they enclose."""
        mobjects = [self.text(p, size=size, color=color) if isinstance(p, str) else p for p in parts]
        line = VGroup(mobjects[0])
        for before, part, mobject in zip(parts, parts[1:], mobjects[1:]):
            tight = isinstance(before, str) and before.endswith("(") or isinstance(part, str) and part[:1] in (")", ",")
            mobject.next_to(line[-1], RIGHT, buff=0.06 if tight else 0.24)
            if part == ",":  # a comma sits on the line, not at mid-height
                mobject.align_to(line[-1], DOWN).shift(0.06 * DOWN)
            line.add(mobject)
        return line

    def _struck(self, row: ErratumRow, note: str, size: float = _SIZE) -> VGroup:
        """The notes' value struck through in ``theme.wrong``, with a short note."""
        wrong = self.text(row.erratum.notes, size=size, color=self.theme.wrong)
        strike = Line(wrong.get_left() + 0.06 * LEFT, wrong.get_right() + 0.06 * RIGHT, color=self.theme.wrong)
        strike.set_stroke(width=4)
        label = self.text(note, size=_SMALL - 4, color=self.theme.muted)
        return VGroup(VGroup(wrong, strike), label).arrange(RIGHT, buff=0.15)

    def _grid(self, header: Sequence[Mobject], rows: Sequence[tuple[Mobject | None, Sequence[Mobject]]]) -> VGroup:
        """A table: ``header`` over the columns, each row a label (right-aligned, or None) and a cell per column.

        Returns VGroup(header, labels, cells) with ``cells[r][c]``; columns are centred.
        """
        columns = len(header)
        width = max([h.width for h in header] + [c.width for _, cells in rows for c in cells]) + _COLUMN_GAP
        label_right = -0.4
        for c, head in enumerate(header):
            head.move_to(np.array([c * width + width / 2, 0, 0]))
        labels, cells = VGroup(), VGroup()
        for r, (label, row) in enumerate(rows, start=1):
            y = -r * _ROW_GAP
            if label is not None:
                label.move_to(np.array([label_right, y, 0]), aligned_edge=RIGHT)
                labels.add(label)
            for c in range(columns):
                row[c].move_to(np.array([c * width + width / 2, y, 0]))
            cells.add(VGroup(*row))
        return VGroup(VGroup(*header), labels, cells)

    def _labelled(self, label: str, values: np.ndarray, color: str) -> tuple[Mobject, list[Num]]:
        """A row of the loss table: its label and the first sample's values, in ``color``."""
        return self.text(label, size=_SIZE, color=color), [self._num(v, color) for v in self._first(values)]

    def _column_box(self, table: VGroup, column: int) -> RoundedRectangle:
        cells = VGroup(table[0][column], *(row[column] for row in table[2]))
        return highlight_box(cells, self.theme, pad_x=0.4, pad_y=0.3, corner_radius=0.14)

    def _cross_out(self, cell: Mobject) -> Line:
        """The notes' \\cancel: a slash through a term that does not count."""
        start = cell.get_corner(DOWN + LEFT) + 0.08 * (DOWN + LEFT)
        end = cell.get_corner(UP + RIGHT) + 0.08 * (UP + RIGHT)
        return Line(start, end, color=self.theme.muted, stroke_width=3)

    # --- beats: the loss of one prediction ------------------------------------------------------

    def _predictions(self) -> None:
        theme, step = self.theme, self.loss
        title = self.title("Categorical cross-entropy")
        formula = MathTex(
            r"\mathrm{CE}", "=", "-", r"\sum_i", r"\mathrm{true}_i", r"\cdot", r"\log(", r"\mathrm{predicted}_i", ")",
            font_size=42, color=theme.text,
        )
        formula[4].set_color(theme.right)
        formula[7].set_color(theme.left)
        self.heading = VGroup(title, formula).arrange(RIGHT, buff=0.6)
        self.fit(self.heading, width=13.6, height=1.2)
        self.heading.to_edge(UP, buff=0.3)
        header = [self.text(name, size=_SIZE - 4, color=theme.muted) for name in self.classes]
        rows = [
            self._labelled("predicted", step.inputs["predictions"], theme.left),
            self._labelled("true", step.inputs["targets"], theme.right),
            self._labelled("log(predicted)", step.intermediates["log"], theme.product),
            self._labelled("−true · log", step.intermediates["terms"], theme.result),
        ]
        self.table = self._grid(header, rows)
        self.fit(self.table, width=12.4, height=3.9)
        self.table.set_x(0).align_to(np.array([0, self.heading.get_bottom()[1] - 0.45, 0]), UP)
        labels, cells = self.table[1], self.table[2]
        self.play(Write(title), FadeIn(formula), run_time=0.8)
        if self.batch:
            # The header row's empty corner, over the row labels, says which sample this is.
            note = self.text(f"sample 1 of {step.shapes['predictions'][0]}", size=_SMALL - 2, color=theme.muted)
            note.move_to(self.table[0]).align_to(labels, RIGHT)
            self.table.add(note)
            self.play(FadeIn(note), run_time=0.3)
        self.play(FadeIn(self.table[0]), FadeIn(labels[0]), FadeIn(cells[0]), run_time=0.8)
        self.play(FadeIn(labels[1]), FadeIn(cells[1]), run_time=0.8)

    def _terms(self) -> None:
        labels, cells = self.table[1], self.table[2]
        self.play(FadeIn(labels[2]), FadeIn(cells[2]), run_time=0.8)
        self.play(FadeIn(labels[3]), FadeIn(cells[3]), run_time=0.8)

    def _survives(self) -> None:
        theme, step = self.theme, self.loss
        cells = self.table[2]
        self.true_box = self._column_box(self.table, self.true_index)
        others = [c for c in range(len(self.classes)) if c != self.true_index]
        self.crosses = VGroup(*(self._cross_out(cells[2][c]) for c in others))
        p = step.intermediates["surviving"][0]
        first = step.intermediates["sample_losses"][0]
        lead = "sample 1: −log(" if self.batch else "CE = −log("
        line = self._line(lead, self._num(p, theme.left), ")", "=", self._num(first, theme.result))
        lines = [line]
        if self.batch:
            # CE of a batch is the mean of the samples' losses.
            size = _SIZE - 4
            parts: list[str | Mobject] = ["CE = mean("]
            for i, value in enumerate(step.intermediates["sample_losses"]):
                parts += ([","] if i else []) + [self._num(value, theme.result, size)]
            lines.append(self._line(*parts, ")", "=", self._num(step.output, theme.result, size), size=size))
        row = self._erratum_for(step.output)
        if row is not None:
            line.add(self._struck(row, "the notes: −log₁₀, base 10").next_to(line, RIGHT, buff=0.5))
        self.ce_lines = VGroup(*lines).arrange(DOWN, buff=0.25)
        self.fit(self.ce_lines, width=13.0, height=1.6)
        self.ce_lines.next_to(self.table, DOWN, buff=0.45)
        self.play(FadeIn(self.true_box), run_time=0.6)
        self.play(*(Create(x) for x in self.crosses), run_time=0.6)
        self.play(Indicate(cells[3][self.true_index], color=theme.result), run_time=0.8)
        self.play(Write(self.ce_lines), run_time=1.0)

    # --- beats: why the minus, why the log ------------------------------------------------------

    def _why_minus(self) -> None:
        theme, step = self.theme, self.loss
        p = step.intermediates["surviving"][0]
        log = self._first(step.intermediates["log"])[self.true_index]
        size = _SIZE + 6
        question = self.text("① Why the minus?", size=size)
        log_value = self._num(log, theme.product, size)
        first = self._line("log(", self._num(p, theme.left, size), ")", "=", log_value, size=size)
        hint = self.text("the log of a probability is never positive", size=_SMALL + 2, color=theme.muted)
        loss = self._num(step.intermediates["sample_losses"][0], theme.result, size)
        second = self._line("−log(", self._num(p, theme.left, size), ")", "=", loss, size=size)
        second_hint = self.text("so the minus makes the loss positive", size=_SMALL + 2, color=theme.muted)
        self.minus_block = VGroup(question, first, hint, second, second_hint).arrange(DOWN, buff=0.4)
        self.minus_block[3].shift(0.25 * DOWN)
        self.minus_block[4].shift(0.25 * DOWN)
        self.minus_block.next_to(self.heading, DOWN, buff=0.6)
        self.play(*(FadeOut(m) for m in (self.table, self.true_box, self.crosses, self.ce_lines)), run_time=0.6)
        self.play(FadeIn(question), run_time=0.5)
        self.play(FadeIn(first), FadeIn(hint), run_time=0.8)
        self.play(FadeIn(second), FadeIn(second_hint), run_time=0.8)

    def _log_table(self) -> VGroup:
        """p | −ln p | −log₁₀ p for the notes' table, the notes' wrong value struck beside its row."""
        theme, step = self.theme, self.table_step
        header = [self.text(t, size=_SMALL + 2, color=theme.muted) for t in ("p", "−ln p", "−log₁₀ p")]
        rows = []
        for p, value, ten in zip(step.inputs["p"], step.output, step.intermediates["negative_log10"]):
            cells = [self._num(p, theme.left), self._num(value, theme.result), self._num(ten, theme.muted, _SMALL + 4)]
            rows.append((None, cells))
        table = self._grid(header, rows)
        marks = VGroup()
        for r, value in enumerate(step.output):
            row = self._erratum_for(value)
            if row is not None:
                marks.add(self._struck(row, "the notes", size=_SIZE - 4).next_to(table[2][r], RIGHT, buff=0.4))
        return VGroup(table, marks)

    def _why_log(self) -> None:
        theme = self.theme
        question = self.text("② Why the log?", size=_SIZE + 4)
        rule = MathTex(r"\log 1 = 0", font_size=46, color=theme.text)
        hint = self.text("no loss for a sure, right answer", size=_SMALL, color=theme.muted)
        top = VGroup(question, VGroup(rule, hint).arrange(RIGHT, buff=0.4)).arrange(DOWN, buff=0.3)
        top.next_to(self.heading, DOWN, buff=0.45)
        self.log_table = self._log_table()
        self.fit(self.log_table, width=12.0, height=3.0)
        self.log_table.next_to(top, DOWN, buff=0.45)
        self.log_table.shift(-self.log_table[0].get_x() * RIGHT)  # the columns centred; struck notes hang right
        self.play(FadeOut(self.minus_block), run_time=0.5)
        self.play(FadeIn(top), run_time=0.8)
        self.play(FadeIn(self.log_table[0]), run_time=1.0)
        if len(self.log_table[1]):
            self.play(FadeIn(self.log_table[1]), run_time=0.6)
        self.log_top = top

    # --- beat: the curve --------------------------------------------------------------------------

    def _curve(self) -> None:
        theme, curve, table = self.theme, self.curve_step, self.table_step
        ps, losses = curve.inputs["p"], curve.output
        # The axis reaches the curve's and the table's highest loss (a scale, not a shown result).
        high = float(np.ceil(max(np.max(losses), np.max(table.output))))
        plot = CurvePlot(
            theme, x_range=(0.0, 1.0), y_range=(0.0, high), width=5.0, height=4.6, x_label="p", y_label="−ln p"
        )
        plot.add_curve(ps, losses, color=theme.result)
        dots = VGroup(*(plot.dot(p, v, color=theme.left) for p, v in zip(table.inputs["p"], table.output)))
        plot.add(dots)
        self.fit(plot, width=6.0, height=5.4)
        plot.to_edge(LEFT, buff=0.5).to_edge(DOWN, buff=0.3)
        tracker = ValueTracker(len(ps) - 1)
        size = _SIZE - 2
        # The labels never change: typeset once, copied into each readout.
        labels = (self.text("p =", size=size), self.text("−ln p =", size=size))

        def readout(i: int) -> VGroup:
            dot = plot.dot(ps[i], losses[i], color=theme.right, radius=0.12)
            text = VGroup(
                self._line(labels[0].copy(), self._num(ps[i], theme.left, size), size=size),
                self._line(labels[1].copy(), self._num(losses[i], theme.result, size), size=size),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
            text.next_to(self.log_table, DOWN, buff=0.6).align_to(self.log_table, LEFT)
            return VGroup(dot, text)

        def sample() -> int:
            return int(round(tracker.get_value()))

        shown = {"i": sample()}

        def follow(group: VGroup) -> None:
            # Rebuilt only when the sample changes, not every frame: at 60 fps most frames show
            # the sample the last one did, and typesetting the numbers is most of a frame's cost.
            if sample() != shown["i"]:
                shown["i"] = sample()
                group.become(readout(shown["i"]))

        self.play(FadeOut(self.log_top), run_time=0.5)
        corner = self.log_table.copy()
        self.fit(corner, width=7.3, height=2.9)
        corner.to_edge(RIGHT, buff=0.25).align_to(plot, UP)
        self.play(self.log_table.animate.become(corner), run_time=0.8)
        self.play(FadeIn(plot.axes), FadeIn(plot.tick_labels), FadeIn(plot.x_label), FadeIn(plot.y_label), run_time=0.6)
        self.play(Create(plot.curves), run_time=1.2)
        self.play(FadeIn(dots), run_time=0.5)
        moving = readout(shown["i"]).add_updater(follow)
        self.add(moving)
        self.play(tracker.animate.set_value(0), run_time=2.5)
        # Freeze the readout at the last sample (a dry run may skip the final redraw).
        self.remove(moving)
        self.add(readout(sample()))
