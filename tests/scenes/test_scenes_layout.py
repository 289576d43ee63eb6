"""Every scene, dry-run in both themes, against the rules of docs/display-policy.md.

After each beat the base class records what is on screen (``BeatRecord.shown``); these tests hold
every registered scene to the same rules, so a new scene cannot break them: captions for every
beat, nothing inside the safe margin, no text under 18 px at 720p, only the theme's colours, one
colour per label within a scene, and one number of decimals per displayed matrix.

A scene that breaks a rule today and is being fixed by its owner is listed in ``KNOWN`` and marked
``xfail(strict=True)``: the mark fails the suite as soon as the scene is fixed, so it must go then.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from manim import config

from scene_harness import dry_run, dry_run_cached
from scenes.base import MIN_TEXT_PX, SAFE_MARGIN, text_px
from scenes.registry import SCENE_CLASSES
from scenes.theme import CLASS_ROLES, DARK, LIGHT, ROLES, THEMES
from values_files import OTHER, write_values

THEME_NAMES = list(THEMES)
SLUGS = list(SCENE_CLASSES)

# (rule, slug) -> why it fails today (both themes), with the helper fixing it (issue 15). Empty: every
# scene keeps every rule.
KNOWN: dict[tuple[str, str], str] = {}


def _cases(rule: str):
    for slug, theme in itertools.product(SLUGS, THEME_NAMES):
        reason = KNOWN.get((rule, slug))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(slug, theme, id=f"{slug}-{theme}", marks=marks)


def _describe(shown) -> str:
    left, bottom, right, top = shown.box
    what = repr(shown.text[:40]) if shown.text else ""
    return f"{shown.kind} {what} at x∈[{left:.2f}, {right:.2f}], y∈[{bottom:.2f}, {top:.2f}]"


@pytest.mark.parametrize(("slug", "theme"), list(_cases("beats")))
def test_beats_have_captions_and_stay_in_frame(slug, theme):
    scene = dry_run_cached(slug, theme)
    assert scene.theme.name == theme
    assert scene.records, "a scene has at least one beat"
    names = [r.name for r in scene.records]
    assert len(set(names)) == len(names), "beat names are unique"
    for record in scene.records:
        assert record.caption.strip(), record.name
        assert record.end > record.start
        assert not record.outside, (record.name, record.outside)
        assert record.numbers or record.texts, f"beat {record.name} shows nothing"


def _assert_outside_the_margin(records) -> None:
    half_w = config.frame_width / 2 - SAFE_MARGIN + 1e-6
    half_h = config.frame_height / 2 - SAFE_MARGIN + 1e-6
    too_close = [
        f"{record.name}: {_describe(shown)}"
        for record in records
        for shown in record.shown
        if shown.box[0] < -half_w or shown.box[2] > half_w or shown.box[1] < -half_h or shown.box[3] > half_h
    ]
    assert not too_close, f"closer than {SAFE_MARGIN} units to the frame's edge:\n" + "\n".join(too_close)


def _assert_no_text_too_small(records) -> None:
    small = sorted({
        f"{record.name}: {_describe(shown)}: {shown.px:.1f} px"
        for record in records
        for shown in record.shown
        if shown.px is not None and shown.px < MIN_TEXT_PX - 1e-6
    })
    assert not small, f"text under {MIN_TEXT_PX} px at 720p:\n" + "\n".join(small)


@pytest.mark.parametrize(("slug", "theme"), list(_cases("margin")))
def test_nothing_inside_the_safe_margin(slug, theme):
    _assert_outside_the_margin(dry_run_cached(slug, theme).records)


@pytest.mark.parametrize(("slug", "theme"), list(_cases("text-size")))
def test_no_text_under_the_minimum_size(slug, theme):
    _assert_no_text_too_small(dry_run_cached(slug, theme).records)


@pytest.mark.parametrize(("slug", "theme"), list(_cases("palette")))
def test_every_colour_is_the_themes(slug, theme):
    scene = dry_run_cached(slug, theme)
    palette = {c.lower(): name for name, c in scene.theme.palette().items()}
    stray = sorted(
        {
            f"{record.name}: {_describe(shown)}: {color}"
            for record in scene.records
            for shown in record.shown
            for color in shown.colors
            if color not in palette
        }
    )
    assert not stray, "colours outside the theme's palette:\n" + "\n".join(stray)


# --- the same rules for a lecturer's own values ----------------------------------------------------
# Each scene with other values in tests/values_files.py (the file its own test dry-runs, so the run is
# shared), dark theme. (rule, slug) -> why it fails today; the mark fails the suite once it is fixed.
KNOWN_OTHER: dict[tuple[str, str], str] = {
    ("text-size", "matrix-matrix"): "a 2×3 A and 4×3 B are shrunk to fit: entries 15.5 px, shapes 13 px",
}


def _other_cases(rule: str):
    for slug in (s for s in SLUGS if s in OTHER):
        reason = KNOWN_OTHER.get((rule, slug))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(slug, id=f"{slug}-other", marks=marks)


@pytest.fixture(scope="module")
def other_values(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("other-values")
    return {slug: write_values(folder, text, f"{slug}.toml") for slug, text in OTHER.items()}


@pytest.mark.parametrize("slug", list(_other_cases("text-size")))
def test_no_text_under_the_minimum_size_with_other_values(slug, other_values):
    _assert_no_text_too_small(dry_run(slug, values=other_values[slug]).records)


@pytest.mark.parametrize("slug", list(_other_cases("margin")))
def test_nothing_off_the_frame_or_inside_the_margin_with_other_values(slug, other_values):
    records = dry_run(slug, values=other_values[slug]).records
    assert all(not r.outside for r in records), [(r.name, r.outside) for r in records if r.outside]
    _assert_outside_the_margin(records)


def _is_label(text: str) -> bool:
    # A short name such as x, W, b, f₁, ŷ, w₂: not a number, not a sentence.
    text = text.strip().rstrip("=").strip()
    return 0 < len(text) <= 3 and any(ch.isalpha() for ch in text)


@pytest.mark.parametrize(("slug", "theme"), list(_cases("label-colour")))
def test_a_label_keeps_one_colour_in_a_scene(slug, theme):
    colours: dict[str, set[tuple[str, ...]]] = {}
    for record in dry_run_cached(slug, theme).records:
        for shown in record.shown:
            if shown.px is not None and _is_label(shown.text):
                colours.setdefault(shown.text.strip().rstrip("=").strip(), set()).add(shown.colors)
    changing = {label: sorted(c) for label, c in colours.items() if len(c) > 1}
    assert not changing, f"labels drawn in more than one colour: {changing}"


@pytest.mark.parametrize(("slug", "theme"), list(_cases("decimals")))
def test_a_matrix_shares_one_number_of_decimals(slug, theme):
    mixed = []
    for record in dry_run_cached(slug, theme).records:
        for shown in record.shown:
            decimals = {len(t.split(".")[1]) if "." in t else 0 for t in shown.entries if "e" not in t}
            if len(decimals) > 1:
                mixed.append(f"{record.name}: {shown.entries}")
    assert not mixed, "a matrix with entries of different precision:\n" + "\n".join(mixed)


def test_theme_is_chosen_when_the_scene_is_built_not_at_import():
    dark = dry_run_cached(SLUGS[0], "dark")
    light = dry_run_cached(SLUGS[0], "light")
    assert dark.camera.background_color != light.camera.background_color


# --- the palette itself ----------------------------------------------------------------------------


def _linear_rgb(hex_colour: str) -> tuple[float, float, float]:
    """sRGB ``#rrggbb`` to linear light (WCAG 2 and CIE use the same curve)."""

    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def _luminance(hex_colour: str) -> float:
    r, g, b = _linear_rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65), for ΔE 1976 = the distance of two colours."""
    r, g, b = _linear_rgb(hex_colour)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("theme", [DARK, LIGHT], ids=["dark", "light"])
def test_every_text_colour_is_legible_on_its_background(theme):
    for name in ("text", "muted", *ROLES, *CLASS_ROLES):
        colour = theme.role(name) if name in ROLES + CLASS_ROLES else getattr(theme, name)
        assert _contrast(colour, theme.background) >= 4.5, (theme.name, name, colour)


# Roles that appear on one screen must be told apart: the roles of a layer and its maths among
# themselves, the classes among themselves and beside the truth and the prediction.
_TOGETHER = [
    ("truth", "input", "weight", "bias", "product", "output", "activation", "gradient", "loss", "erratum", "text", "muted"),
    (*CLASS_ROLES, "truth", "output"),
]


@pytest.mark.parametrize("theme", [DARK, LIGHT], ids=["dark", "light"])
def test_roles_that_share_a_screen_are_distinct(theme):
    for group in _TOGETHER:
        colours = {name: getattr(theme, name) for name in group}
        for a, b in itertools.combinations(group, 2):
            assert math.dist(_lab(colours[a]), _lab(colours[b])) >= 20, (theme.name, a, b)


def test_a_role_names_one_colour_per_theme_and_unknown_roles_are_refused():
    assert DARK.role("weight") == DARK.right and LIGHT.role("input") == LIGHT.left
    assert DARK.class_color(3) == DARK.rose
    with pytest.raises(ValueError, match="not a colour role"):
        DARK.role("weights")


def test_text_size_is_measured_from_the_font_size_through_scaling():
    from manim import Text

    small = Text("−", font=DARK.font, font_size=40)  # a minus is short, but written at the size of digits
    assert text_px(small) == pytest.approx(37.8, abs=0.2)
    assert text_px(Text("0", font=DARK.font, font_size=40).scale(0.5)) == pytest.approx(18.9, abs=0.2)
    assert text_px(Text("0", font=DARK.font, font_size=DARK.small_size)) >= MIN_TEXT_PX


@pytest.mark.parametrize("theme", [DARK, LIGHT], ids=["dark", "light"])
def test_the_value_scale_runs_orange_to_blue_in_steps_that_are_palette_colours(theme):
    scale = theme.scale
    assert scale.color(-1) == "#f59322" and scale.color(1) == "#0877bd" and scale.color(0) == scale.zero
    assert scale.color(-7) == scale.color(-1) and scale.color(3) == scale.color(1)  # clamped
    # Nearest step, halves away from zero: 1/40 is half a step.
    assert scale.color(0.024) == scale.color(0) != scale.color(0.025) == scale.color(0.05)
    assert scale.color(-0.025) == scale.color(-0.05) != scale.color(0.05)
    assert scale.rgb(np.array([0.5])).tolist() == [[round((a + b) / 2) for a, b in zip(_bytes(scale.zero), _bytes(scale.positive))]]
    palette = set(theme.palette().values())
    assert {scale.color(v) for v in np.linspace(-1.2, 1.2, 301)} <= palette
    assert len(scale.colors()) == 2 * scale.STEPS + 1


def _bytes(hex_colour: str) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]


# --- one takeaway line per beat -------------------------------------------------------------------

#: Scenes whose beats open with a takeaway headline (scenes/takeaway.py, ``with_headlines``).
HEADLINED = ["neuron", "dot-product", "vector-matrix", "matrix-vector", "transpose", "matrix-matrix", "layers"]


@pytest.mark.parametrize(("slug", "theme"), [pytest.param(s, t, id=f"{s}-{t}") for s in HEADLINED for t in THEME_NAMES])
def test_every_beat_after_the_title_shows_its_takeaway_alone_at_the_top(slug, theme):
    """A still reads as a slide: its headline says the beat's idea, at the same place in every beat,
    with nothing else in its band."""
    scene = dry_run_cached(slug, theme)
    records = scene.records
    # The first beat opens with the scene's title; every later beat has its takeaway.
    assert set(scene.takeaways) == {r.name for r in records[1:]}
    top = config.frame_height / 2 - 0.4
    for record in records[1:]:
        line = scene.takeaways[record.name]
        [shown] = [s for s in record.shown if s.px is not None and s.text == line] or [None]
        assert shown is not None, f"{record.name}: the takeaway {line!r} is not on screen"
        assert shown.box[3] == pytest.approx(top, abs=1e-3), record.name
        crowding = [_describe(s) for s in record.shown if s is not shown and s.box[3] > shown.box[1]]
        assert not crowding, f"{record.name}: beside the takeaway: {crowding}"
    # Consecutive beats with the same idea share a line; otherwise each beat says its own.
    lines = [scene.takeaways[r.name] for r in records[1:]]
    assert len(set(lines)) >= len(lines) / 2
