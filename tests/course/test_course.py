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


# --- a lecture finds its scenes: each content module's spec gives its place ----------------------

_TOY_MODULE = '''
from course.spec import Key, SceneSpec
from nnmath.values import NUMBER


def compute(v):
    raise AssertionError("not computed by the tests of the lecture order")


SPEC = SceneSpec("{slug}", "{slug}", "a toy", compute, "scenes.toy:Toy", {{"x": Key(NUMBER, "a toy number here")}},
                 values="[{slug}]\\nx = 1.0\\n", place={place})
'''


def _toy_package(tmp_path, monkeypatch, name: str, modules: dict[str, str]) -> str:
    """A lecture package ``name`` on the path holding ``modules`` (file stem: source)."""
    import sys

    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for stem, source in modules.items():
        (package / f"{stem}.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__(name)
    monkeypatch.setitem(sys.modules, name, sys.modules[name])
    return name


def test_a_lecture_orders_its_content_modules_by_their_place_and_skips_helpers(tmp_path, monkeypatch):
    from course.spec import scenes_of

    name = _toy_package(tmp_path, monkeypatch, "toy_lecture_order", {
        "alpha": _TOY_MODULE.format(slug="alpha", place=30),
        "beta": _TOY_MODULE.format(slug="beta", place=10),
        "gamma": _TOY_MODULE.format(slug="gamma", place=15),  # between two without renumbering them
        "common": "HELPER = 1\n",
        "_private": "raise AssertionError('a module starting with _ is not read')\n",
    })
    assert [spec.slug for spec in scenes_of(name)] == ["beta", "gamma", "alpha"]


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        ({"a": _TOY_MODULE.format(slug="a", place=10), "b": _TOY_MODULE.format(slug="b", place=10)},
         r"toy_lecture_\w+/a\.py and toy_lecture_\w+/b\.py both take place 10 in toy_lecture_\w+: give each scene its own place"),
        ({"a": _TOY_MODULE.format(slug="a", place=None)},
         r"toy_lecture_\w+/a\.py: the spec of 'a' gives no place in the lecture; add place=N"),
        ({"a": "def compute(v):\n    return v\n"},
         r"toy_lecture_\w+/a\.py defines compute but no SPEC"),
        ({"a": "SPEC = 'a'\n"}, r"toy_lecture_\w+/a\.py: SPEC is a str, not a course\.spec\.SceneSpec"),
    ],
    ids=["two-claim-one-place", "no-place", "no-spec", "not-a-spec"],
)
def test_a_lecture_whose_scenes_do_not_make_one_order_is_an_error_naming_the_modules(tmp_path, monkeypatch, modules, message,
                                                                                    request):
    from course.spec import LectureError, scenes_of

    name = _toy_package(tmp_path, monkeypatch, f"toy_lecture_{request.node.callspec.id.replace('-', '_')}", modules)
    with pytest.raises(LectureError, match=message):
        scenes_of(name)


def test_a_lectures_values_file_is_its_header_its_scenes_tables_in_order_and_its_errata():
    """`nnanim values` is assembled: the opening comment, each content module's VALUES in lecture
    order, the errata file; a blank line between each, as one hand-written file would have them."""
    for lecture in course.LECTURES:
        text = lecture.values_text()
        blocks = text.split("\n\n")
        assert blocks[0].startswith("# ") and lecture.values_header.strip() == blocks[0]
        starts = [text.index(f"\n[{slug}]\n") for slug in lecture.slugs]
        assert starts == sorted(starts)
        for spec in lecture.scenes:
            assert spec.values.strip("\n") in text
    assert course.lecture(1).values_text().rstrip().endswith('quantity = "-log 0.1"')


def test_a_mistake_in_a_scenes_built_in_values_names_its_content_modules_values(monkeypatch):
    import dataclasses

    from nnmath.values import ValuesError

    lecture = course.lecture(1)
    broken = dataclasses.replace(lecture.scenes[0], values=lecture.scenes[0].values + "q = 1\n")
    monkeypatch.setattr(course, "LECTURES", (dataclasses.replace(lecture, scenes=(broken, *lecture.scenes[1:])),))
    line = broken.values_toml.count("\n")
    with pytest.raises(ValuesError, match=rf"^course/lecture1/neuron\.py VALUES:{line}: unknown key 'q' in \[neuron\]"):
        course.load_values()
