"""How a scene gets its options: nnanim hands each scene its own (scenes.base.SceneOptions), and only
a scene given none — one rendered by plain `manim` — reads the NNANIM_* environment variables."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from manim import tempconfig

import course
from scenes.base import (
    STILLS_FORMAT_VARIABLE,
    STILLS_VARIABLE,
    TRANSPARENT_VARIABLE,
    VALUES_VARIABLE,
    LectureScene,
    SceneOptions,
)
from scenes.registry import scene_class
from scenes.render import render_scene, scene_beats
from scenes.theme import DARK, LIGHT, THEME_VARIABLE

VARIABLES = (THEME_VARIABLE, VALUES_VARIABLE, STILLS_VARIABLE, STILLS_FORMAT_VARIABLE, TRANSPARENT_VARIABLE)
SLUG = "dot-product"  # the quickest scene to play


def _values_file(folder: Path, name: str, a: list[int], b: list[int]) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(f"[{SLUG}]\na = {a}\nb = {b}\n", encoding="utf-8")
    return path


def _sum_shown(values: Path) -> str:
    """How nnmath writes the scene's dot product a·b with these values: different for each file."""
    return course.explain(SLUG, course.load_values(values)).quantities["a·b"].how


def _environment() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in VARIABLES}


@pytest.fixture
def other_environment(tmp_path, monkeypatch) -> dict[str, str | None]:
    """Every NNANIM_* variable set to something no render below asks for."""
    monkeypatch.setenv(THEME_VARIABLE, "light")
    monkeypatch.setenv(VALUES_VARIABLE, str(_values_file(tmp_path, "environment", [5, 5, 5], [9, 9, 9])))
    monkeypatch.setenv(STILLS_VARIABLE, str(tmp_path / "environment-stills"))
    monkeypatch.setenv(STILLS_FORMAT_VARIABLE, "svg")
    monkeypatch.setenv(TRANSPARENT_VARIABLE, "1")
    return _environment()


def test_renders_in_one_process_each_use_their_own_options_and_never_touch_the_environment(
    other_environment, tmp_path, monkeypatch
):
    first = _values_file(tmp_path, "first", [7, 8, 9], [1, 1, 2])
    second = _values_file(tmp_path, "second", [2, 0, 1], [3, 3, 3])
    assert len({_sum_shown(first), _sum_shown(second), _sum_shown(Path(other_environment[VALUES_VARIABLE]))}) == 3

    # What the environment holds while each scene is set up: render_scene used to set the
    # variables for its render, so another render in the same process saw (or changed) them.
    seen: list[dict[str, str | None]] = []
    setup = LectureScene.setup

    def spying_setup(scene):
        seen.append(_environment())
        setup(scene)

    monkeypatch.setattr(LectureScene, "setup", spying_setup)
    dark = render_scene(SLUG, media_dir=tmp_path / "media-1", theme="dark", values=first, dry_run=True)
    light = render_scene(SLUG, media_dir=tmp_path / "media-2", theme="light", values=second,
                         stills_dir=tmp_path / "stills", dry_run=True)

    assert seen == [other_environment, other_environment]
    assert _environment() == other_environment
    assert dark.options == SceneOptions(theme="dark", values=first)
    assert (dark.theme, light.theme) == (DARK, LIGHT)
    assert dark.explanation.quantities["a·b"].how == _sum_shown(first)
    assert light.explanation.quantities["a·b"].how == _sum_shown(second)
    # Each scene's own stills: PNG into its folder, none into the environment's folder.
    assert sorted(p.suffix for p in (tmp_path / "stills").iterdir()) == [".png"] * len(light.records)
    assert not (tmp_path / "environment-stills").exists()


def test_scene_beats_reads_its_values_from_its_argument_not_the_environment(other_environment, tmp_path):
    values = _values_file(tmp_path, "mine", [1, 2, 3, 4], [5, 6, 7, 8])
    beats = scene_beats(SLUG, values=values)
    assert _environment() == other_environment
    # The scene of four-entry vectors has the beats of its own values, not of the environment's.
    with tempconfig({"media_dir": str(tmp_path / "media"), "dry_run": True}):
        own = scene_class(SLUG)(options=SceneOptions(values=values))
        own.setup()
        assert [(b.name, b.caption) for b in beats] == [(b.name, b.caption) for b in own.beats()]


def test_scenes_set_up_at_the_same_time_in_threads_each_read_their_own_options(tmp_path, monkeypatch):
    # A scene that read the environment would fail: it names no theme there is.
    monkeypatch.setenv(THEME_VARIABLE, "sepia")
    files = [_values_file(tmp_path, f"v{i}", [i, i + 1, 2], [3, i, 1]) for i in range(4)]
    options = [SceneOptions(theme=("dark", "light")[i % 2], values=f) for i, f in enumerate(files)]
    # manim's configuration is one per process, so the scenes are built in one thread; their
    # set-up (theme, values, explanation) runs in four at once.
    with tempconfig({"media_dir": str(tmp_path / "media"), "dry_run": True}):
        scenes = [scene_class(SLUG)(options=o) for o in options]
    start = threading.Barrier(len(scenes))

    def set_up(scene):
        start.wait()
        scene.setup()

    with ThreadPoolExecutor(len(scenes)) as pool:
        list(pool.map(set_up, scenes))
    assert [s.theme for s in scenes] == [DARK, LIGHT, DARK, LIGHT]
    assert [s.explanation.quantities["a·b"].how for s in scenes] == [_sum_shown(f) for f in files]
    assert os.environ[THEME_VARIABLE] == "sepia"


def test_a_scene_given_no_options_reads_them_from_the_environment_as_under_plain_manim(other_environment, tmp_path):
    with tempconfig({"media_dir": str(tmp_path / "media"), "dry_run": True}):
        scene = scene_class(SLUG)()
        scene.setup()
    values = Path(other_environment[VALUES_VARIABLE])
    assert scene.options == SceneOptions(
        theme="light", values=values, stills_dir=tmp_path / "environment-stills", stills_format="svg", transparent=True
    )
    assert scene.theme is LIGHT
    assert scene.explanation.quantities["a·b"].how == _sum_shown(values)


def test_options_from_the_environment_keep_its_defaults_and_name_a_wrong_variable():
    assert SceneOptions.from_environment({}) == SceneOptions()
    assert SceneOptions.from_environment({TRANSPARENT_VARIABLE: "0", THEME_VARIABLE: " Light "}) == SceneOptions(theme="light")
    with pytest.raises(ValueError, match=f"{THEME_VARIABLE}='sepia' is not a theme; use one of dark, light"):
        SceneOptions.from_environment({THEME_VARIABLE: "sepia"})


def test_wrong_options_are_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="theme='sepia' is not a theme"):
        render_scene(SLUG, media_dir=tmp_path / "media", theme="sepia")
    with pytest.raises(ValueError, match="unknown still format 'jpg'; use one of png, svg, pdf"):
        render_scene(SLUG, media_dir=tmp_path / "media", stills_dir=tmp_path / "stills", stills_format="jpg")
    assert list(tmp_path.iterdir()) == []
