"""Categorical cross-entropy: CE = −Σ true · ln(predicted); only the true class's term survives.

Then the loss of the one-hot scene's rose sample under the forward pass's own prediction, the
lecture's two questions — why the minus, why the log — and the −ln p curve with the notes' table
(good, uncertain, bad) and ever smaller p, where the loss grows without bound. Every number comes
from nnmath (``nnanim explain cross-entropy``); where the notes wrote something else, their value
is shown struck through beside the computed one. Logs are natural logs, written ln, and numbers
have three decimals, as in the notes.

A prediction of exactly 0 or 1 is clipped to [1e−7, 1 − 1e−7], as the book does: the scene then
shows the clipped values and says why, so that −ln 1 is never written as anything but 0.

A batch of predictions (shape (samples, classes)) is drawn through its first sample; the loss is
the mean over the samples, which the scene shows with every sample's loss.

Layout: the heading stays at the top and one takeaway line at the bottom of every beat, so a
still is a slide on its own; nothing comes within the safe margin of the frame's edge.
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

from course.lecture1.cross_entropy import DIGITS, parts
from nnmath.display import format_number
from nnmath.lecture import ErratumRow
from nnmath.losses import CLIP, clipped_text
from scenes.base import Beat, LectureScene
from scenes.mobjects import CurvePlot, Num
from scenes.mobjects.highlight import highlight_box

__all__ = ["CrossEntropy"]

_SIZE = 38
_SMALL = 28
_COLUMN_GAP = 0.8
_ROW_GAP = 0.82
#: Distance kept from the frame's edge (more than the lecture's safe margin).
_EDGE = 0.5


class CrossEntropy(LectureScene):
    """The loss of one prediction, term by term, the network's own prediction, and the shape of −ln p."""

    slug = "cross-entropy"

    def beats(self) -> list[Beat]:
        p = parts(self.explanation)
        self.loss, self.table_step, self.toward_zero, self.curve_step = p.loss, p.table, p.toward_zero, p.curve
        self.network, self.classes, self.verdicts, self.batch = p.network, p.classes, p.verdicts, p.batch
        self.true_index, self.was_clipped, self.errata = p.true_index, p.was_clipped, list(p.errata)
        self.clipped = p.first(self.loss.intermediates["clipped"])
        self._first, self._erratum_for, self._fmt, self._p_text = p.first, p.erratum_for, p.fmt, p.p_text
        return self.scripted_beats()  # the captions are the content module's script

    # --- building blocks ----------------------------------------------------------------------

    def _num(self, value: float, color: str | None = None, size: float = _SIZE) -> Num:
        return Num(float(value), self.theme, color=color, font_size=size, digits=DIGITS)

    def _p(self, value: float, color: str | None = None, size: float = _SIZE) -> Mobject:
        """A probability the loss used: a number, or the clip written out when it was clipped."""
        if self.was_clipped and value in (CLIP, 1 - CLIP):
            return self.text(clipped_text(value), size=size, color=color)
        return self._num(value, color, size)

    def _line(self, *parts: str | Mobject, size: float = _SIZE, color: str | None = None) -> VGroup:
        """Text and numbers in a row; strings become text. Parentheses hug what they enclose."""
        mobjects = [self.text(p, size=size, color=color) if isinstance(p, str) else p for p in parts]
        line = VGroup(mobjects[0])
        for before, part, mobject in zip(parts, parts[1:], mobjects[1:]):
            tight = isinstance(before, str) and before.endswith(("(", "[")) or isinstance(part, str) and part[:1] in (")", ",", "]")
            mobject.next_to(line[-1], RIGHT, buff=0.06 if tight else 0.24)
            if part == ",":  # a comma sits on the line, not at mid-height
                mobject.align_to(line[-1], DOWN).shift(0.06 * DOWN)
            elif before == ",":  # after a comma, back to the line's middle
                mobject.set_y(line[-2].get_y())
            line.add(mobject)
        return line

    def _struck(self, row: ErratumRow, note: str, size: float = _SIZE, note_size: float = _SMALL - 2) -> VGroup:
        """The notes' value struck through in ``theme.wrong``, with a short note."""
        wrong = self.text(row.erratum.notes, size=size, color=self.theme.wrong)
        strike = Line(wrong.get_left() + 0.06 * LEFT, wrong.get_right() + 0.06 * RIGHT, color=self.theme.wrong)
        strike.set_stroke(width=4)
        label = self.text(note, size=note_size, color=self.theme.muted)
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

    def _column_box(self, table: VGroup, column: int) -> RoundedRectangle:
        cells = VGroup(table[0][column], *(row[column] for row in table[2]))
        return highlight_box(cells, self.theme, pad_x=0.4, pad_y=0.25, corner_radius=0.14)

    def _cross_out(self, cell: Mobject) -> Line:
        """The notes' \\cancel: a slash through a term that does not count."""
        start = cell.get_corner(DOWN + LEFT) + 0.08 * (DOWN + LEFT)
        end = cell.get_corner(UP + RIGHT) + 0.08 * (UP + RIGHT)
        return Line(start, end, color=self.theme.muted, stroke_width=3)

    def _takeaway(self, text: str) -> None:
        """The beat's one line for a slide, at the same place in every beat; it replaces the last."""
        line = self.text(text, size=_SMALL, color=self.theme.text)
        self.fit(line, width=13.2, height=0.6)
        line.move_to(np.array([0, -4 + _EDGE + line.height / 2, 0]))
        old = getattr(self, "takeaway", None)
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(line), run_time=0.5)
        self.takeaway = line

    def _body(self) -> tuple[float, float]:
        """(top, bottom) of the space between the heading and the takeaway line."""
        return self.heading.get_bottom()[1] - 0.4, -4 + _EDGE + 0.6 + 0.35

    # --- beats: the loss of one prediction ------------------------------------------------------

    def beat_predictions(self) -> None:
        theme, step = self.theme, self.loss
        title = self.title("Categorical cross-entropy")
        formula = MathTex(
            r"\mathrm{CE}", "=", "-", r"\sum_i", r"\mathrm{true}_i", r"\cdot", r"\ln(", r"\mathrm{predicted}_i", ")",
            font_size=44, color=theme.text,
        )
        formula[4].set_color(theme.truth)
        formula[7].set_color(theme.output)
        self.heading = VGroup(title, formula).arrange(RIGHT, buff=0.6)
        self.fit(self.heading, width=13.0, height=1.1)
        self.heading.move_to(np.array([0, 4 - _EDGE - self.heading.height / 2, 0]))
        header = [self.text(name, size=_SIZE - 4, color=theme.class_color(j)) for j, name in enumerate(self.classes)]
        first = self._first
        rows = [
            (self.text("predicted", size=_SIZE, color=theme.output), [self._num(v, theme.output) for v in first(step.inputs["predictions"])]),
            (self.text("true", size=_SIZE, color=theme.truth), [self._num(v, theme.truth) for v in first(step.inputs["targets"])]),
        ]
        if self.was_clipped:
            rows.append(
                (self.text("clipped", size=_SIZE, color=theme.output), [self._p(v, theme.output, _SIZE - 4) for v in self.clipped])
            )
        rows += [
            (self.text("ln(predicted)", size=_SIZE, color=theme.activation), [self._num(v, theme.activation) for v in first(step.intermediates["log"])]),
            (self.text("−true · ln", size=_SIZE, color=theme.product), [self._num(v, theme.product) for v in first(step.intermediates["terms"])]),
        ]
        self.table = self._grid(header, rows)
        top, bottom = self._body()
        self.fit(self.table, width=12.4, height=(top - bottom) - 1.3)
        self.table.set_x(0).align_to(np.array([0, top, 0]), UP)
        self.table.shift(-self.table.get_x() * RIGHT)
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
        self._takeaway("The loss compares the prediction with the truth, class by class")

    def beat_terms(self) -> None:
        labels, cells = self.table[1], self.table[2]
        for r in range(2, len(cells)):
            self.play(FadeIn(labels[r]), FadeIn(cells[r]), run_time=0.7)
        if self.was_clipped:
            self._takeaway(f"ŷ is clipped to [{clipped_text(CLIP)}, {clipped_text(1 - CLIP)}] first: ln 0 = −∞ would make the loss infinite")
        else:
            self._takeaway("A class whose true value is 0 adds nothing: its term is 0")

    def beat_survives(self) -> None:
        theme, step = self.theme, self.loss
        cells = self.table[2]
        self.true_box = self._column_box(self.table, self.true_index)
        others = [c for c in range(len(self.classes)) if c != self.true_index]
        self.crosses = VGroup(*(self._cross_out(cells[-1][c]) for c in others))
        p = step.intermediates["surviving"][0]
        first = step.intermediates["sample_losses"][0]
        lead = "sample 1: −ln(" if self.batch else "CE = −ln("
        line = self._line(lead, self._p(p, theme.output), ")", "=", self._num(first, theme.loss))
        lines = [line]
        if self.batch:
            # CE of a batch is the mean of the samples' losses.
            size = _SIZE - 4
            parts: list[str | Mobject] = ["CE = mean("]
            for i, value in enumerate(step.intermediates["sample_losses"]):
                parts += ([","] if i else []) + [self._num(value, theme.loss, size)]
            lines.append(self._line(*parts, ")", "=", self._num(step.output, theme.loss, size), size=size))
        row = self._erratum_for("loss")
        if row is not None:
            line.add(self._struck(row, "the notes: −log₁₀, base 10").next_to(line, RIGHT, buff=0.5))
        self.ce_lines = VGroup(*lines).arrange(DOWN, buff=0.25)
        top, bottom = self._body()
        self.fit(self.ce_lines, width=13.0, height=max(0.5, self.table.get_bottom()[1] - 0.35 - bottom))
        self.ce_lines.next_to(self.table, DOWN, buff=0.35).set_x(0)
        self.play(FadeIn(self.true_box), run_time=0.6)
        self.play(*(Create(x) for x in self.crosses), run_time=0.6)
        self.play(Indicate(cells[-1][self.true_index], color=theme.loss), run_time=0.8)
        self.play(Write(self.ce_lines), run_time=1.0)
        self._takeaway("Only the true class counts: CE = −ln(the probability given to the true class)")

    # --- beat: the forward pass's own prediction -------------------------------------------------

    def beat_network(self) -> None:
        theme, step = self.theme, self.network
        truth = self.explanation.objects["true class"]
        features = step.inputs["features"]
        entries: list[str | Mobject] = []
        for i, x in enumerate(features):
            entries += ([","] if i else []) + [self._num(x, theme.input)]
        sample = self._line(
            "s₁ =", self.text(truth, size=_SIZE, color=theme.truth), "with features [", *entries, "]", "→ the forward pass"
        )
        # The forward pass's own classes (a lecturer's cross-entropy table may have others).
        header = [
            self.text(name, size=_SIZE - 4, color=theme.class_color(j)) for j, name in enumerate(self.explanation.objects["network classes"])
        ]
        rows = [
            (self.text("predicted", size=_SIZE, color=theme.output), [self._num(v, theme.output) for v in step.intermediates["probabilities"]]),
            (self.text("true", size=_SIZE, color=theme.truth), [self._num(v, theme.truth) for v in step.inputs["targets"]]),
        ]
        grid = self._grid(header, rows)
        true_index = int(np.argmax(step.inputs["targets"]))
        ce = self._line("CE = −ln(", self._num(step.intermediates["surviving"][0], theme.output), ")", "=", self._num(step.output, theme.loss))
        board = VGroup(sample, grid, ce)
        sample.next_to(grid, UP, buff=0.6).set_x(grid.get_x())
        ce.next_to(grid, DOWN, buff=0.5).set_x(grid.get_x())
        top, bottom = self._body()
        self.fit(board, width=13.0, height=top - bottom)
        board.move_to(np.array([0, top - board.height / 2, 0]))
        box = self._column_box(grid, true_index)
        self.play(*(FadeOut(m) for m in (self.table, self.true_box, self.crosses, self.ce_lines)), run_time=0.6)
        self.play(FadeIn(sample), run_time=0.7)
        self.play(FadeIn(grid), run_time=0.8)
        self.play(FadeIn(box), Write(ce), run_time=1.0)
        self.network_board = VGroup(board, box)
        self._takeaway("The network's own prediction has a loss too: training lowers it")

    # --- beats: why the minus, why the log ------------------------------------------------------

    def beat_why_minus(self) -> None:
        theme, step = self.theme, self.loss
        p = step.intermediates["surviving"][0]
        log = self._first(step.intermediates["log"])[self.true_index]
        size = _SIZE + 4
        question = self.text("① Why the minus?", size=size)
        log_value = self._num(log, theme.activation, size)
        first = self._line("ln(", self._p(p, theme.output, size), ")", "=", log_value, size=size)
        hint = self.text("the ln of a probability is never positive", size=_SMALL + 2, color=theme.muted)
        loss = self._num(step.intermediates["sample_losses"][0], theme.loss, size)
        second = self._line("−ln(", self._p(p, theme.output, size), ")", "=", loss, size=size)
        second_hint = self.text("so the minus makes the loss positive", size=_SMALL + 2, color=theme.muted)
        self.minus_block = VGroup(question, first, hint, second, second_hint).arrange(DOWN, buff=0.35)
        self.minus_block[3].shift(0.2 * DOWN)
        self.minus_block[4].shift(0.2 * DOWN)
        top, bottom = self._body()
        self.fit(self.minus_block, width=12.0, height=top - bottom)
        self.minus_block.move_to(np.array([0, (top + bottom) / 2, 0]))
        leaving = [self.network_board] if self.network is not None else [self.table, self.true_box, self.crosses, self.ce_lines]
        self.play(*(FadeOut(m) for m in leaving), run_time=0.6)
        self.play(FadeIn(question), run_time=0.5)
        self.play(FadeIn(first), FadeIn(hint), run_time=0.8)
        self.play(FadeIn(second), FadeIn(second_hint), run_time=0.8)
        self._takeaway("ln p ≤ 0 for a probability: the minus makes the loss positive")

    def _log_table(self) -> VGroup:
        """p | −ln p, each row with the notes' verdict (good, uncertain, bad) and, where the notes
        wrote another value, that value struck through."""
        theme, step = self.theme, self.table_step
        # "p" in the text colour, as the plot's axis writes it (a label keeps one colour in a scene).
        header = [self.text("p", size=_SMALL + 2, color=theme.text), self.text("−ln p", size=_SMALL + 2, color=theme.muted)]
        rows = [(None, [self._num(p, theme.output), self._num(v, theme.loss)]) for p, v in zip(step.inputs["p"], step.output)]
        table = self._grid(header, rows)
        marks = VGroup()
        for r, (p, word) in enumerate(zip(step.inputs["p"], self.verdicts)):
            verdict = self.text(word + (" ✓" if word == "good" else ""), size=_SMALL + 2, color=theme.muted)
            verdict.next_to(table[2][r], RIGHT, buff=0.45)
            verdict.shift((table[2][r][-1].get_y() - verdict.get_y()) * UP)
            marks.add(verdict)
            row = self._erratum_for(f"-log {format_number(p)}")
            if row is not None:
                marks.add(self._struck(row, "the notes", size=_SIZE - 6, note_size=_SMALL + 4).next_to(verdict, RIGHT, buff=0.3))
        return VGroup(table, marks)

    def beat_why_log(self) -> None:
        theme = self.theme
        top, bottom = self._body()
        question = self.text("② Why the log?", size=_SIZE + 2)
        rule = MathTex(r"\ln 1 = 0", font_size=48, color=theme.text)
        hint = self.text("no loss for a sure, right answer", size=_SMALL, color=theme.muted)
        self.log_top = VGroup(question, VGroup(rule, hint).arrange(RIGHT, buff=0.35)).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        self.log_table = self._log_table()
        # The right half: the question, the notes' table, and (next beat) the way to p → 0.
        column = VGroup(self.log_top, self.log_table).arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        self.fit(column, width=6.6, height=(top - bottom) * 0.64)
        column.move_to(np.array([7.11 - _EDGE - 0.05 - column.width / 2, top - column.height / 2, 0]))
        self.play(FadeOut(self.minus_block), run_time=0.5)
        self.play(FadeIn(self.log_top), run_time=0.8)
        self.play(FadeIn(self.log_table[0]), run_time=1.0)
        if len(self.log_table[1]):
            self.play(FadeIn(self.log_table[1]), run_time=0.6)
        self._takeaway("ln 1 = 0: a sure right answer costs nothing; the less sure, the more it costs")

    # --- beat: the curve --------------------------------------------------------------------------

    def _toward_zero(self) -> VGroup:
        """−ln p for ever smaller p, as a two-row table."""
        theme, step = self.theme, self.toward_zero
        size = _SMALL + 2
        # p with four decimals: 0.0001, not 1e−04.
        # (That it goes on without bound is the beat's takeaway line.)
        header = [Num(p, theme, color=theme.output, font_size=size, digits=4) for p in step.inputs["p"]]
        cells = [self._num(v, theme.loss, size) for v in step.output]
        grid = self._grid(header, [(self.text("−ln p", size=size, color=theme.muted), cells)])
        p_label = self.text("p", size=size, color=theme.text)
        p_label.move_to(grid[0]).align_to(grid[1], RIGHT)
        grid.add(p_label)
        return grid

    def beat_curve(self) -> None:
        theme, curve, table = self.theme, self.curve_step, self.table_step
        ps, losses = curve.inputs["p"], curve.output
        top, bottom = self._body()
        # The axis reaches the curve's and the table's highest loss (a scale, not a shown result).
        high = float(np.ceil(max(np.max(losses), np.max(table.output))))
        plot = CurvePlot(
            theme, x_range=(0.0, 1.0), y_range=(0.0, high), width=5.2, height=top - bottom - 1.0,
            x_label="p", y_label="−ln p",
        )
        plot.add_curve(ps, losses, color=theme.loss)
        dots = VGroup(*(plot.dot(p, v, color=theme.output) for p, v in zip(table.inputs["p"], table.output)))
        plot.add(dots)
        plot.move_to(np.array([-7.11 + _EDGE + 0.1 + plot.width / 2, bottom + 0.05 + plot.height / 2, 0]))
        zero = self._toward_zero()
        right = 7.11 - _EDGE - 0.05
        left = self.log_table.get_left()[0]
        self.fit(zero, width=right - left, height=self.log_table.get_bottom()[1] - 0.45 - bottom)
        zero.next_to(self.log_table, DOWN, buff=0.45).align_to(np.array([left, 0, 0]), LEFT)
        tracker = ValueTracker(len(ps) - 1)
        size = _SMALL
        # The labels never change: typeset once, copied into each readout.
        labels = (self.text("p =", size=size), self.text("−ln p =", size=size))
        corner = plot.point(1.0, high)

        def readout(i: int) -> VGroup:
            dot = plot.dot(ps[i], losses[i], color=theme.text, radius=0.12)
            text = VGroup(
                self._line(labels[0].copy(), self._num(ps[i], theme.output, size), size=size),
                self._line(labels[1].copy(), self._num(losses[i], theme.loss, size), size=size),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            # Inside the axes' empty upper right, where −ln p is small.
            text.move_to(corner + np.array([-text.width / 2 - 0.1, -text.height / 2, 0]))
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

        self.play(FadeIn(plot.axes), FadeIn(plot.tick_labels), FadeIn(plot.x_label), FadeIn(plot.y_label), run_time=0.6)
        self.play(Create(plot.curves), run_time=1.2)
        self.play(FadeIn(dots), run_time=0.5)
        moving = readout(shown["i"]).add_updater(follow)
        self.add(moving)
        self.play(tracker.animate.set_value(0), run_time=2.5)
        # Freeze the readout at the last sample (a dry run may skip the final redraw).
        self.remove(moving)
        self.add(readout(sample()))
        self.play(FadeIn(zero, shift=0.2 * DOWN), run_time=1.0)
        self._takeaway("−ln p grows without bound as p → 0: a confident wrong answer costs the most")
