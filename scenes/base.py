"""The base of every lecture scene: values from nnmath, a theme, and beats.

A scene is a list of :class:`Beat` s. Each beat is a manim section with a short caption, written
to the video's ``.srt`` as a subcaption spanning the beat, so a beat is a still, a slide and a
subtitle. At the end of each beat the scene records what is on screen (:class:`BeatRecord`) —
the numbers shown, collected from the mobjects, and anything that lies outside the frame — and,
when its options name a stills folder, saves the beat's finished frame.

A scene is built with :class:`SceneOptions` (theme, values, stills), given to it by nnanim
(``Scene(options=…)``, see scenes/render.py). A scene given none — one rendered by plain ``manim``
— reads them from the environment when it is set up:

``NNANIM_THEME``   ``dark`` (default) or ``light``
``NNANIM_VALUES``  a TOML file of values replacing the lecture's
``NNANIM_STILLS_DIR``  a folder for one still per beat
``NNANIM_STILLS_FORMAT``  ``png`` (default), ``svg`` or ``pdf`` (vector)
``NNANIM_TRANSPARENT``  ``1`` leaves the background out of the stills
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, MarkupText, Mobject, Scene, SingleStringMathTex, Text, VGroup, VMobject, config

import course
import scenes.copying  # noqa: F401  (cheaper deep copies, for every scene)
import scenes.text_cache  # noqa: F401  (each text parsed once per process, for every scene)
from nnmath.lecture import Explanation
from scenes.mobjects import Num
from scenes.stills import STILL_FORMATS
from scenes.theme import Theme, theme_from_environment, theme_named

__all__ = [
    "Beat",
    "BeatRecord",
    "LectureScene",
    "SceneOptions",
    "VALUES_VARIABLE",
    "STILLS_VARIABLE",
    "STILLS_FORMAT_VARIABLE",
    "TRANSPARENT_VARIABLE",
    "numbers_on_screen",
    "Shown",
    "SAFE_MARGIN",
    "MIN_TEXT_PX",
    "REFERENCE_HEIGHT_PX",
    "text_px",
]

VALUES_VARIABLE = "NNANIM_VALUES"
STILLS_VARIABLE = "NNANIM_STILLS_DIR"
STILLS_FORMAT_VARIABLE = "NNANIM_STILLS_FORMAT"
TRANSPARENT_VARIABLE = "NNANIM_TRANSPARENT"
_FRAME_MARGIN = 0.05

#: Nothing may come closer than this to the frame's edge, in scene units (the frame is 14.2 × 8):
#: 0.35 units = 31.5 px at 720p, the buffer of the title and the caption line (docs/display-policy.md).
SAFE_MARGIN = 0.35
#: The smallest text allowed, as the height of a digit in pixels on a 720p frame.
MIN_TEXT_PX = 18.0
REFERENCE_HEIGHT_PX = 720
# The height of a digit per unit of font size, in scene units: DejaVu Sans (Text) measured with
# Text("0123456789", font_size=40).height / 40; Computer Modern (MathTex) likewise at 48.
_DIGIT_HEIGHT = {"text": 0.42031250 / 40, "tex": 0.33 / 48}


@dataclass(frozen=True)
class SceneOptions:
    """How one scene is built: its theme, the values file laid over the lecture's (``None``: the
    lecture's own), a folder for one still per beat (``None``: no stills), the stills' format, and
    whether they leave the background out.

    nnanim hands these to each scene it builds (:func:`scenes.render.render_scene`), so renders
    sharing a process never see each other's options; only a scene given none reads the
    environment (:meth:`from_environment`), which is how plain ``manim`` is told them.
    """

    theme: str = "dark"
    values: Path | None = None
    stills_dir: Path | None = None
    stills_format: str = "png"
    transparent: bool = False

    def __post_init__(self) -> None:
        # Normalised and checked here, so a wrong option is an error before any value is computed.
        object.__setattr__(self, "theme", theme_named(self.theme).name)
        object.__setattr__(self, "values", Path(self.values) if self.values else None)
        object.__setattr__(self, "stills_dir", Path(self.stills_dir) if self.stills_dir else None)
        fmt = self.stills_format.strip().lower() or "png"
        if self.stills_dir is not None and fmt not in STILL_FORMATS:
            raise ValueError(f"unknown still format {self.stills_format!r}; use one of {', '.join(STILL_FORMATS)}")
        object.__setattr__(self, "stills_format", fmt)
        object.__setattr__(self, "transparent", bool(self.transparent))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SceneOptions:
        """The options the ``NNANIM_*`` variables of ``environ`` (the process's environment by
        default) give, for a scene rendered by plain ``manim``."""
        environ = os.environ if environ is None else environ
        return cls(
            theme=theme_from_environment(environ=environ).name,
            values=environ.get(VALUES_VARIABLE) or None,
            stills_dir=environ.get(STILLS_VARIABLE) or None,
            stills_format=environ.get(STILLS_FORMAT_VARIABLE, "png"),
            transparent=environ.get(TRANSPARENT_VARIABLE, "").strip() not in ("", "0"),
        )


def text_px(mobject: Mobject) -> float | None:
    """The height of a digit of ``mobject``'s text in pixels on a 720p frame, ``None`` if not text.

    Computed from the font size the mobject is drawn at now (manim tracks it through scaling), so
    a "−" or "·" counts as the size of the digits beside it, not as its own few pixels.
    """
    kind = "tex" if isinstance(mobject, SingleStringMathTex) else "text" if isinstance(mobject, (Text, MarkupText)) else None
    if kind is None:
        return None
    if not getattr(mobject, "initial_height", 0) or mobject.height == 0:
        return 0.0  # an empty text: nothing drawn
    px_per_unit = REFERENCE_HEIGHT_PX / config.frame_height
    return float(mobject.font_size) * _DIGIT_HEIGHT[kind] * px_per_unit


@dataclass(frozen=True)
class Shown:
    """One visible thing at the end of a beat: a text as a whole, or a shape (a leaf with points).

    ``box`` is (left, bottom, right, top) in scene units; ``px`` the digit height of a text at 720p;
    ``colors`` its visible fill and stroke colours (lower-case hex); ``entries`` the drawn texts of a
    matrix's numbers (to check they share their decimals).
    """

    kind: str
    text: str
    box: tuple[float, float, float, float]
    px: float | None
    colors: tuple[str, ...]
    entries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Beat:
    """One beat of a scene: a section ``name``, its ``caption`` and the method that plays it."""

    name: str
    caption: str
    play: Callable[[], None]


@dataclass(frozen=True)
class BeatRecord:
    """What was on screen at the end of a beat."""

    index: int
    name: str
    caption: str
    numbers: tuple[str, ...]
    texts: tuple[str, ...]
    outside: tuple[str, ...]
    start: float
    end: float
    shown: tuple[Shown, ...] = ()


def _family(mobjects: list[Mobject]) -> Iterator[Mobject]:
    for mobject in mobjects:
        yield from mobject.get_family()


def _visible(mobject: Mobject) -> bool:
    opacity = max(
        float(np.max(mobject.get_fill_opacity())) if hasattr(mobject, "get_fill_opacity") else 1.0,
        float(np.max(mobject.get_stroke_opacity())) if hasattr(mobject, "get_stroke_opacity") else 1.0,
    )
    return opacity > 0.01


def _colors(mobject: Mobject, *, family: bool = True) -> tuple[str, ...]:
    found = set()
    for part in mobject.get_family() if family else [mobject]:
        if not isinstance(part, VMobject) or not part.has_points():
            continue
        if hasattr(part, "get_fill_opacity") and float(np.max(part.get_fill_opacity())) > 0.01:
            found.add(part.get_fill_color().to_hex().lower())
        if hasattr(part, "get_stroke_opacity") and float(np.max(part.get_stroke_opacity())) > 0.01 and float(np.max(part.get_stroke_width())) > 0.01:
            found.add(part.get_stroke_color().to_hex().lower())
    return tuple(sorted(found))


def _box(mobject: Mobject) -> tuple[float, float, float, float]:
    left, bottom = mobject.get_corner(np.array([-1, -1, 0]))[:2]
    right, top = mobject.get_corner(np.array([1, 1, 0]))[:2]
    return float(left), float(bottom), float(right), float(top)


def _shown(mobjects: list[Mobject]) -> tuple[Shown, ...]:
    """What is visible, texts as wholes (not their glyphs), for the layout rules of the tests."""
    from scenes.mobjects.matrix import MatrixMob

    out: list[Shown] = []
    seen: set[int] = set()

    def walk(mobject: Mobject) -> None:
        if id(mobject) in seen:
            return
        seen.add(id(mobject))
        if isinstance(mobject, MatrixMob):
            texts = tuple(getattr(n, "shown_text", n.number_text) for n in mobject.entries.values() if _visible(n))
            out.append(Shown("MatrixMob", "", _box(mobject), None, (), texts))
        px = text_px(mobject)
        if px is not None:
            if any(p.has_points() for p in mobject.get_family()):
                colors = _colors(mobject)
                if colors:
                    label = getattr(mobject, "original_text", None) or getattr(mobject, "tex_string", None) or getattr(mobject, "text", "")
                    out.append(Shown(type(mobject).__name__, str(label), _box(mobject), px, colors))
            return
        if isinstance(mobject, VMobject) and mobject.has_points() and _visible(mobject):
            colors = _colors(mobject, family=False)
            if colors:
                out.append(Shown(type(mobject).__name__, "", _box(mobject), None, colors))
        for sub in mobject.submobjects:
            walk(sub)

    for mobject in mobjects:
        walk(mobject)
    return tuple(out)


def _baseline(text: Mobject) -> float | None:
    """The y of a Text's baseline: the lowest bottom of its glyphs that sit on it (ASCII letters and
    digits without a descender), or ``None`` when it has none (or its glyphs are not one per
    character)."""
    chars = [c for c in str(getattr(text, "original_text", "")) if not c.isspace()]
    if not chars or len(chars) != len(text.submobjects):
        return None
    bottoms = [glyph.get_bottom()[1] for c, glyph in zip(chars, text.submobjects) if c.isascii() and c.isalnum() and c not in "gjpqyQ"]
    return min(bottoms) if bottoms else None


def numbers_on_screen(mobjects: list[Mobject]) -> list[Num]:
    """Every visible :class:`Num` among ``mobjects`` and their submobjects, in drawing order."""
    seen: set[int] = set()
    found = []
    for mobject in _family(mobjects):
        if isinstance(mobject, Num) and id(mobject) not in seen and _visible(mobject):
            seen.add(id(mobject))
            found.append(mobject)
    return found


class LectureScene(Scene):
    """A scene of the lecture: subclasses set ``slug`` and return their beats from :meth:`beats`."""

    slug: ClassVar[str]
    #: Seconds to hold the finished state of each beat.
    hold: ClassVar[float] = 1.0
    #: The beats to draw, ``(first, stop)`` as in ``range``: earlier beats are played without
    #: drawing (to reach the state the first one starts from), later ones not at all.
    beat_range: tuple[int, int | None] = (0, None)

    theme: Theme
    explanation: Explanation

    def __init__(self, *args, options: SceneOptions | None = None, **kwargs) -> None:
        #: The options the scene is built with; ``None`` until :meth:`setup` reads the environment.
        self.options = options
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        # Only a scene given no options (plain ``manim``) reads the environment; nnanim's own
        # renders pass theirs, so two renders in one process never share them.
        if self.options is None:
            self.options = SceneOptions.from_environment()
        options = self.options
        self.theme = theme_named(options.theme)
        self.explanation = course.explain(self.slug, course.load_values(options.values))
        self.camera.background_color = self.theme.background
        self.records: list[BeatRecord] = []
        self._stills_dir = options.stills_dir
        self._stills_format = options.stills_format
        self._transparent = options.transparent

    def beats(self) -> list[Beat]:
        """The scene's beats in order; by default its spec's script, played by :meth:`scripted_beats`."""
        return self.scripted_beats()

    def scripted_beats(self) -> list[Beat]:
        """The beats of the scene's spec's script, each played by the method ``beat_<name>``
        (dashes as underscores): the captions are the content module's, the drawing is the scene's.
        A beat of a numbered series, ``example-2``, is played by ``beat_example(1)`` (the index from
        0) when the scene has no ``beat_example_2``: one beat per example, however many the values give."""
        scripted = course.spec(self.slug).script
        script = scripted(self.explanation) if scripted is not None else None
        if script is None:
            raise NotImplementedError(f"{type(self).__name__} has no script in its spec: define beats()")
        return [Beat(line.name, line.caption, self._beat_method(line.name)) for line in script]

    def _beat_method(self, name: str) -> Callable[[], None]:
        method = getattr(self, "beat_" + name.replace("-", "_"), None)
        if method is not None:
            return method
        stem, _, number = name.rpartition("-")
        series = getattr(self, "beat_" + stem.replace("-", "_"), None) if number.isdigit() and stem else None
        if series is None:
            raise NotImplementedError(f"{type(self).__name__} has no method beat_{name.replace('-', '_')}")
        return lambda: series(int(number) - 1)

    def construct(self) -> None:
        self._leftovers: list[Mobject] = []
        first, stop = self.beat_range
        for index, beat in enumerate(self.beats()):
            if stop is not None and index >= stop:
                break
            # Beats before ``first`` are played without drawing a frame (manim skips their
            # section), so the first recorded beat starts from exactly the state it has in a
            # render of the whole scene (nnanim/parts.py renders a scene in parts this way).
            self.next_section(beat.name, skip_animations=index < first)
            start = self.time
            self._clear_leftovers()
            beat.play()
            self.wait(self.hold)
            self.add_subcaption(beat.caption, duration=self.time - start, offset=start - self.time)
            self._finish_beat(index, beat, start)

    # --- helpers for subclasses -------------------------------------------------------------

    @staticmethod
    def fit(mobject: Mobject, *, width: float = 12.6, height: float = 5.2) -> Mobject:
        """Shrink ``mobject`` (never enlarge it) to fit ``width`` × ``height`` scene units.

        The frame is about 14.2 × 8 units; the defaults leave room for a title and a line below.
        """
        factor = min(1.0, width / max(mobject.width, 1e-9), height / max(mobject.height, 1e-9))
        if factor < 1.0:
            mobject.scale(factor)
        return mobject

    def leave_until_next_beat(self, *mobjects: Mobject) -> None:
        """Keep ``mobjects`` in this beat's still; they fade out as the next beat starts."""
        self._leftovers.extend(mobjects)

    def _clear_leftovers(self) -> None:
        if self._leftovers:
            self.play(*(FadeOut(m) for m in self._leftovers), run_time=0.5)
            self._leftovers = []

    def text(self, content: str, *, size: float | None = None, color: str | None = None, **kwargs) -> Text:
        """Plain text in the theme's font and colour."""
        return Text(
            content,
            font=self.theme.font,
            font_size=size or self.theme.label_size,
            color=color or self.theme.text,
            **kwargs,
        )

    def title(self, content: str) -> Text:
        """The scene's title, at the top edge."""
        return self.text(content, size=self.theme.title_size).to_edge(UP, buff=0.35)

    def caption_bar(self, content: str) -> Text:
        """A one-line explanation at the bottom edge."""
        return self.text(content, size=self.theme.caption_size, color=self.theme.muted).to_edge(DOWN, buff=0.35)

    def show_takeaway(self, content: str) -> None:
        """The beat's takeaway in the caption bar, replacing the last beat's."""
        bar = self.caption_bar(content)
        old = getattr(self, "_takeaway_bar", None)
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(bar), run_time=0.5)
        self._takeaway_bar = bar

    def readout_line(self, *parts: tuple[object, str], size: float | None = None, digits: int = 3) -> VGroup:
        """One line of a readout: each part ``(text or number, colour)``, words as text and numbers
        as nnmath's :class:`Num` (so the tests see them), side by side."""
        size = size or self.theme.label_size
        line = VGroup(
            *(
                self.text(part, size=size, color=color)
                if isinstance(part, str)
                else Num(float(part), self.theme, color=color, digits=digits, font_size=size)
                for part, color in parts
            )
        ).arrange(RIGHT, buff=0.18)
        # on one baseline: centred, "after 8 steps:" sat the 8 lower than the words (p descends)
        baselines = [_baseline(part) for part in line]
        reference = next((b for b in baselines if b is not None), None)
        for part, baseline in zip(line, baselines):
            if reference is not None and baseline is not None:
                part.shift((reference - baseline) * UP)
        return line

    def show_readout(self, lines: list[VGroup], *, left: float, y: float = 0.4) -> None:
        """Lines stacked left-aligned with their left edge at ``left``, replacing the last readout."""
        readout = VGroup(*lines).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        readout.move_to([left, y, 0], aligned_edge=LEFT)
        old = getattr(self, "_readout_group", None)
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(readout), run_time=0.6)
        self._readout_group = readout

    # --- recording ----------------------------------------------------------------------------

    def _finish_beat(self, index: int, beat: Beat, start: float) -> None:
        numbers = tuple(n.number_text for n in numbers_on_screen(self.mobjects))
        texts = tuple(
            getattr(m, "original_text", m.text)
            for m in _family(self.mobjects)
            if isinstance(m, (Text, MarkupText)) and not isinstance(m, Num) and _visible(m)
        )
        self.records.append(
            BeatRecord(
                index, beat.name, beat.caption, numbers, texts, self._outside_frame(), start, self.time, _shown(self.mobjects)
            )
        )
        if self._stills_dir is not None:
            self._save_still(index, beat.name)

    def _outside_frame(self) -> tuple[str, ...]:
        half_w = config.frame_width / 2 + _FRAME_MARGIN
        half_h = config.frame_height / 2 + _FRAME_MARGIN
        outside = []
        for mobject in self.mobjects:
            if not mobject.get_family() or mobject.width == 0 and mobject.height == 0:
                continue
            left, bottom = mobject.get_corner(np.array([-1, -1, 0]))[:2]
            right, top = mobject.get_corner(np.array([1, 1, 0]))[:2]
            if left < -half_w or right > half_w or bottom < -half_h or top > half_h:
                outside.append(f"{type(mobject).__name__} at x∈[{left:.2f}, {right:.2f}], y∈[{bottom:.2f}, {top:.2f}]")
        return tuple(outside)

    def _save_still(self, index: int, name: str) -> None:
        from scenes.stills import write_still

        self._stills_dir.mkdir(parents=True, exist_ok=True)
        path = self._stills_dir / f"{self.slug}_{index + 1:02d}_{name}.{self._stills_format}"
        write_still(self, path, fmt=self._stills_format, transparent=self._transparent)
