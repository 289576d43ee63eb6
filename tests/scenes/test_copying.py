"""scenes/copying.py and scenes/text_cache.py: copies share what they never change, a text is parsed
once per process, and no picture changes."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from manim import BLUE, SVGMobject, Text
from manim.mobject.svg import svg_mobject

import scenes.copying
import scenes.text_cache
from scene_harness import calls_of, stills_in
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


@pytest.fixture
def parses(monkeypatch) -> list[SVGMobject]:
    """The SVGs parsed while the test runs (each names its ``file_name``), from an empty cache."""
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", type(svg_mobject.SVG_HASH_TO_MOB_MAP)())
    return calls_of(monkeypatch, SVGMobject, "generate_mobject")


def test_a_text_built_again_is_copied_from_its_first_parse_and_is_the_same_points(parses):
    first, again = Text("epoch 2048", color=BLUE), Text("epoch 2048", color=BLUE)
    assert len(parses) == 1
    assert [m.points.tolist() for m in first.family_members_with_points()] == [
        m.points.tolist() for m in again.family_members_with_points()
    ]
    again.shift([1, 0, 0])
    assert not np.array_equal(first.get_center(), again.get_center())  # a copy, not the same object
    Text("epoch 2048", color="#FF0000")  # another colour is another file
    assert len(parses) == 2


def test_without_it_every_text_is_parsed(parses):
    scenes.text_cache.uninstall()
    try:
        Text("loss 0.25"), Text("loss 0.25")
    finally:
        scenes.text_cache.install()
    assert len(parses) == 2


def test_the_cache_keeps_the_texts_used_last(parses, monkeypatch):
    files = {word: Text(word).file_name for word in ("alpha", "beta", "gamma", "delta", "epsilon")}
    parses.clear()
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    monkeypatch.setattr(scenes.text_cache, "LIMIT", 3)
    for word in ("alpha", "beta", "gamma", "alpha", "delta", "epsilon", "alpha", "beta"):
        Text(word)
    # alpha is used again before it is the oldest, so it stays; beta is forgotten and parsed again
    assert [p.file_name for p in parses] == [files[w] for w in ("alpha", "beta", "gamma", "delta", "epsilon", "beta")]
    assert len(svg_mobject.SVG_HASH_TO_MOB_MAP) == 3


def test_every_still_is_the_same_pixels_as_with_manims_copies_and_texts(tmp_path):
    slug = "matrix-vector"  # transforms, fades and matrices of texts: every kind of copy the scenes make
    render_scene(slug, media_dir=tmp_path / "m1", stills_dir=tmp_path / "shared", dry_run=True)
    scenes.copying.uninstall()
    scenes.text_cache.uninstall()
    try:
        render_scene(slug, media_dir=tmp_path / "m2", stills_dir=tmp_path / "copied", dry_run=True)
    finally:
        scenes.text_cache.install()
        scenes.copying.install()
    shared, copied = stills_in(tmp_path / "shared"), stills_in(tmp_path / "copied")
    assert len(shared) >= 3 and shared.keys() == copied.keys()
    for name in shared:
        assert np.array_equal(shared[name], copied[name]), name
