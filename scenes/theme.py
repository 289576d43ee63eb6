"""Colours, fonts and sizes of the lecture, in a dark and a light variant.

A scene picks its theme when it is built (``LectureScene.setup``), from the ``NNANIM_THEME``
environment variable or the scene's ``theme_name`` — never when a module is imported — so one
process can render both variants. Light is for projectors and white slides.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Theme", "DARK", "LIGHT", "THEMES", "theme_from_environment", "THEME_VARIABLE"]

THEME_VARIABLE = "NNANIM_THEME"


@dataclass(frozen=True)
class Theme:
    """Everything a scene needs to look like the rest of the lecture.

    Colours are hex strings; sizes are manim font sizes (``Text(font_size=...)``), chosen so that
    numbers stay readable at 480p.
    """

    name: str
    background: str
    text: str
    muted: str
    left: str
    right: str
    product: str
    result: str
    highlight: str
    wrong: str
    bias: str
    font: str = "DejaVu Sans"
    title_size: float = 40
    number_size: float = 40
    label_size: float = 28
    caption_size: float = 24
    small_size: float = 20


DARK = Theme(
    name="dark",
    background="#14171f",
    text="#ece9e1",
    muted="#8a8f9c",
    left="#5fb4ff",
    right="#ffb454",
    product="#c792ea",
    result="#7fd962",
    highlight="#3a4256",
    wrong="#ff6b6b",
    bias="#4fd6be",
)

LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1f2330",
    muted="#6b7080",
    left="#1565c0",
    right="#c25e00",
    product="#7b3fa0",
    result="#2e7d32",
    highlight="#e3e8f3",
    wrong="#c62828",
    bias="#00796b",
)

THEMES: dict[str, Theme] = {DARK.name: DARK, LIGHT.name: LIGHT}


def theme_from_environment(default: str = "dark") -> Theme:
    """The theme named by ``NNANIM_THEME`` (``dark`` or ``light``), else ``default``."""
    name = os.environ.get(THEME_VARIABLE, default).strip().lower() or default
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"{THEME_VARIABLE}={name!r} is not a theme; use one of {', '.join(THEMES)}") from None
