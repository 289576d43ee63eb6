"""A Neural Network Playground: the notes' TensorFlow Playground run, before and after training.

The playground's screen, recreated from nnmath's run of the link (``[playground] link``): the
configuration and the data; the network with every input feature and hidden neuron drawn as a
small heatmap of its output, links whose width and colour follow their weight, each neuron's bias;
the output heatmap with the training points over it; the training and test loss with the loss
chart; the epoch counter. It trains through 60 recorded epochs, then shows what each hidden neuron
learned. Every heatmap cell, weight, bias and loss is nnmath's (``nnmath.playground``).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, Animation, Circle, FadeIn, Group, Mobject, Line, Rectangle, Square, SurroundingRectangle, Text, VGroup, VMobject, Write, config

from course.lecture1.playground import LOSS_DIGITS
from nnmath.display import format_number
from nnmath.playground.link import FEATURE_LABELS
from nnmath.playground.network import GRID_DOMAIN, reduce_grid
from nnmath.playground.run import PlaygroundRun, Snapshot
from scenes.base import SAFE_MARGIN, Beat, LectureScene
from scenes.mobjects import Num
from scenes.theme import Scale

__all__ = ["Playground", "Heatmap", "LOSS_DIGITS", "FEATURE_LABELS", "TRAINING_SECONDS"]

TRAINING_SECONDS = 8.0
OUTPUT_LEVELS = Scale.STEPS  # the big output map gets the scale's finest steps, the small ones half
NUMBER_EVERY = 3  # while training, the losses and the epoch are rewritten every third epoch shown  # the recorded epochs, sped up into this long
_OUTPUT_CENTER = np.array([4.6, 0.35, 0.0])
_OUTPUT_SIDE = 3.1
_NETWORK_LEFT, _NETWORK_RIGHT = -5.4, 1.75  # the feature column's and the last hidden layer's x
_NETWORK_Y = 0.1
_NETWORK_HEIGHT = 4.7


class Heatmap(VGroup):
    """A grid of values (row 0 at the top) coloured as the playground colours it; ``values`` keeps
    the grid nnmath computed.

    Drawn as vectors, not as an image (vector stills and decks stay sharp, and manim's images do
    not draw with this Pillow): the values are rounded to steps of 1/``LEVELS`` and each step is
    one shape made of the rectangles its cells merge into, so a 100×100 map is a few dozen shapes,
    not 10 000.
    """

    LEVELS = 10

    def __init__(self, values: np.ndarray, theme, side: float, levels_per_unit: int | None = None) -> None:
        super().__init__()
        self.values = np.asarray(values)
        rows, cols = self.values.shape
        steps = levels_per_unit or self.LEVELS
        levels = np.clip(np.round(self.values * steps), -steps, steps).astype(int)
        r0, r1, c0, c1, level = _merged_runs(levels)
        # A hair of overlap hides the seams anti-aliasing would draw between neighbouring shapes.
        pad = 0.004 * side
        cell_w, cell_h = side / cols, side / rows
        corners = np.stack([c0 * cell_w - pad, -(r1 * cell_h) - pad, c1 * cell_w + pad, -(r0 * cell_h) + pad], axis=1)
        for value in np.unique(level):
            shape = VMobject(fill_color=theme.scale.color(value / steps), fill_opacity=1.0, stroke_width=0)
            shape.set_points(_rectangle_points(corners[level == value]))
            self.add(shape)
        self.move_to(ORIGIN)  # every cell is in one of the shapes: they span the whole square


def _merged_runs(levels: np.ndarray) -> tuple[np.ndarray, ...]:
    """The grid as rectangles of one level each: runs along each row, merged down the rows while
    the same run repeats. Returns ``row0, row1, col0, col1, level`` (ends exclusive)."""
    rows, cols = levels.shape
    starts = np.ones_like(levels, dtype=bool)
    starts[:, 1:] = levels[:, 1:] != levels[:, :-1]
    r, c0 = np.nonzero(starts)
    ends = np.ones_like(levels, dtype=bool)
    ends[:, :-1] = levels[:, :-1] != levels[:, 1:]
    c1 = np.nonzero(ends)[1] + 1
    level = levels[r, c0]
    # A run continues the one above when the same (level, c0, c1) ran in the row just above.
    order = np.lexsort((r, c1, c0, level))
    r, c0, c1, level = r[order], c0[order], c1[order], level[order]
    same = np.zeros(len(r), dtype=bool)
    same[1:] = (level[1:] == level[:-1]) & (c0[1:] == c0[:-1]) & (c1[1:] == c1[:-1]) & (r[1:] == r[:-1] + 1)
    first = np.flatnonzero(~same)
    last = np.append(first[1:], len(r)) - 1
    return r[first], r[last] + 1, c0[first], c1[first], level[first]


def _rectangle_points(corners: np.ndarray) -> np.ndarray:
    """manim's cubic Bézier points for closed rectangles ``[x0, y0, x1, y1]``, one subpath each."""
    x0, y0, x1, y1 = corners.T
    path = np.stack([np.stack([x0, y1], 1), np.stack([x1, y1], 1), np.stack([x1, y0], 1), np.stack([x0, y0], 1), np.stack([x0, y1], 1)], axis=1)
    a, b = path[:, :-1], path[:, 1:]
    t = np.array([0, 1 / 3, 2 / 3, 1])[None, None, :, None]
    curves = a[:, :, None, :] + (b - a)[:, :, None, :] * t  # (rects, 4 sides, 4 control points, 2)
    points = curves.reshape(-1, 2)
    return np.concatenate([points, np.zeros((len(points), 1))], axis=1)


class PointCloud(VGroup):
    """Data points over a square of ``side`` showing [−6, 6]², coloured by label; one shape per
    colour (each point a subpath), so hundreds of points draw as a few shapes. ``rows`` keeps the
    points drawn (``[x, y, label]``)."""

    def __init__(self, rows: np.ndarray, theme, center: np.ndarray, side: float, *, edge: str) -> None:
        super().__init__()
        low, high = GRID_DOMAIN
        keep = (rows[:, 0] >= low) & (rows[:, 0] <= high) & (rows[:, 1] >= low) & (rows[:, 1] <= high)
        self.rows = rows[keep]
        scale = side / (high - low)
        radius = max(0.022, min(0.045, side * 0.012))
        template = Circle(radius=radius).points
        # Regression labels are any number in [−1, 1]: in the scale's colour steps, the points fall
        # into a few dozen shapes rather than one each.
        colors = np.array([theme.scale.color(label) for label in self.rows[:, 2]])
        centers = np.column_stack([(self.rows[:, 0] - (low + high) / 2) * scale, (self.rows[:, 1] - (low + high) / 2) * scale, np.zeros(len(self.rows))]) + center
        for color in dict.fromkeys(colors):
            at = centers[colors == color]
            shape = VMobject(fill_color=color, fill_opacity=1.0, stroke_color=edge, stroke_width=0.6)
            shape.set_points((template[None, :, :] + at[:, None, :]).reshape(-1, 3))
            self.add(shape)


_ON_BASELINE = set("abcdefhiklmnorstuvwxzABCDEFGHIKLMNOPRSTUVWXYZ0123456789%")


def baseline_y(text: Text) -> float:
    """The y of the line ``text`` sits on: the bottom of its first letter that sits on it.

    A Text's box includes descenders (the g of "Training"), so aligning boxes puts texts at
    different heights.
    """
    glyphs = [c for c in getattr(text, "original_text", text.text) if not c.isspace()]
    for char, glyph in zip(glyphs, text.submobjects):
        if char in _ON_BASELINE:
            return glyph.get_bottom()[1]
    return text.get_bottom()[1]


def on_baseline(mobject: Text, reference: Text) -> Text:
    """Move ``mobject`` up or down so that it sits on ``reference``'s baseline."""
    return mobject.shift((baseline_y(reference) - baseline_y(mobject)) * UP)


class Fade(Animation):
    """Fade a group in or out by scaling its opacities in place.

    manim's FadeIn and FadeOut deep-copy what they fade, which for a screenful of text and
    heatmaps costs more than the rest of the scene; this changes only the alpha of each shape.
    """

    def __init__(self, mobject: Mobject, *, fade_in: bool, **kwargs) -> None:
        super().__init__(mobject, introducer=fade_in, remover=not fade_in, **kwargs)
        self.fade_in = fade_in

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # nothing to interpolate from: the alphas are kept in begin()

    def begin(self) -> None:
        self.alphas = [
            (m, m.fill_rgbas[:, 3].copy(), m.stroke_rgbas[:, 3].copy())
            for m in self.mobject.get_family()
            if isinstance(m, VMobject) and len(m.fill_rgbas) and len(m.stroke_rgbas)
        ]
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        scale = alpha if self.fade_in else 1 - alpha
        for m, fill, stroke in self.alphas:
            m.fill_rgbas[:, 3] = fill * scale
            m.stroke_rgbas[:, 3] = stroke * scale

    def clean_up_from_scene(self, scene) -> None:
        super().clean_up_from_scene(scene)
        self.interpolate_mobject(1.0)
        if not self.fade_in:  # leave it as it was, should it come back
            for m, fill, stroke in self.alphas:
                m.fill_rgbas[:, 3] = fill
                m.stroke_rgbas[:, 3] = stroke


class Playground(LectureScene):
    """Configuration and data; the untrained network; training; the trained network; its neurons."""

    slug = "playground"

    def beats(self) -> list[Beat]:
        e = self.explanation
        self.run: PlaygroundRun = e.objects["run"]
        self.recorded: tuple[int, ...] = e.objects["recorded"]
        self.configuration: dict[str, str] = e.objects["configuration"]
        self.config = e.objects["config"]
        #: What the network shows at the end of each beat: the epoch, and the values drawn.
        self.shown: dict[str, dict[str, object]] = {}
        self._nums: dict[tuple, Num] = {}
        self._layout()
        return self.scripted_beats()  # the captions are the content module's script

    # --- where things go ----------------------------------------------------------------------

    def _layout(self) -> None:
        """Node positions: the shown features, then each hidden layer, evenly spaced; the output
        is the big heatmap at the right."""
        features = self.config.shown_features
        columns = [list(features), *[list(ids) for ids in self.run.node_ids[1:-1]]]
        tallest = max(len(c) for c in columns)
        self.node_side = min(0.62, _NETWORK_HEIGHT / (tallest * 1.35))
        gap = self.node_side * 0.35
        xs = np.linspace(_NETWORK_LEFT, _NETWORK_RIGHT, len(columns)) if len(columns) > 1 else [_NETWORK_LEFT]
        self.position: dict[str, np.ndarray] = {}
        for x, column in zip(xs, columns):
            height = len(column) * self.node_side + (len(column) - 1) * gap
            for k, node in enumerate(column):
                y = _NETWORK_Y + height / 2 - self.node_side / 2 - k * (self.node_side + gap)
                self.position[node] = np.array([x, y, 0.0])

    # --- pieces -------------------------------------------------------------------------------

    def _points(self, rows: np.ndarray, center: np.ndarray, side: float, *, test: bool = False) -> PointCloud:
        # The playground rings training points in white and test points in black: here the light
        # and the dark of the theme's text and background.
        theme = self.theme
        light, dark = (theme.text, theme.background) if theme.name == "dark" else (theme.background, theme.text)
        return PointCloud(rows, theme, center, side, edge=dark if test else light)

    def _num(self, value: float, **style) -> Num:
        """A :class:`Num`, typeset once per text and style and copied after (losses repeat)."""
        key = (format_number(value, style.get("digits", 4)), tuple(sorted(style.items())))
        if key not in self._nums:
            self._nums[key] = Num(value, self.theme, **style)
        return self._nums[key].copy()

    def _ticks(self) -> VGroup:
        """−6, 0 and 6 under the output heatmap and beside it, as the playground's axes."""
        low, high = GRID_DOMAIN
        size = self.theme.small_size
        out = VGroup()
        half = _OUTPUT_SIDE / 2
        for value in (low, (low + high) / 2, high):
            offset = (value - (low + high) / 2) / (high - low) * _OUTPUT_SIDE
            out.add(Num(value, self.theme, font_size=size, color=self.theme.muted).move_to(_OUTPUT_CENTER + np.array([offset, -half - 0.17, 0])))
            out.add(Num(value, self.theme, font_size=size, color=self.theme.muted).next_to(_OUTPUT_CENTER + np.array([half, offset, 0]), RIGHT, buff=0.08))
        return out

    def _link(self, start: np.ndarray, end: np.ndarray, weight: float) -> Line:
        # playground.ts: linkWidthScale = d3 linear [0, 5] → [1, 10] px, clamped.
        width = 1 + 9 * min(abs(weight), 5) / 5
        line = Line(start, end, stroke_width=width * 0.9, color=self.theme.scale.color(weight))
        line.weight = float(weight)
        return line

    def _state(self, snap: Snapshot, numbers: bool = True) -> Group:
        """Everything that changes with the epoch: heatmaps, links, biases, output, losses, chart."""
        theme, run = self.theme, self.run
        s = self.node_side
        maps: dict[str, np.ndarray] = {}
        group = Group()
        links = VGroup()
        output_left = _OUTPUT_CENTER + np.array([-_OUTPUT_SIDE / 2, 0, 0])
        for layer, (w, b) in enumerate(zip(snap.weights, snap.biases), start=1):
            for k, node in enumerate(run.node_ids[layer]):
                end = output_left if layer == len(snap.weights) else self.position[node] + np.array([-s / 2, 0, 0])
                for j, source in enumerate(run.node_ids[layer - 1]):
                    links.add(self._link(self.position[source] + np.array([s / 2, 0, 0]), end, w[k, j]))
        group.add(links)
        images = []
        biases = VGroup()
        for layer, ids in enumerate(run.node_ids[1:-1], start=1):
            for k, node in enumerate(ids):
                maps[node] = reduce_grid(snap.grids[node])
                images.append(Heatmap(maps[node], theme, s).move_to(self.position[node]))
                bias = float(snap.biases[layer - 1][k])
                square = Square(side_length=s * 0.22, fill_color=theme.scale.color(bias), fill_opacity=1, stroke_color=theme.muted, stroke_width=0.8)
                square.bias = bias
                biases.add(square.move_to(self.position[node] + np.array([-s / 2 - s * 0.05, -s / 2 + s * 0.11, 0])))
        maps[run.output_id] = np.asarray(snap.grids[run.output_id])
        images.append(Heatmap(maps[run.output_id], theme, _OUTPUT_SIDE, OUTPUT_LEVELS).move_to(_OUTPUT_CENTER))
        output_bias = float(snap.biases[-1][0])
        square = Square(side_length=0.16, fill_color=theme.scale.color(output_bias), fill_opacity=1, stroke_color=theme.muted, stroke_width=0.8)
        square.bias = output_bias
        biases.add(square.move_to(output_left + np.array([-0.12, -_OUTPUT_SIDE / 2 + 0.1, 0])))
        group.add(*images, biases)
        # Typesetting a number costs more than the rest of a state: while training, the losses and
        # the counter are set anew only every few epochs shown (and always at the last one).
        if numbers:
            self.numbers_now = Group(self._losses(snap.epoch), self._epoch(snap.epoch))
        group.add(self.numbers_now)
        self.maps_now, self.links_now, self.biases_now = maps, links, biases
        return group

    def _loss_labels(self) -> VGroup:
        """"Test loss" and "Training loss" under the output, as the playground writes them."""
        theme = self.theme
        top = _OUTPUT_CENTER[1] - _OUTPUT_SIDE / 2 - 0.55
        x0 = _OUTPUT_CENTER[0] - _OUTPUT_SIDE / 2
        labels = VGroup()
        for k, (name, color) in enumerate((("Test loss", theme.text), ("Training loss", theme.muted))):
            labels.add(self.text(name, size=theme.small_size, color=color).move_to([x0, top - 0.32 * k, 0], aligned_edge=LEFT))
        return labels

    def _losses(self, epoch: int) -> VGroup:
        theme = self.theme
        values = VGroup()
        for label, losses in zip(self.loss_labels, (self.run.test_loss, self.run.train_loss)):
            value = self._num(losses[epoch], digits=LOSS_DIGITS, font_size=theme.small_size, color=label.get_color())
            # On the label's baseline: the bottom of its capital first letter.
            values.add(on_baseline(value.next_to(label, RIGHT, buff=0.2), label))
        values.add(self._chart(epoch, self.loss_labels.get_bottom()[1] - 0.2))
        return values

    def _chart(self, epoch: int, top: float) -> VGroup:
        """The loss chart: training (muted) and test (text colour) loss from epoch 0 to ``epoch``."""
        theme = self.theme
        width, height = _OUTPUT_SIDE, 0.75
        left = _OUTPUT_CENTER[0] - width / 2
        frame = Rectangle(width=width, height=height, stroke_color=theme.muted, stroke_width=1).move_to([left + width / 2, top - height / 2, 0])
        chart = VGroup(frame)
        if epoch < 1:
            return chart
        step = max(1, epoch // 300)  # at most ~300 points a line: a drawing choice, not a number shown
        epochs = np.arange(0, epoch + 1, step)
        if epochs[-1] != epoch:
            epochs = np.append(epochs, epoch)
        highest = max(float(np.max(self.run.train_loss[: epoch + 1])), float(np.max(self.run.test_loss[: epoch + 1])), 1e-12)
        for losses, color in ((self.run.train_loss, theme.muted), (self.run.test_loss, theme.text)):
            points = [np.array([left + width * e / epoch, top - height + height * losses[e] / highest, 0.0]) for e in epochs]
            line = VMobject(stroke_color=color, stroke_width=2).set_points_as_corners(points)
            chart.add(line)
        return chart

    def _epoch_label(self) -> Text:
        return self.text("Epoch", size=self.theme.label_size, color=self.theme.muted).to_corner(UP + RIGHT, buff=0.45).shift(1.1 * LEFT)

    def _epoch(self, epoch: int) -> Num:
        value = self._num(epoch, font_size=self.theme.label_size + 4)
        return on_baseline(value.next_to(self.epoch_label, RIGHT, buff=0.2), self.epoch_label)

    def _frame(self) -> Group:
        """What stays put from epoch to epoch: feature heatmaps and labels, the output's ticks, the
        layer headings and the configuration line."""
        theme, s = self.theme, self.node_side
        frame = Group()
        grids = self.run.final.grids
        for feature in self.config.shown_features:
            on = feature in self.config.features
            image = Heatmap(reduce_grid(grids[feature]), theme, s).move_to(self.position[feature])
            image.set_opacity(1.0 if on else 0.25)
            label = self.text(FEATURE_LABELS[feature], size=theme.small_size, color=theme.text if on else theme.muted)
            frame.add(image, label.next_to(image, LEFT, buff=0.12))
        heading_y = _NETWORK_Y + _NETWORK_HEIGHT / 2 + 0.3
        columns = [self.config.shown_features[0], *(ids[0] for ids in self.run.node_ids[1:-1])]
        spacing = (_NETWORK_RIGHT - _NETWORK_LEFT) / max(len(columns) - 1, 1)
        for name, first in zip(["Features", *(f"Layer {k}" for k in range(1, len(columns)))], columns):
            heading = self.text(name, size=theme.small_size, color=theme.muted)
            frame.add(self.fit(heading, width=0.85 * spacing).move_to([self.position[first][0], heading_y, 0]))
        frame.add(self.text("Output", size=theme.small_size, color=theme.muted).move_to(_OUTPUT_CENTER + np.array([0, _OUTPUT_SIDE / 2 + 0.25, 0])))
        frame.add(self._ticks(), self._config_line(), self.epoch_label, self.loss_labels)
        return frame

    def _config_line(self) -> VGroup:
        """The configuration in three lines at the bottom left, at the smallest size allowed: the
        data, the training, the start (the playground's top bar)."""
        c = self.configuration
        lines = (
            f"{c['problem']} · {c['data']} · noise {c['noise']} · {c['training data']} training data",
            f"{c['activation']} · learning rate {c['learning rate']} · batch size {c['batch size']} · regularization {c['regularization']}",
            f"seed {c['seed']} · {c['initial weights']} initial weights",
        )
        group = VGroup(*(self.text(t, size=self.theme.small_size, color=self.theme.muted) for t in lines)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        # Left of the loss chart; a longer configuration than the lecture's is shrunk to stay there.
        buff = SAFE_MARGIN + 0.05
        chart_left = _OUTPUT_CENTER[0] - _OUTPUT_SIDE / 2
        self.fit(group, width=chart_left - 0.3 - (buff - config.frame_width / 2), height=1.2)
        return group.to_corner(DOWN + LEFT, buff=buff)

    def _record(self, beat: str, epoch: int) -> None:
        self.shown[beat] = {
            "epoch": epoch,
            "maps": dict(self.maps_now),
            "links": [line.weight for line in self.links_now],
            "biases": [square.bias for square in self.biases_now],
        }

    # --- beats --------------------------------------------------------------------------------

    def beat_setup(self) -> None:
        theme = self.theme
        self.heading = self.title(self.explanation.title).to_edge(LEFT, buff=0.4)
        rows = VGroup()
        for name, value in self.configuration.items():
            key = self.text(name, size=theme.small_size + 2, color=theme.muted)
            shown = self.text(value, size=theme.small_size + 2)
            rows.add(VGroup(key, shown))
        pitch = 1.55 * max(row[0].height for row in rows)  # one line a row, whatever its letters
        for k, row in enumerate(rows):
            on_baseline(row[1].next_to(row[0], RIGHT, buff=0.25), row[0])
            row.shift((-k * pitch - baseline_y(row[0])) * UP)
            row.shift((rows[0].get_left()[0] - row[0].get_left()[0]) * RIGHT)
        for row in rows:  # the values in one column
            row[1].set_x(rows.get_left()[0] + max(r[0].width for r in rows) + 0.3 + row[1].width / 2)
        self.fit(rows, width=6.0, height=5.6)
        rows.move_to([-3.7, -0.35, 0])
        side = 2.7
        panels = VGroup()
        for k, (name, data, test) in enumerate((("training data", self.run.train, False), ("test data", self.run.test, True))):
            center = np.array([1.75 + k * (side + 0.55), -0.2, 0.0])
            backdrop = Square(side_length=side, fill_color=theme.scale.color(0.0), fill_opacity=1, stroke_color=theme.muted, stroke_width=1).move_to(center)
            points = self._points(data, center, side, test=test)
            count = Num(len(data), theme, font_size=theme.small_size + 2)
            label = self.text(name, size=theme.small_size + 2, color=theme.muted)
            caption = VGroup(count, on_baseline(label.next_to(count, RIGHT, buff=0.15), count)).next_to(backdrop, UP, buff=0.2)
            # Both captions on one baseline: the count's digits sit on it, "training" hangs below.
            caption.shift((backdrop.get_top()[1] + 0.2 - count.get_bottom()[1]) * UP)
            panels.add(VGroup(backdrop, points, caption))
        self.play(Write(self.heading), run_time=0.8)
        self.play(Fade(rows, fade_in=True), run_time=1.0)
        self.play(Fade(panels, fade_in=True), run_time=1.2)
        self.setup_group = VGroup(rows, panels)

    def beat_before(self) -> None:
        self.epoch_label, self.loss_labels = self._epoch_label(), self._loss_labels()
        self.frame = self._frame()
        self.state = self._state(self.run.snapshots[0])
        self.train_points = self._points(self.run.train, _OUTPUT_CENTER, _OUTPUT_SIDE)
        self.play(Fade(self.setup_group, fade_in=False), run_time=0.6)
        self.play(Fade(self.frame, fade_in=True), Fade(self.state, fade_in=True), run_time=1.2)
        self.play(Fade(self.train_points, fade_in=True), run_time=0.6)
        self._record("before", 0)

    def _show(self, epoch: int, numbers: bool) -> None:
        new = self._state(self.run.snapshots[epoch], numbers)
        self.remove(self.state)
        self.add(new)
        self.bring_to_front(self.train_points)
        self.state = new

    def beat_training(self) -> None:
        steps = [e for e in self.recorded if e > 0]
        pause = TRAINING_SECONDS / max(len(steps), 1)
        self.epochs_shown: list[int] = []
        for k, epoch in enumerate(steps):
            self._show(epoch, numbers=k % NUMBER_EVERY == 0 or epoch == steps[-1])
            self.epochs_shown.append(epoch)
            self.wait(pause)
        self._record("training", self.run.epochs)

    def beat_after(self) -> None:
        losses = self.numbers_now[0]
        box = SurroundingRectangle(VGroup(self.loss_labels, losses[0], losses[1]), color=self.theme.result, buff=0.08, stroke_width=3)
        self.play(FadeIn(box), run_time=0.6)
        self.leave_until_next_beat(box)
        self._record("after", self.run.epochs)

    def beat_neurons(self) -> None:
        theme, run = self.theme, self.run
        layers = [list(ids) for ids in run.node_ids[1:-1]]
        grids = run.final.grids
        tallest = max((len(ids) for ids in layers), default=1)
        side = min(1.7, 5.0 / (tallest * 1.2), 8.4 / max(len(layers), 1) / 1.3)
        group = Group()
        for k, ids in enumerate(layers):
            column = Group(*(Heatmap(grids[node], theme, side) for node in ids)).arrange(DOWN, buff=side * 0.2)
            heading = self.text(f"Layer {k + 1}", size=theme.small_size, color=theme.muted).next_to(column, UP, buff=0.15)
            group.add(Group(heading, column))
        output = Heatmap(grids[run.output_id], theme, 3.4, OUTPUT_LEVELS)
        heading = self.text("Output", size=theme.small_size, color=theme.muted).next_to(output, UP, buff=0.15)
        group.add(Group(heading, output))
        group.arrange(RIGHT, buff=0.7, aligned_edge=UP)
        self.fit(group, width=12.6, height=5.9)
        group.move_to([0, -0.3, 0])
        self.play(Fade(self.state, fade_in=False), Fade(self.frame, fade_in=False), Fade(self.train_points, fade_in=False), run_time=0.6)
        self.play(Fade(group, fade_in=True), run_time=1.2)
        self.neuron_maps = {}
        for ids, part in zip(layers, group):
            for node, image in zip(ids, part[1]):
                self.neuron_maps[node] = image.values
        self.neuron_maps[run.output_id] = output.values
