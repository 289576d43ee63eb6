"""Colours, fonts and sizes of the course, in a dark and a light variant.

A scene picks its theme when it is built (``LectureScene.setup``), from the options it is given
(``SceneOptions.theme``) or, under plain ``manim``, the ``NNANIM_THEME`` environment variable —
never when a module is imported — so one process can render both variants. Light is for projectors and white slides.

**One colour per object for the whole course** (docs/display-policy.md): each object of the
lectures has a *role*, and a role has one colour per theme. Whatever a scene calls it — ``x`` in
the neuron, ``a`` in vector-matrix, ``X`` in the forward pass — the input is ``theme.input``; the
weights (``w``, ``W``, ``B``) are ``theme.weight``; and so on:

==============  ===============================================================================
role            objects
==============  ===============================================================================
``input``       inputs x, X, and the left operand ``a`` of the linear-algebra scenes
``weight``      weights w, W, w₁, and the matrix operand ``B``
``bias``        biases b
``product``     the element-wise products xᵢwᵢ of a dot product
``output``      outputs and results: z, a layer's output, ŷ, the predicted probabilities
``activation``  activation functions g, ReLU, softmax, and what they are applied to on a plot
``gradient``    derivatives, slopes and gradients (lecture 2)
``loss``        losses L, the MSE and cross-entropy values
``truth``       true labels and targets y
``erratum``     a value the notes got wrong
``rose`` …      the classes rose, daisy, tulip (``class_color(i)``)
``highlight``   a fill behind the entry being worked (not a text colour)
``scale``       a value in [−1, 1] as a colour (the playground's heatmaps, links, biases and
                points): orange below 0, blue above, in ``Scale.STEPS`` steps a side
==============  ===============================================================================

A class's *region* colour (``region_color(i)``, ``rose_region`` … in ``palette()``) is its colour
mixed into the background, the opaque tint of the plane where a network predicts that class (the
training scene's decision regions): derived here once, so every region tint is the theme's.

The text roles reach a contrast of at least 4.5:1 (WCAG AA) on their background, and the
roles that can share a screen differ by at least ΔE 20 (CIE76); ``tests/scenes/test_scenes_layout.py``
checks both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np

__all__ = [
    "Theme",
    "Scale",
    "DARK",
    "LIGHT",
    "THEMES",
    "ROLES",
    "CLASS_ROLES",
    "REGION_STRENGTH",
    "theme_from_environment",
    "theme_named",
    "THEME_VARIABLE",
]

THEME_VARIABLE = "NNANIM_THEME"

#: The object roles, each a colour per theme (see the module docstring).
ROLES = ("input", "weight", "bias", "product", "output", "activation", "gradient", "loss", "truth", "erratum")
#: The classes of the flower example, in the values' order.
CLASS_ROLES = ("rose", "daisy", "tulip")
#: How much of a class's colour its region tint carries over the background: pale enough that the
#: class-coloured points on it stand out, strong enough that the three regions are told apart.
REGION_STRENGTH = 0.32


@dataclass(frozen=True)
class Scale:
    """A diverging colour scale: −1 ``negative``, 0 ``zero``, +1 ``positive``, clamped beyond,
    interpolated in RGB between the stops (d3's scale, as the TensorFlow Playground colours every
    value: orange negative, blue positive).

    On screen a value takes the colour of the nearest of ``STEPS`` steps a side (:meth:`color`):
    ΔE of a step is about 3, not visible between neighbours, and it keeps every colour a scene can
    draw in the palette (41 named colours), where the layout tests can check them. A matplotlib
    figure may use the continuous scale (:meth:`rgb`).
    """

    negative: str
    zero: str
    positive: str

    #: Steps between 0 and ±1: the playground scene's finest heatmap has 20.
    STEPS = 20

    def rgb(self, values: np.ndarray) -> np.ndarray:
        """``values`` as RGB bytes (shape + (3,)), continuous."""
        t = np.clip(np.asarray(values, dtype=float), -1.0, 1.0)[..., None]
        zero = _rgb(self.zero)
        toward = np.where(t < 0, _rgb(self.negative), _rgb(self.positive))
        return np.round(zero + (toward - zero) * np.abs(t)).astype(np.uint8)

    def step(self, value: float) -> int:
        """The step of ``value``: ``round(value · STEPS)`` half away from zero, within ±STEPS."""
        scaled = float(np.clip(value, -1.0, 1.0)) * self.STEPS
        return int(np.sign(scaled) * np.floor(abs(scaled) + 0.5))

    def color(self, value: float) -> str:
        """The colour of ``value``'s nearest step, ``#rrggbb``."""
        r, g, b = self.rgb(np.array([self.step(value) / self.STEPS]))[0]
        return f"#{r:02x}{g:02x}{b:02x}"

    def colors(self) -> dict[str, str]:
        """Every step's colour by name, ``scale-20`` (−1) … ``scale+0`` … ``scale+20`` (+1)."""
        return {f"scale{k:+d}": self.color(k / self.STEPS) for k in range(-self.STEPS, self.STEPS + 1)}


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[k : k + 2], 16) for k in (1, 3, 5)], dtype=float)


@dataclass(frozen=True)
class Theme:
    """Everything a scene needs to look like the rest of the course.

    Colours are hex strings; sizes are manim font sizes (``Text(font_size=...)``). The smallest,
    ``small_size`` 20, is a digit 19 px high at 720p, above the 18 px minimum the scene tests hold.
    """

    name: str
    background: str
    text: str
    muted: str
    input: str
    weight: str
    bias: str
    product: str
    output: str
    activation: str
    gradient: str
    loss: str
    truth: str
    erratum: str
    rose: str
    daisy: str
    tulip: str
    highlight: str
    scale: Scale
    font: str = "DejaVu Sans"
    title_size: float = 40
    number_size: float = 40
    label_size: float = 28
    caption_size: float = 24
    small_size: float = 20

    # The first scenes named colours by position; these names stay as aliases of the roles.
    @property
    def left(self) -> str:
        """The left operand = ``input``."""
        return self.input

    @property
    def right(self) -> str:
        """The right operand = ``weight``."""
        return self.weight

    @property
    def result(self) -> str:
        """A result = ``output``."""
        return self.output

    @property
    def prediction(self) -> str:
        """A prediction ŷ is an output."""
        return self.output

    @property
    def wrong(self) -> str:
        """What the notes got wrong = ``erratum``."""
        return self.erratum

    def role(self, name: str) -> str:
        """The colour of a role (``"weight"``) or class role (``"rose"``)."""
        if name not in ROLES + CLASS_ROLES:
            raise ValueError(f"{name!r} is not a colour role; use one of {', '.join(ROLES + CLASS_ROLES)}")
        return getattr(self, name)

    def class_color(self, index: int) -> str:
        """The colour of the class at ``index`` (rose, daisy, tulip, then cycling)."""
        return self.role(CLASS_ROLES[index % len(CLASS_ROLES)])

    def region_color(self, index: int) -> str:
        """The opaque fill of the region where class ``index`` is predicted: the class's colour
        mixed into the background by ``REGION_STRENGTH`` (opaque, because see-through cells
        darken where neighbours overlap and stripe the plane)."""
        return _mix(self.background, self.class_color(index), REGION_STRENGTH)

    def palette(self) -> dict[str, str]:
        """Every colour of the theme by name: background, text, muted, roles, classes, highlight,
        the steps of the value scale and the classes' region tints (``rose_region`` …)."""
        named = {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), str) and getattr(self, f.name).startswith("#")}
        regions = {f"{name}_region": self.region_color(i) for i, name in enumerate(CLASS_ROLES)}
        return {**named, **self.scale.colors(), **regions}


def _mix(base: str, colour: str, amount: float) -> str:
    """``#rrggbb`` ``amount`` of the way from ``base`` to ``colour``, channel by channel in sRGB
    (as manim's ``interpolate_color``), rounded to whole bytes."""
    r, g, b = np.round(_rgb(base) + (_rgb(colour) - _rgb(base)) * amount).astype(int)
    return f"#{r:02x}{g:02x}{b:02x}"


DARK = Theme(
    name="dark",
    background="#14171f",
    text="#ece9e1",
    muted="#8a8f9c",
    input="#5fb4ff",
    weight="#ffb454",
    bias="#4fd6be",
    product="#c792ea",
    output="#7fd962",
    activation="#f2e36b",
    gradient="#ff7ac6",
    loss="#ff5c5c",
    truth="#d9c39a",
    erratum="#ff9e9e",
    rose="#ff6b8b",
    daisy="#f2e36b",
    tulip="#a78bfa",
    highlight="#3a4256",
    # The playground's ends (playground.ts, colorScale); a dark grey for 0 so the heatmaps do not glare.
    scale=Scale(negative="#f59322", zero="#3a404e", positive="#0877bd"),
)

LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1f2330",
    muted="#646978",
    input="#1565c0",
    weight="#b35400",
    bias="#00796b",
    product="#7b3fa0",
    output="#2e7d32",
    activation="#7a6000",
    gradient="#c2185b",
    loss="#c62828",
    truth="#6d4c41",
    erratum="#7a0000",
    rose="#d81b60",
    daisy="#7a6000",
    tulip="#5e35b1",
    highlight="#e3e8f3",
    scale=Scale(negative="#f59322", zero="#e8eaeb", positive="#0877bd"),
)

THEMES: dict[str, Theme] = {DARK.name: DARK, LIGHT.name: LIGHT}


def theme_named(name: str, *, source: str = "theme") -> Theme:
    """The theme called ``name`` (``dark`` or ``light``, any case); ``source`` names where the name
    came from in the error for any other name."""
    key = name.strip().lower()
    try:
        return THEMES[key]
    except KeyError:
        raise ValueError(f"{source}={name!r} is not a theme; use one of {', '.join(THEMES)}") from None


def theme_from_environment(default: str = "dark", environ: Mapping[str, str] | None = None) -> Theme:
    """The theme named by ``NNANIM_THEME`` in ``environ`` (the process's environment by default),
    else ``default``: how a scene rendered by plain ``manim`` picks its theme."""
    environ = os.environ if environ is None else environ
    return theme_named(environ.get(THEME_VARIABLE, "").strip() or default, source=THEME_VARIABLE)
