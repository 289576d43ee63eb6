"""The flower example end to end: (length, width) → Linear → ReLU → Linear → Softmax → a class.

The first sample walks through the network layer by layer, its values written into the neurons
and, below, one compact line per layer (the row of the product, the biases, the result) — the
products themselves belong to the matrix scenes. Then every sample's probabilities side by side
on one scale (the lecture's f₂ = 2·f₁ gives a sharper softmax), and the notes' variant with a
layer normalisation after the ReLU.
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
    RoundedRectangle,
    Text,
    Transform,
    VGroup,
)

from course.lecture1.forward_pass import (
    DIGITS,
    MAX_PANELS,
    Pass,
    doubled,
    numbers_text,
    sample_entry,
    sample_name,
    sample_row,
)
from nnmath.display import format_number, shared_decimals
from nnmath.lecture import shape_text
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import Bars, MatrixMob, Num, ShapeCheck
from scenes.mobjects.highlight import highlight_box
from scenes.mobjects.network import NetworkDiagram, NodeValues
from scenes.takeaway import headline

__all__ = ["ForwardPass", "DIGITS"]

_BAR_WIDTH, _BAR_GAP = 0.8, 0.4

#: Height of a probability of 1 in the bar panels.
_PANEL_BAR_HEIGHT = 2.2

#: The right edge of what the scene draws: the frame's half width (7.1) less the safe margin.
_RIGHT_EDGE = 6.7

#: The widest a line of working under the network may be (the frame less the safe margins).
_LINE_WIDTH = 12.8

class ForwardPass(LectureScene):
    """Two samples of two features through a two-layer network to three class probabilities."""

    slug = "forward-pass"

    def beats(self) -> list[Beat]:
        self.plain = Pass(self.explanation.sections[0])
        self.normed = Pass(self.explanation.sections[1])
        self.classes: tuple[str, ...] = tuple(self.explanation.objects["classes"])
        self.samples = self.plain.samples
        q = self.explanation.quantities
        self.predicted = [self.classes.index(q[f"predicted f{i + 1}"].value) for i in range(self.samples)]
        return self.scripted_beats()  # the captions are the content module's script

    # --- shared pieces ------------------------------------------------------------------------

    def _vector(
        self, values: np.ndarray, color: str, *, name: str | None = None, size: float | None = None, gap: float = 0.32
    ) -> MatrixMob:
        """A 1×n row of numbers without its shape, for the compact lines."""
        return MatrixMob(
            values,
            self.theme,
            color=color,
            name=name,
            show_shape=False,
            digits=DIGITS,
            font_size=size or self.theme.label_size + 2,
            h_gap=gap,
        )

    def _sign(self, symbol: str, size: float | None = None) -> Text:
        return self.text(symbol, size=size or self.theme.label_size + 2, color=self.theme.muted)

    def _line(self, *parts) -> VGroup:
        """Parts side by side, fitted to the width of the frame, on the line below the network.

        A line too wide to keep its size puts its first part (the words) above the numbers."""
        line = VGroup(*parts).arrange(RIGHT, buff=0.18)
        if line.width > _LINE_WIDTH and len(parts) > 2:
            line = VGroup(parts[0], VGroup(*parts[1:]).arrange(RIGHT, buff=0.18)).arrange(DOWN, buff=0.25)
        self.fit(line, width=_LINE_WIDTH, height=1.9)
        return line.move_to(self.line_y * UP + (line.height / 2 - 0.5) * DOWN)

    def _swap_line(self, line: VGroup, *, extra: Sequence = ()) -> None:
        """Replace the compact line under the network with ``line``."""
        old = [m for m in (getattr(self, "line", None), *extra) if m is not None]
        self.play(*(FadeOut(m) for m in old), FadeIn(line, shift=0.2 * UP), run_time=0.8)
        self.line = line

    def _fill(self, layer: int, values: np.ndarray, color: str, attribute: str) -> NodeValues:
        """Write one sample's ``values`` into the neurons of ``layer``, replacing what was there."""
        new = self.network.values(layer, values, color=color, digits=DIGITS, font_size=self.theme.label_size + 4)
        old = getattr(self, attribute, None)
        if old is None:
            self.play(FadeIn(new, scale=0.8), run_time=0.8)
        else:
            # Out, then in: a number morphing into another is two numbers overprinted mid-way.
            self.play(FadeOut(old, scale=0.8), run_time=0.35)
            self.play(FadeIn(new, scale=0.8), run_time=0.5)
        setattr(self, attribute, new)
        return new

    # --- the network --------------------------------------------------------------------------

    def _network_takeaway(self) -> str:
        n_in, n_hidden, n_out = self._sizes()
        return f"A forward pass: {n_in} features → {n_hidden} neurons → {n_out} classes"

    def _sizes(self) -> tuple[int, int, int]:
        p = self.plain
        return p.w1t.inputs["w1"].shape[1], p.w1t.inputs["w1"].shape[0], p.w2t.inputs["w2"].shape[0]

    def beat_network(self) -> None:
        theme = self.theme
        self.network = NetworkDiagram(
            self._sizes(),
            theme,
            headers=("input", "Linear → ReLU", "Linear → Softmax"),
            node_width=1.2,
            node_height=0.85,
            node_gap=0.55,
            layer_gap=1.75,
        )
        self.class_names = VGroup(
            *(
                self.text(name, size=theme.caption_size, color=theme.muted).next_to(self.network.node(2, i), RIGHT, buff=0.2)
                for i, name in enumerate(self.classes)
                if self.network.node(2, i) is not None
            )
        )
        self.shape_notes = self._shape_notes()
        diagram = VGroup(self.network, self.class_names, self.shape_notes)
        self.fit(diagram, width=8.2, height=4.6)
        diagram.to_edge(LEFT, buff=0.45).shift((2.85 - diagram.get_top()[1]) * UP)
        self.line_y = diagram.get_bottom()[1] - 0.9
        # The free space right of the diagram, for the shape checks and the bars.
        self.side_left = max(self.class_names.get_right()[0], self.network.get_right()[0]) + 0.6
        headline(self, self._network_takeaway())
        self.play(*(FadeIn(c, shift=0.2 * RIGHT) for c in self.network.columns), run_time=1.0)
        self.play(*(Create(e) for e in self.network.edges), FadeIn(self.network.headers), FadeIn(self.class_names), run_time=1.2)
        self.play(FadeIn(self.shape_notes), run_time=0.8)

    def _shape_notes(self) -> VGroup:
        """The shapes of X and of each layer's parameters, above the diagram."""
        theme, p = self.theme, self.plain
        size = theme.caption_size
        top = self.network.get_top()[1]

        def note(lines: list[tuple[str, str, str]], x: float) -> VGroup:
            group = VGroup()
            for name, shape, color in lines:
                group.add(
                    VGroup(
                        # Each name in its object's colour, as wherever else it is drawn.
                        self.text(name, size=size, color=color),
                        self.text(shape, size=size, color=theme.muted),
                    ).arrange(RIGHT, buff=0.12)
                )
            group.arrange(DOWN, buff=0.1)
            return group.move_to([x, top + 0.25 + group.height / 2, 0])

        columns = [c.get_x() for c in self.network.columns]
        x = p.dot1.inputs["X"]
        w1, b1 = p.w1t.inputs["w1"], p.z1.inputs["b1"]
        w2, b2 = p.w2t.inputs["w2"], p.z2.inputs["b2"]
        return VGroup(
            note([("X", shape_text(x), theme.left)], columns[0]),
            note([("w1", shape_text(w1), theme.right), ("b1", shape_text(b1), theme.bias)], (columns[0] + columns[1]) / 2),
            note([("w2", shape_text(w2), theme.right), ("b2", shape_text(b2), theme.bias)], (columns[1] + columns[2]) / 2),
        )

    # --- layer 1 and the ReLU -----------------------------------------------------------------

    def beat_layer_1(self) -> None:
        theme, p = self.theme, self.plain
        headline(self, "Layer 1: each neuron = its row of w1 · x + its bias")
        self._fill(0, sample_row(p.dot1.inputs["X"], 0), theme.left, "input_values")
        check, self.check = self._shape_check(p.dot1, p.w1t.inputs["w1"], "w1")
        line = self._line(
            self.text("z1 = x·w1ᵀ + b1 =", size=theme.label_size + 2),
            self._vector(sample_row(p.dot1.output, 0), theme.product),
            self._sign("+"),
            self._vector(p.z1.inputs["b1"], theme.bias),
            self._sign("="),
            self._vector(sample_row(p.z1.output, 0), theme.result),
        )
        self._swap_line(line)
        self.play(FadeIn(self.check), run_time=0.6)
        self.play(Indicate(check.left_inner, color=theme.result), Indicate(check.right_inner, color=theme.result), run_time=0.8)
        self._fill(1, sample_row(p.z1.output, 0), theme.result, "hidden_values")

    def _shape_check(self, product: Step, weights: np.ndarray, name: str) -> tuple[ShapeCheck, VGroup]:
        """The layer's weights (one row per neuron, so every number on the line below can be
        checked from the screen) over the product's shape rule for the whole batch, right of the
        diagram."""
        left, right = product.intermediates["left_view"].shape, product.intermediates["right_view"].shape
        check = ShapeCheck(left, right, (left[0], right[1]), self.theme)
        label = self.text("the whole batch", size=self.theme.caption_size, color=self.theme.muted)
        matrix = MatrixMob(
            weights, self.theme, color=self.theme.right, name=name, show_shape=False, digits=DIGITS, font_size=self.theme.label_size, h_gap=0.35
        )
        group = VGroup(matrix, label, check).arrange(DOWN, buff=0.3)
        self.fit(group, width=_RIGHT_EDGE - self.side_left, height=self.network.height)
        group.move_to([(self.side_left + _RIGHT_EDGE) / 2, self.network.layer_nodes(1).get_y(), 0])
        return check, group

    def _relu_takeaway(self, off: int) -> str:
        if off == 0:
            return "ReLU: no z1 is negative here, so nothing changes"
        return "ReLU: a neuron with a negative z1 outputs 0"

    def beat_relu(self) -> None:
        theme, p = self.theme, self.plain
        z, a = sample_row(p.relu.inputs["z1"], 0), sample_row(p.relu.output, 0)
        passed = sample_row(p.relu.intermediates["derivative"], 0)
        before = self._vector(z, theme.result)
        after = self._vector(a, theme.result)
        off = [i for i in range(len(z)) if passed[i] == 0]
        note = self.text(
            "negative entries become 0" if off else "no entry is negative: nothing changes",
            size=theme.caption_size,
            color=theme.wrong if off else theme.muted,
        )
        line = self._line(self.text("a1 = max(0, z1):", size=theme.label_size + 2), before, self._sign("→"), after)
        note.next_to(line, DOWN, buff=0.3)
        headline(self, self._relu_takeaway(len(off)))
        self._swap_line(VGroup(line, note), extra=[self.check])
        # The neurons ReLU switches off: their z and their box turn to the error colour.
        marks = VGroup(*(before.entry(0, i) for i in off), *(after.entry(0, i) for i in off))
        boxes = VGroup(*(self.network.node(1, i) for i in off if self.network.node(1, i) is not None))
        if off:
            self.play(marks.animate.set_color(theme.wrong), boxes.animate.set_stroke(theme.wrong), run_time=0.8)
        self._fill(1, a, theme.result, "hidden_values")
        if off:
            self.play(*(self.hidden_values.nums[i].animate.set_color(theme.wrong) for i in off if i in self.hidden_values.nums), run_time=0.4)
        else:
            self.play(Indicate(VGroup(before.grid, after.grid), color=theme.result, scale_factor=1.05), run_time=0.8)

    # --- layer 2 and the softmax --------------------------------------------------------------

    def beat_layer_2(self) -> None:
        theme, p = self.theme, self.plain
        headline(self, "Layer 2: one score per class = its row of w2 · a1 + bias")
        check, self.check = self._shape_check(p.dot2, p.w2t.inputs["w2"], "w2")
        line = self._line(
            self.text("z2 = a1·w2ᵀ + b2 =", size=theme.label_size + 2),
            self._vector(sample_row(p.dot2.output, 0), theme.product),
            self._sign("+"),
            self._vector(p.z2.inputs["b2"], theme.bias),
            self._sign("="),
            self._vector(sample_row(p.z2.output, 0), theme.product),
        )
        self._swap_line(line)
        self.play(FadeIn(self.check), run_time=0.6)
        self.play(Indicate(check.left_inner, color=theme.result), Indicate(check.right_inner, color=theme.result), run_time=0.8)
        self._fill(2, sample_row(p.z2.output, 0), theme.product, "output_values")

    def beat_softmax(self) -> None:
        theme, s = self.theme, self.plain.softmax
        headline(self, "Softmax: scores → probabilities that add up to 1")
        line = self._line(
            self.text("exp(z2 − max) =", size=theme.label_size + 2),
            self._vector(sample_row(s.intermediates["exp"], 0), theme.product),
            self._sign("÷"),
            self._num(sample_entry(s.intermediates["sum"], 0), theme.product),
            self._sign("="),
            self._vector(sample_row(s.output, 0), theme.result),
        )
        self._swap_line(line, extra=[self.check])
        self._fill(2, sample_row(s.output, 0), theme.result, "output_values")
        self.bars = self._bars(sample_row(s.output, 0), max_height=2.6)
        # Right of the diagram, the baseline level with the bottom of the neurons.
        left = self.side_left
        self.fit(self.bars, width=_RIGHT_EDGE - left, height=4.0)
        self.bars.move_to([(left + _RIGHT_EDGE) / 2, 0, 0])
        self.bars.shift((self.network.layer_nodes(1).get_bottom()[1] - self.bars.baseline.get_y()) * UP)
        self.play(FadeIn(self.bars.baseline), FadeIn(self.bars.names), run_time=0.5)
        self.play(*(FadeIn(b, shift=0.3 * UP) for b in self.bars.bars), FadeIn(self.bars.values), run_time=1.0)

    def _num(self, value: float, color: str, size: float | None = None) -> Num:
        return Num(value, self.theme, color=color, digits=DIGITS, font_size=size or self.theme.label_size + 2)

    def _bars(self, probabilities: np.ndarray, *, max_height: float = 2.4) -> Bars:
        # Probabilities share one scale, 1 at full height, so every chart compares with every other.
        bars = Bars(
            probabilities,
            self.theme,
            names=self.classes,
            scale_max=1.0,
            max_height=max_height,
            bar_width=_BAR_WIDTH,
            gap=_BAR_GAP,
            digits=DIGITS,
        )
        # A tiny probability is written in scientific notation, wider than its bar: shrink it (and
        # a long class name) so that neighbours never touch.
        room = _BAR_WIDTH + 0.8 * _BAR_GAP
        for labels, edge in ((bars.values, DOWN), (bars.names, UP)):
            for label in labels:
                if label.width > room:
                    label.scale(room / label.width, about_edge=edge)
        return bars

    def beat_predicted(self) -> None:
        k = self.predicted[0]
        box = self._predicted_box(self.bars, k)
        others = [b for i, b in enumerate(self.bars.bars) if i != k]
        node = self.network.node(2, k)
        label = self.text(f"prediction: {self.classes[k]}", size=self.theme.label_size, color=self.theme.result)
        label.next_to(box, UP, buff=0.3)
        headline(self, f"The prediction: the largest probability, {self.classes[k]}")
        self.play(FadeIn(label, shift=0.2 * DOWN), run_time=0.5)
        self.play(
            FadeIn(box),
            *(b.animate.set_fill(self.theme.muted, opacity=0.6) for b in others),
            self.bars.names[k].animate.set_color(self.theme.text),
            run_time=0.8,
        )
        if node is not None:
            self.play(node.animate.set_stroke(self.theme.result, width=5), run_time=0.8)

    def _predicted_box(self, bars: Bars, k: int) -> RoundedRectangle:
        """A highlight behind the predicted class's bar, value and name."""
        column = VGroup(bars.bars[k], bars.values[k], bars.names[k])
        return highlight_box(column, self.theme, pad_x=0.25, pad_y=0.25)

    # --- every sample on one scale ------------------------------------------------------------

    def _panel(self, probabilities: np.ndarray, z2: np.ndarray, heading: VGroup | Text, predicted: int | None) -> VGroup:
        """A heading, the probabilities as bars (1 at full height) and each class's logit under its name.

        The heading sits above the tallest bar possible, so panels side by side line up row by row.
        """
        theme = self.theme
        size = theme.caption_size
        bars = self._bars(probabilities, max_height=_PANEL_BAR_HEIGHT)
        below = min(name.get_bottom()[1] for name in bars.names) - 0.5
        logits = VGroup()
        # The logits are one vector: one number of decimals (−0.60 beside 0.44).
        decimals = shared_decimals(z2, DIGITS)
        for value, bar in zip(z2, bars.bars):
            logit = Num(value, theme, color=theme.product, digits=DIGITS, decimals=decimals, font_size=size)
            if logit.width > _BAR_WIDTH + 0.8 * _BAR_GAP:
                logit.scale((_BAR_WIDTH + 0.8 * _BAR_GAP) / logit.width)
            logits.add(logit.move_to([bar.get_x(), below, 0]))
        z_label = self.text("z2", size=size, color=theme.product).next_to(logits, LEFT, buff=0.3)
        heading.move_to(bars.baseline.get_center()).shift((_PANEL_BAR_HEIGHT + 0.7 + heading.height / 2) * UP)
        panel = VGroup(heading, bars, z_label, logits)
        if predicted is not None:
            self._mark_predicted(bars, predicted)
            panel.add_to_back(self._predicted_box(bars, predicted))
        panel.bars = bars
        return panel

    def _mark_predicted(self, bars: Bars, k: int) -> None:
        """Grey out the other bars and write the predicted class's name in the text colour."""
        for i, bar in enumerate(bars.bars):
            if i != k:
                bar.set_fill(self.theme.muted, opacity=0.6)
        bars.names[k].set_color(self.theme.text)

    def _side_by_side(self, panels: Sequence[VGroup], *, buff: float) -> VGroup:
        """Panels in a row, their bars on one baseline."""
        row = VGroup(*panels).arrange(RIGHT, buff=buff)
        for panel in panels[1:]:
            panel.shift((panels[0].bars.baseline.get_y() - panel.bars.baseline.get_y()) * UP)
        return row

    def beat_samples(self) -> None:
        p = self.plain
        panels = [
            self._panel(
                sample_row(p.softmax.output, i),
                sample_row(p.z2.output, i),
                self._vector(sample_row(p.dot1.inputs["X"], i), self.theme.left, name=sample_name(i), size=self.theme.label_size, gap=0.3),
                self.predicted[i],
            )
            for i in range(min(self.samples, MAX_PANELS))
        ]
        row = self._side_by_side(panels, buff=0.8)
        self._fill_frame(row, height=5.4).move_to(0.45 * DOWN)
        self.play(*self._clear(), run_time=0.6)
        headline(
            self,
            f"{sample_name(1)} = 2·{sample_name(0)}: larger scores, a sharper softmax"
            if doubled(self.plain) and self.predicted[1] == self.predicted[0]
            else "Every sample through the same network, on one scale",
        )
        self.play(*(FadeIn(panel, shift=0.3 * UP) for panel in panels), run_time=1.2)

    @staticmethod
    def _fill_frame(mobject: VGroup, *, width: float = 12.6, height: float = 5.6, most: float = 1.3) -> VGroup:
        """Scale ``mobject`` to fill ``width`` × ``height``, enlarging it at most ``most`` times."""
        mobject.scale(min(most, width / max(mobject.width, 1e-9), height / max(mobject.height, 1e-9)))
        return mobject

    def _clear(self) -> list[FadeOut]:
        """Fade-outs of everything but the heading, to change the layout."""
        return [FadeOut(m) for m in self.mobjects if m is not self.heading]

    # --- the layer-norm variant ---------------------------------------------------------------

    def beat_layer_norm(self) -> None:
        theme, n = self.theme, self.normed.norm
        size = theme.label_size + 4

        def named(label: str, value: float) -> VGroup:
            # Neither the words nor the digits hang below the line: align their bottoms.
            return VGroup(self.text(label, size=size), self._num(value, theme.product, size)).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)

        def equation(label: str, vector: MatrixMob) -> VGroup:
            return VGroup(self.text(label, size=size), vector).arrange(RIGHT, buff=0.2)

        a1 = equation(f"{sample_name(0)}:  a1 =", self._vector(sample_row(n.inputs["a1"], 0), theme.result, size=size))
        stats = VGroup(
            named("mean =", sample_entry(n.intermediates["mean"], 0)), named("variance =", sample_entry(n.intermediates["variance"], 0))
        ).arrange(RIGHT, buff=1.0)
        normalised = equation("(a1 − mean) / √(variance + ε) =", self._vector(sample_row(n.intermediates["normalised"], 0), theme.product, size=size))
        parameters = VGroup(
            self._vector(n.inputs["gamma"], theme.bias, name="γ", size=size), self._vector(n.inputs["beta"], theme.bias, name="β", size=size)
        ).arrange(RIGHT, buff=1.0)
        scaled = equation("layer_norm(a1) = γ · (…) + β =", self._vector(sample_row(n.output, 0), theme.result, size=size))
        lines = VGroup(a1, stats, normalised, parameters, scaled).arrange(DOWN, buff=0.42, aligned_edge=LEFT)
        self.fit(lines, width=12.6, height=5.4).move_to(0.4 * DOWN)
        self.play(*self._clear(), run_time=0.6)
        headline(self, "Layer norm: a1 shifted to mean 0, scaled to variance 1")
        for line in lines:
            self.play(FadeIn(line, shift=0.2 * DOWN), run_time=0.7)
        self.norm_lines = lines

    def beat_layer_norm_softmax(self) -> None:
        theme, plain, normed = self.theme, self.plain, self.normed
        q = self.explanation.quantities
        before, after = q["predicted f1"].value, q["predicted f1 with layer norm"].value
        k = self.classes.index(after)
        size = theme.label_size
        result = VGroup(
            self.text("layer_norm(a1) =", size=size),
            self._vector(sample_row(normed.norm.output, 0), theme.result, size=size),
        ).arrange(RIGHT, buff=0.2)
        without = self._panel(
            sample_row(plain.softmax.output, 0), sample_row(plain.z2.output, 0), self.text("without layer norm", size=size, color=theme.muted), self.predicted[0]
        )
        with_norm = self._panel(sample_row(normed.softmax.output, 0), sample_row(normed.z2.output, 0), self.text("with layer norm", size=size), None)
        panels = self._side_by_side([without, with_norm], buff=1.6)
        layout = VGroup(result, panels).arrange(DOWN, buff=0.5)
        self._fill_frame(layout, height=5.6).move_to(0.55 * DOWN)
        self.play(FadeOut(self.norm_lines), run_time=0.6)
        changed = before != after
        headline(
            self,
            f"With layer norm the prediction changes: {before} → {after}" if changed else f"With layer norm the prediction stays {before}",
        )
        self.play(FadeIn(result), FadeIn(without), run_time=0.8)
        self.play(FadeIn(with_norm, shift=0.3 * UP), run_time=1.0)
        # The new prediction marked as the old one is, and, if it differs, named in the result colour.
        bars = with_norm.bars
        box = self._predicted_box(bars, k)
        others = [b for i, b in enumerate(bars.bars) if i != k]
        self.play(FadeIn(box), *(b.animate.set_fill(theme.muted, opacity=0.6) for b in others), bars.names[k].animate.set_color(theme.text), run_time=0.8)
        if changed:
            self.play(Indicate(VGroup(bars.bars[k], bars.values[k], bars.names[k]), color=theme.result, scale_factor=1.1), run_time=0.9)
