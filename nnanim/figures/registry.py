"""Every figure of ``nnanim figures``, by name, in lecture order.

:data:`FIGURES` names every figure, in lecture order. Each is a :class:`FigureSpec`: a function
drawing it from the lecture values in a theme, and, for the figures that move, one building an
:class:`~nnanim.figures.animate.Animation` for a GIF or MP4 preview. A figure's name starts with
the slug of the scene it belongs to, so the files sort by scene.

Drawing never computes: every number plotted is one nnmath returned (``course.explain``
and ``nnmath.regions``). Importing this module imports matplotlib, never manim.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

from matplotlib.figure import Figure

from nnanim.figures.activations import (
    LECTURE_ACTIVATIONS,
    animate_activation,
    animate_activations,
    display_name,
    draw_activation,
    draw_activations,
)
from nnanim.figures.animate import Animation
from nnanim.figures.descent import draw_gradient_descent, draw_optimizers, draw_training
from nnanim.figures.forward_pass import draw_regions
from nnanim.figures.layers import draw_layers
from nnanim.figures.playground import draw_playground
from nnanim.figures.losses import draw_cross_entropy, draw_mse
from nnanim.figures.sine_fit import animate_sine_fit, draw_sine_fit
from nnanim.figures.softmax import draw_softmax
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["FigureSpec", "FIGURES", "animated_names", "figure_lecture"]


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its name, what it shows, how to draw it, and (if it moves) how to animate it."""

    name: str
    summary: str
    draw: Callable[[LectureValues, Theme], Figure]
    animate: Callable[[LectureValues, Theme], Animation] | None = None


FIGURES: Mapping[str, FigureSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            FigureSpec("layers", "the shape flow of X through two dense layers", draw_layers),
            FigureSpec("activations", "every activation and its derivative on shared axes", draw_activations, animate_activations),
            *(
                FigureSpec(
                    f"activations-{name}",
                    f"{display_name(name)} and its derivative",
                    partial(draw_activation, name=name),
                    partial(animate_activation, name=name),
                )
                for name in LECTURE_ACTIVATIONS
            ),
            FigureSpec("why-activations", "the sine fit and each neuron pair's contribution", draw_sine_fit, animate_sine_fit),
            FigureSpec("softmax", "softmax as bars: z before, σ(z) after", draw_softmax),
            FigureSpec("forward-pass", "the flower network's predicted class over (length, width)", draw_regions),
            FigureSpec("cross-entropy", "the −ln p curve with the table's p marked", draw_cross_entropy),
            FigureSpec("mse", "the squared-error parabolas of the age example", draw_mse),
            FigureSpec("playground", "the playground's output before and after training, and its losses", draw_playground),
            FigureSpec("gradient-descent", "each learning rate's run on the loss curve", draw_gradient_descent),
            FigureSpec("optimizers", "SGD, momentum, RMSprop and Adam from one start over the contours", draw_optimizers),
            FigureSpec("training", "the trained spiral network's regions, and its loss and accuracy curves", draw_training),
        )
    }
)


def animated_names() -> list[str]:
    """The figures that can be previewed as GIF or MP4, in lecture order."""
    return [name for name, spec in FIGURES.items() if spec.animate is not None]


def figure_lecture(name: str):
    """The :class:`course.Lecture` of figure ``name``: that of the scene whose slug starts its name."""
    import course

    scene = max((slug for slug in course.all_slugs() if name == slug or name.startswith(slug + "-")), key=len)
    return course.lecture_of(scene)
