"""One-hot encoding: each sample's class label becomes a row with a 1 in that class's column.

The classes head the columns (C₁ = rose, C₂ = daisy, C₃ = tulip), the samples the rows, each with
its features as the notes give them (s₁ = rose with [10, 5], s₂ = tulip with [20, 10]); the rows
are nnmath's ``one_hot(labels)`` (``nnanim explain one-hot``), where the labels are class indices.

A long class name is wrapped at a space onto two lines and the columns are spaced by the widest
name, so names never overlap. The heading stays at the top and one takeaway line at the bottom
of every beat, and nothing moves from one beat to the next.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, FadeOut, Indicate, LaggedStart, Text, VGroup, Write

from nnanim.doctor import check_glyphs
from nnmath.display import subscripted
from nnmath.trace import Step
from scenes.base import Beat, LectureScene
from scenes.mobjects import MatrixMob

__all__ = ["OneHot"]

_SIZE = 44
#: Names longer than this are wrapped at a space onto two lines.
_WRAP = 10
#: Distance kept from the frame's edge (more than the lecture's safe margin).
_EDGE = 0.5


def _on_baseline(text: Text, y: float) -> Text:
    """Move ``text`` so its letters sit on the line ``y`` (a word's centre depends on its letters)."""
    for glyph, char in zip(text, text.text):
        if char.isalpha() and char not in "gjpqyQ":
            return text.shift((y - glyph.get_bottom()[1]) * UP)
    return text.set_y(y)


def _wrapped(name: str) -> str:
    """``name`` on two lines, split at the space nearest its middle, when it is long and has one."""
    if len(name) <= _WRAP or " " not in name:
        return name
    spaces = [i for i, c in enumerate(name) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "\n" + name[cut + 1 :]


class OneHot(LectureScene):
    """Labels to vectors, built up as a table: classes, samples, then the ones and zeros."""

    slug = "one-hot"

    def beats(self) -> list[Beat]:
        self.step: Step = self.explanation.step("one_hot(labels)")
        self.features = np.atleast_2d(self.explanation.step("samples").inputs["features"])
        self.classes: tuple[str, ...] = tuple(self.explanation.objects["classes"])
        self.labels = np.atleast_1d(self.step.inputs["labels"])
        self.rows = np.atleast_2d(self.step.output)
        self.names = [self.classes[int(k)] for k in self.labels]
        # A name no installed font can draw would be boxes on screen: say which font to install.
        fonts = check_glyphs({"[one-hot] classes": " ".join(self.classes)})
        if not fonts.ok:
            raise ValueError(f"{fonts.detail}; {fonts.fix}")
        return self.scripted_beats()  # the captions are the content module's script

    # --- layout -------------------------------------------------------------------------------

    def _takeaway(self, text: str) -> None:
        """The beat's one line for a slide, at the same place in every beat; it replaces the last."""
        line = self.text(text, size=self.theme.label_size, color=self.theme.text)
        self.fit(line, width=13.2, height=0.6)
        line.move_to(np.array([0, -4 + _EDGE + line.height / 2, 0]))
        old = getattr(self, "takeaway", None)
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(line), run_time=0.5)
        self.takeaway = line

    def _layout(self) -> None:
        theme = self.theme
        names = [
            self.text(_wrapped(self.classes[j]), size=theme.label_size + 6, color=theme.class_color(j)) for j in range(len(self.classes))
        ]
        # Columns as far apart as the widest name needs, so that names never overlap.
        widest = max(name.width for name in names)
        self.matrix = MatrixMob(
            self.rows, theme, color=theme.muted, font_size=_SIZE, h_gap=max(1.2, widest + 0.45 - 0.3), v_gap=0.5
        )
        for (i, j), num in self.matrix.entries.items():
            if self.rows[i, j] == 1:
                num.set_color(theme.truth)
        # A matrix of more than six rows or columns is elided: label only what is drawn.
        shown_rows = sorted({i for i, _ in self.matrix.entries})
        shown_columns = sorted({j for _, j in self.matrix.entries})
        self.headers = VGroup()
        top = self.matrix.brackets.get_top()[1]
        for j in shown_columns:
            x = self.matrix.column(j).get_x()
            name = names[j]
            index = self.text(subscripted("C", j + 1), size=theme.label_size, color=theme.muted)
            if "\n" in name.text or len(name) != len(self.classes[j].replace(" ", "")):
                name.move_to(np.array([x, top + 0.25 + name.height / 2, 0]))
            else:
                _on_baseline(name, top + 0.4).set_x(x)
            index.next_to(name, UP, buff=0.2).set_x(x)
            self.headers.add(VGroup(index, name))
        # The indices on one line, whatever letters the names under them have.
        index_y = max(group[0].get_y() for group in self.headers)
        for group in self.headers:
            group[0].set_y(index_y)
        # Each sample: its name, its features (the notes' x₁, x₂: length and width) and its label;
        # the arrow goes from the label, which is what becomes the row.
        self.samples = VGroup()
        self.feature_rows = VGroup()
        self.label_names = VGroup()
        for i in shown_rows:
            y = self.matrix.row(i).get_y()
            self.samples.add(self.text(f"{subscripted('s', i + 1)}:", size=_SIZE - 4).set_y(y))
            self.feature_rows.add(
                MatrixMob(self.features[i], theme, color=theme.input, show_shape=False, font_size=_SIZE - 8, h_gap=0.35).set_y(y)
            )
            self.label_names.add(self.text(self.names[i], size=_SIZE - 4, color=theme.class_color(int(self.labels[i]))).set_y(y))
        label_right = self.matrix.brackets.get_left()[0] - 1.2
        for label, features, sample in zip(self.label_names, self.feature_rows, self.samples):
            label.align_to(np.array([label_right, 0, 0]), RIGHT)
        label_left = min(label.get_left()[0] for label in self.label_names)
        features_left = label_left - 0.45 - max(f.width for f in self.feature_rows)
        for features in self.feature_rows:
            features.align_to(np.array([features_left, 0, 0]), LEFT)
        for sample in self.samples:
            sample.align_to(np.array([features_left - 0.3, 0, 0]), RIGHT)
        for label, sample in zip(self.label_names, self.samples):
            _on_baseline(label, sample[0].get_bottom()[1])
        self.features_header = VGroup(
            self.text("features", size=theme.label_size, color=theme.muted).set_x(self.feature_rows.get_x()),
            self.text("label", size=theme.label_size, color=theme.muted).set_x(self.label_names.get_x()),
        )
        for header in self.features_header:
            _on_baseline(header, top + 0.4)
        self.arrows = VGroup(
            *(
                Arrow(np.array([label_right, f.get_y(), 0]), np.array([self.matrix.brackets.get_left()[0], f.get_y(), 0]),
                      buff=0.2, color=theme.muted, stroke_width=4, max_tip_length_to_length_ratio=0.3)
                for f in self.feature_rows
            )
        )
        self.caption_note = self.text("one_hot(labels)", size=theme.label_size + 2, color=theme.text)
        self.caption_note.next_to(self.matrix.shape_label, DOWN, buff=0.2)
        self.indices = MatrixMob(
            self.labels, theme, color=theme.truth, name="labels", show_shape=False, font_size=_SIZE - 8
        )
        index_note = self.text("class indices: numpy counts from 0", size=theme.label_size - 2, color=theme.muted)
        self.index_line = VGroup(self.indices, index_note).arrange(RIGHT, buff=0.4)
        self.fit(self.index_line, width=12.8, height=0.75)
        # Above the takeaway line, which sits on the bottom margin.
        self.index_line.move_to(np.array([0, -4 + _EDGE + 0.6 + 0.3 + self.index_line.height / 2, 0]))
        # The table fills the space between the title and the labels line.
        top, bottom = self.heading.get_bottom()[1] - 0.4, self.index_line.get_top()[1] + 0.35
        board = VGroup(
            self.matrix, self.headers, self.features_header, self.samples, self.feature_rows, self.label_names, self.arrows,
            self.caption_note,
        )
        self.fit(board, width=13.0, height=top - bottom)
        board.move_to(np.array([0, (top + bottom) / 2, 0]))

    # --- beats --------------------------------------------------------------------------------

    def beat_classes(self) -> None:
        self.heading = self.title("One-hot encoding")
        self.heading.move_to(np.array([0, 4 - _EDGE - self.heading.height / 2, 0]))
        self._layout()
        self.play(Write(self.heading), run_time=0.8)
        self.play(LaggedStart(*(FadeIn(h, shift=0.2 * DOWN) for h in self.headers), lag_ratio=0.3), run_time=1.2)
        self._takeaway("Each class gets its own column")

    def beat_labels(self) -> None:
        self.play(FadeIn(self.features_header), run_time=0.4)
        self.play(
            LaggedStart(
                *(FadeIn(VGroup(s, f, n), shift=0.2 * RIGHT) for s, f, n in zip(self.samples, self.feature_rows, self.label_names)),
                lag_ratio=0.3,
            ),
            run_time=1.0,
        )
        self.play(FadeIn(self.index_line), run_time=0.8)
        self._takeaway("Each sample: its features (length, width) and the class it is")

    def beat_vectors(self) -> None:
        theme = self.theme
        self.play(FadeIn(self.arrows), run_time=0.5)
        for i in sorted({i for i, _ in self.matrix.entries}):
            self.play(FadeIn(self.matrix.row(i), shift=0.2 * LEFT), run_time=0.6)
        ones = [num for (i, j), num in self.matrix.entries.items() if self.rows[i, j] == 1]
        self.play(*(Indicate(num, color=theme.truth, scale_factor=1.4) for num in ones), run_time=0.8)
        self._takeaway("A 1 in the column of the sample's class, 0 everywhere else")

    def beat_matrix(self) -> None:
        shown = [self.matrix.brackets, self.matrix.shape_label, self.caption_note]
        self.play(*(FadeIn(m) for m in shown), run_time=0.8)
        self.play(Indicate(self.matrix.shape_label, color=self.theme.truth), run_time=0.7)
        self._takeaway("Stacked, the rows are the 'true' values the loss compares with")
