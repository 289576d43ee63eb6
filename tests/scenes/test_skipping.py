"""scenes.render.SkippingRenderer: a dry run draws no frame it throws away, and its stills are manim's pixels."""

from __future__ import annotations

import numpy as np
from manim import Camera
from manim.renderer.cairo_renderer import CairoRenderer

from scene_harness import calls_of, stills_in
from scenes.render import render_scene

SLUG = "matrix-vector"  # transforms, fades, waits and matrices of texts: every kind of play the scenes make


def test_a_dry_run_draws_one_frame_per_still_and_none_withoutstills_in(tmp_path, monkeypatch):
    drawn = calls_of(monkeypatch, Camera, "capture_mobjects")
    scene = render_scene(SLUG, media_dir=tmp_path / "m1", dry_run=True)
    assert len(scene.records) >= 3 and drawn == []
    scene = render_scene(SLUG, media_dir=tmp_path / "m2", stills_dir=tmp_path / "stills", dry_run=True)
    assert len(drawn) == len(scene.records) == len(stills_in(tmp_path / "stills"))


def test_manims_renderer_draws_frames_in_a_dry_run_the_skipping_one_leaves_out(tmp_path, monkeypatch):
    drawn = calls_of(monkeypatch, Camera, "capture_mobjects")
    scene = render_scene(SLUG, media_dir=tmp_path / "m", dry_run=True, renderer_class=CairoRenderer)
    assert len(drawn) > 2 * len(scene.records)


def test_every_still_is_the_same_pixels_as_manims_renderer_draws(tmp_path):
    render_scene(SLUG, media_dir=tmp_path / "m1", stills_dir=tmp_path / "skipping", dry_run=True)
    render_scene(SLUG, media_dir=tmp_path / "m2", stills_dir=tmp_path / "manim", dry_run=True,
                 renderer_class=CairoRenderer)
    skipping, manims = stills_in(tmp_path / "skipping"), stills_in(tmp_path / "manim")
    assert len(skipping) >= 3 and skipping.keys() == manims.keys()
    for name in skipping:
        assert np.array_equal(skipping[name], manims[name]), name
