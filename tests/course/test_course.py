"""The course as data: lectures, their scenes, and the --lecture option of every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import course
from nnanim.cli import main
from nnanim.commands.common import select_scenes
from nnanim.figures.registry import FIGURES, figure_lecture
from scenes.registry import SCENE_CLASSES


def test_lecture_one_is_its_content_modules_in_order():
    lecture = course.lecture(1)
    assert lecture.key == "lecture-1"
    assert [spec.compute.__module__ for spec in lecture.scenes] == [
        f"course.lecture1.{slug.replace('-', '_')}" for slug in lecture.slugs
    ]
    assert [lecture.position(slug) for slug in lecture.slugs] == list(range(1, len(lecture.slugs) + 1))
    assert course.lecture("lecture-1") is lecture and course.lecture("1") is lecture


def test_every_slug_is_unique_and_belongs_to_one_lecture():
    slugs = course.all_slugs()
    assert len(slugs) == len(set(slugs))
    for lecture in course.LECTURES:
        for slug in lecture.slugs:
            assert course.lecture_of(slug) is lecture
            assert course.spec(slug).slug == slug


def test_the_registry_and_schema_come_from_the_specs():
    assert list(SCENE_CLASSES) == course.all_slugs()
    assert set(course.schema()) == set(course.all_slugs())
    for slug in course.all_slugs():
        assert course.spec(slug).scene_file.startswith("scenes/")


def test_an_unknown_lecture_names_the_lectures_there_are():
    with pytest.raises(course.UnknownLecture, match="lecture-1"):
        course.lecture(99)
    result = CliRunner().invoke(main, ["list", "--lecture", "99"])
    assert result.exit_code == 2
    assert "no lecture '99'" in result.output and "1 (lecture-1" in result.output


def test_course_values_hold_every_lecture_and_explain_any_slug():
    values = course.load_values()
    assert set(values) == set(course.all_slugs())
    assert course.explain("softmax", values).slug == "softmax"
    with pytest.raises(KeyError):
        course.explain("no-such-scene", values)


def test_list_without_lecture_is_lecture_one(monkeypatch):
    from scenes import render

    monkeypatch.setattr(render, "scene_beats", lambda slug, values=None: [])
    plain = CliRunner().invoke(main, ["list", "--json"])
    first = CliRunner().invoke(main, ["list", "--json", "--lecture", "1"])
    assert plain.exit_code == 0, plain.output
    assert [r["slug"] for r in json.loads(plain.output)] == course.lecture(1).slugs
    assert plain.output == first.output


def test_selection_with_and_without_lecture():
    assert select_scenes((), True, None) == course.lecture(1).slugs
    assert select_scenes(("matrix-*",), False, "1") == ["matrix-vector", "matrix-matrix"]
    assert select_scenes(("softmax",), False, None) == ["softmax"]


def test_all_and_names_together_is_an_error_not_a_silent_choice():
    result = CliRunner().invoke(main, ["explain", "softmax", "--all"])
    assert result.exit_code == 2
    assert "not both" in result.output


def test_explain_takes_a_glob_like_render():
    result = CliRunner().invoke(main, ["explain", "matrix-*", "--json"])
    assert result.exit_code == 0, result.output
    assert [d["slug"] for d in json.loads(result.output)] == ["matrix-vector", "matrix-matrix"]


def test_every_figure_belongs_to_the_lecture_of_its_scene():
    for name in FIGURES:
        lecture = figure_lecture(name)
        assert any(name == slug or name.startswith(slug + "-") for slug in lecture.slugs)


def test_values_prints_the_lectures_own_file():
    result = CliRunner().invoke(main, ["values", "--lecture", "1"])
    assert result.exit_code == 0
    assert result.output == course.lecture(1).values_text()


def test_list_writes_nothing_where_it_is_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == len(course.lecture(1).slugs)
    assert list(tmp_path.iterdir()) == []


def test_a_scripted_scene_is_listed_without_manim_and_plays_one_method_per_beat(monkeypatch):
    """A spec with a script: `nnanim list` reads its beats without building the scene, and the
    scene class pairs each scripted beat with its `beat_<name>` method."""
    import dataclasses

    from course.spec import BeatScript

    lecture = course.lecture(1)
    scripted = dataclasses.replace(
        lecture.scenes[0], script=lambda e: (BeatScript("sum-it", f"{e.title}: the sum"), BeatScript("squash", "g(z)"))
    )
    patched = dataclasses.replace(lecture, scenes=(scripted, *lecture.scenes[1:]))
    monkeypatch.setattr(course, "_BY_SLUG", {**course._BY_SLUG, **{s: patched for s in patched.slugs}})
    monkeypatch.setattr(course, "LECTURES", (patched,))
    assert course.beat_script("neuron") == (BeatScript("sum-it", "A neuron: the sum"), BeatScript("squash", "g(z)"))

    from scenes import base

    class Scripted(base.LectureScene):
        slug = "neuron"

        def beat_sum_it(self):
            return "sum"

        def beat_squash(self):
            return "squash"

    scene = Scripted.__new__(Scripted)
    scene.explanation = course.explain("neuron")
    beats = scene.beats()
    assert [(b.name, b.caption, b.play()) for b in beats] == [
        ("sum-it", "A neuron: the sum", "sum"),
        ("squash", "g(z)", "squash"),
    ]


def test_the_readmes_lecture_two_table_is_its_list():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = text.split("## Lecture 2", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table = [tuple(cell.strip().strip("`") for cell in row.strip("|").split("|")) for row in rows]
    assert table == [(spec.slug, spec.summary) for spec in course.lecture(2).scenes]
