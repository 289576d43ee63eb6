"""scenes/copying.py: copies share what they never change, and no picture changes."""

from __future__ import annotations

import copy

import numpy as np
from manim import BLUE, Text
from PIL import Image

import scenes.copying
from scenes.render import render_scene


def test_a_copied_text_shares_its_parsed_glyphs_and_colours_but_not_its_points():
    text = Text("Σ 0.25", color=BLUE)
    clone = text.copy()
    glyph, twin = text.family_members_with_points()[0], clone.family_members_with_points()[0]
    assert twin is not glyph
    assert twin.path_obj is glyph.path_obj
    assert twin.background_stroke_color is glyph.background_stroke_color
    assert twin.points is not glyph.points and np.array_equal(twin.points, glyph.points)
    twin.shift([1, 0, 0]).set_color("#FF0000")
    assert not np.array_equal(twin.points, glyph.points)
    assert glyph.get_fill_color().to_hex() == BLUE.to_hex()


def test_without_it_copies_are_manims_own():
    scenes.copying.uninstall()
    try:
        text = Text("x")
        clone = copy.deepcopy(text)
        assert clone.family_members_with_points()[0].path_obj is not text.family_members_with_points()[0].path_obj
    finally:
        scenes.copying.install()


def _stills(folder) -> dict[str, np.ndarray]:
    return {p.name: np.asarray(Image.open(p)) for p in sorted(folder.rglob("*.png"))}


def test_every_still_is_the_same_pixels_as_with_manims_copies(tmp_path):
    slug = "matrix-vector"  # transforms, fades and matrices of texts: every kind of copy the scenes make
    render_scene(slug, media_dir=tmp_path / "m1", stills_dir=tmp_path / "shared", dry_run=True)
    scenes.copying.uninstall()
    try:
        render_scene(slug, media_dir=tmp_path / "m2", stills_dir=tmp_path / "copied", dry_run=True)
    finally:
        scenes.copying.install()
    shared, copied = _stills(tmp_path / "shared"), _stills(tmp_path / "copied")
    assert len(shared) >= 3 and shared.keys() == copied.keys()
    for name in shared:
        assert np.array_equal(shared[name], copied[name]), name
