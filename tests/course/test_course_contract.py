"""One contract over every scene spec of every lecture (course/): what a scene's content module
promises the rest of the tool, checked without playing a scene.

For each scene: its schema is exactly its table in its lecture's values file (its own VALUES, which
hold that table alone), every key says what it means, the built-in values
compute and stay within its limits, its explanation is its own (slug, title), the errata about it
name quantities it computes, the tables it reads exist, its script's beats are unique and each has
a caption and a method to play it, and ``nnanim list`` prints the same from its beat table and from
the course.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import course
from nnanim import beat_table
from nnanim.cli import main
from nnmath.lecture import Explanation

REPO = Path(course.__file__).resolve().parent.parent
SPECS = [spec for lecture in course.LECTURES for spec in lecture.scenes]
IDS = [spec.slug for spec in SPECS]


@pytest.fixture(scope="module")
def values():
    return course.load_values()


@pytest.fixture(scope="module")
def explanations(values):
    """Every scene's explanation with the built-in values, computed once for the module."""
    return {spec.slug: course.explain(spec.slug, values) for spec in SPECS}


def _file_tables(lecture: course.Lecture) -> dict[str, dict]:
    data = tomllib.loads(lecture.values_text())
    data.pop("errata", None)
    return data


@pytest.mark.parametrize("lecture", course.LECTURES, ids=[lec.key for lec in course.LECTURES])
def test_a_lectures_values_file_has_one_table_per_scene_and_no_other(lecture):
    assert list(_file_tables(lecture)) == lecture.slugs


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_schema_is_exactly_the_values_table(spec):
    table = _file_tables(course.lecture_of(spec.slug))[spec.slug]
    assert set(table) == set(spec.schema), "every key of the table declared, every declared key given"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_a_specs_values_are_its_own_table_alone(spec):
    # A content module's VALUES giving another scene's table would silently override that scene's.
    assert list(tomllib.loads(spec.values)) == [spec.slug]


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_key_says_what_it_means(spec):
    for key, kind in spec.schema.items():
        assert isinstance(kind, course.Key), f"[{spec.slug}] {key}: give it as Key(kind, meaning)"
        assert len(kind.meaning.split()) >= 3, f"[{spec.slug}] {key}: say what it means"
        assert "|" not in kind.meaning, f"[{spec.slug}] {key}: a meaning is one cell of a Markdown table"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_content_module_lives_in_its_lecture_package(spec):
    lecture = course.lecture_of(spec.slug)
    assert spec.compute.__module__ == f"{lecture.package}.{spec.slug.replace('-', '_')}"
    module, _, cls = spec.scene.partition(":")
    assert module.startswith("scenes.") and cls, spec.scene
    assert (REPO / spec.scene_file).is_file()


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_built_in_values_compute_and_explain_this_scene(spec, explanations):
    explanation = explanations[spec.slug]
    assert isinstance(explanation, Explanation)
    assert (explanation.slug, explanation.title) == (spec.slug, spec.title)
    assert explanation.sections and all(section.steps for section in explanation.sections)
    assert explanation.quantities, "the captions and errata refer to named quantities"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_built_in_values_are_within_the_scenes_limits(spec, values):
    course.check_limits({spec.slug: values[spec.slug]})


def test_a_scenes_own_limit_is_checked_on_a_lecturers_file(tmp_path):
    """The limits of the content modules reach the values check (mse's pairs, softmax's bars)."""
    from nnmath.values import ValuesError

    path = tmp_path / "many.toml"
    path.write_text("[mse]\ny_true = [1, 2, 3, 4, 5, 6, 7]\ny_pred = [1, 2, 3, 4, 5, 6, 7]\n", encoding="utf-8")
    with pytest.raises(ValuesError, match=r"many.toml:2: \[mse\] y_true has 7 examples"):
        course.load_values(path)
    path.write_text("[softmax]\nz = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]\n", encoding="utf-8")
    with pytest.raises(ValuesError, match=r"\[softmax\] z has 13 scores per row"):
        course.load_values(path)


@pytest.mark.parametrize("spec", [s for s in SPECS if s.reads], ids=[s.slug for s in SPECS if s.reads])
def test_the_tables_a_scene_reads_are_in_its_scene_table(spec, values):
    table = course.scene_table(spec.slug, values)
    for other in spec.reads:
        assert other in course.all_slugs() and other != spec.slug
        assert {f"{other}.{key}" for key in values[other]} <= set(table)


def test_every_erratum_names_a_scene_and_a_quantity_it_computes(values, explanations):
    assert values.errata, "lecture 1's notes have errata"
    for erratum in values.errata:
        assert erratum.scene in explanations, erratum
        assert erratum.quantity in explanations[erratum.scene].quantities, erratum
    # With the notes' own values every erratum applies: it is about those numbers.
    assert all(row.applies for row in course.errata(values))


@pytest.mark.parametrize("spec", [s for s in SPECS if s.script], ids=[s.slug for s in SPECS if s.script])
def test_a_scripts_beats_are_unique_captioned_and_played_by_the_scene(spec, explanations):
    script = spec.script(explanations[spec.slug])
    names = [beat.name for beat in script]
    assert names and len(names) == len(set(names)), names
    assert all(beat.caption.strip() for beat in script)
    if spec.beats:  # names declared so that listing computes nothing: the script's own
        assert list(spec.beats) == names
    module, cls = spec.scene.split(":")
    scene_class = getattr(__import__(module, fromlist=[cls]), cls)
    # An instance that is never set up, asked as scripted_beats asks (beat_example(1) plays
    # example-2; a scene may answer beat_rate_1, … through __getattr__, which only an instance asks).
    scene = object.__new__(scene_class)
    missing = []
    for name in names:
        try:
            scene._beat_method(name)
        except NotImplementedError:
            missing.append(name)
    assert not missing, f"{cls} has no beat_ method for {missing}"


_LIST_BOTH_WAYS = """
import json, sys
from pathlib import Path
from nnanim import beat_table
from nnanim.cli import main
beat_table.TABLE = Path(sys.argv[1])
for args in (["list"], ["list", "--json"], ["list", "--lecture", "2"], ["list", "--json", "--lecture", "2"]):
    try:
        main(args)
    except SystemExit as done:
        assert not done.code, done.code
packages = ("manim", "scenes", "course", "numpy", "nnmath")
print(sorted({m.split(".")[0] for m in sys.modules} & set(packages)), file=sys.stderr)
"""


def _list_with_table(table: dict | None, folder: Path) -> tuple[str, str]:
    """`nnanim list` (both lectures, text and JSON) in a fresh process reading ``table`` (none if
    ``None``), run in an empty ``folder``: (what it printed, the packages it imported)."""
    path = folder.parent / f"{folder.name}-table.json"
    if table is not None:
        path.write_text(json.dumps(table), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _LIST_BOTH_WAYS, str(path)], cwd=folder, capture_output=True,
                          text=True, check=True)
    assert list(folder.iterdir()) == [], "listing writes nothing where it is run"
    return done.stdout, done.stderr.strip()


def test_list_prints_the_same_from_a_current_table_and_from_the_course(tmp_path):
    """The fast path (a table made from the sources as they are) imports no course, numpy or manim;
    a stale table (its digest no longer the sources') or none is not used: the course is asked. All
    three print the same, byte for byte."""
    fresh = beat_table.table_of(course.LECTURES)
    assert fresh["digest"] == beat_table.sources_digest(fresh["sources"])
    stale = {**fresh, "digest": "0" * 64, "lectures": [{**lec, "title": "stale"} for lec in fresh["lectures"]]}
    runs = {}
    for name, table in (("fresh", fresh), ("stale", stale), ("none", None)):
        (tmp_path / name).mkdir()
        runs[name] = _list_with_table(table, tmp_path / name)
    assert runs["fresh"][1] == "[]", "the fast path imports none of course, scenes, numpy, manim, nnmath"
    assert "course" in runs["stale"][1] and "course" in runs["none"][1], "a stale or missing table is not read"
    assert runs["fresh"][0] == runs["stale"][0] == runs["none"][0]
    assert "stale" not in runs["stale"][0]
    listed = runs["fresh"][0]
    assert " 1  neuron " in listed and " 1  backprop-neuron " in listed and '"slug": "training"' in listed


def test_the_tables_digest_changes_with_any_source_a_listing_depends_on(tmp_path):
    """A new content module, an edit in the course or in nnmath makes the table stale; a change
    elsewhere (a scene's drawing, whose beats its script gives) does not."""
    import shutil

    for folder in ("course", "nnmath"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "nnanim").mkdir()
    shutil.copy(REPO / "nnanim" / "beat_table.py", tmp_path / "nnanim")
    sources = beat_table.table_of(course.LECTURES)["sources"]
    assert "scenes/**/*.py" not in sources, "every scene has a script: its drawing does not decide its beats"

    def digest() -> str:
        return beat_table.sources_digest(sources, tmp_path)

    before = digest()
    assert before == beat_table.sources_digest(sources), "the copy digests as the repository does"
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "one_hot.py").write_text("# drawn differently\n", encoding="utf-8")
    assert digest() == before
    changes = [
        lambda: (tmp_path / "course" / "lecture1" / "toy.py").write_text("SPEC = None\n", encoding="utf-8"),
        lambda: (tmp_path / "course" / "lecture1" / "one_hot.py").open("a").write("\n"),
        lambda: (tmp_path / "course" / "lecture1" / "errata.toml").open("a").write("\n"),
        lambda: (tmp_path / "nnmath" / "losses.py").open("a").write("\n"),
        lambda: (tmp_path / "nnanim" / "beat_table.py").open("a").write("\n"),
    ]
    seen = {before}
    for change in changes:
        change()
        seen.add(digest())
    assert len(seen) == len(changes) + 1, "each change gives a digest of its own"


@pytest.fixture(scope="module")
def current_table() -> dict:
    """A beat table made now (git holds none; make writes the checkout's)."""
    return beat_table.table_of(course.LECTURES)


@pytest.mark.parametrize("ref", ["1", "2", " 2 ", "LECTURE-2", "lecture-1", 1, 2, "0", "3", "x", "lecture-"])
def test_the_beat_table_names_a_lecture_as_the_course_does(ref, current_table, monkeypatch):
    # nnanim list looks a lecture up in the table with course.lecture's rule; a ref no lecture has
    # is not in the table either, so the course gives its error.
    monkeypatch.setattr(beat_table, "_table", lambda: current_table)
    listed = beat_table.listed_lecture(ref)
    try:
        expected = course.lecture(ref).key
    except course.UnknownLecture:
        expected = None
    assert (listed and listed["key"]) == expected


def _table_naming(lectures, beat: str) -> dict:
    """A beat table for ``lectures`` as the course has them, every scene with the single beat ``beat``."""
    return {
        "lectures": [
            {"number": lec.number, "key": lec.key, "title": lec.title,
             "scenes": [{"slug": s.slug, "title": s.title, "summary": s.summary, "beats": [beat]} for s in lec.scenes]}
            for lec in lectures
        ]
    }


def test_list_reads_the_beat_table_without_course_numpy_or_manim_and_writes_nothing(tmp_path):
    # The table is replaced by one naming a single beat "only" for every scene: the rows can then
    # only have come from the table, and the test does not depend on it being current.
    entries = _table_naming(course.LECTURES, "only")
    code = (
        "import json, sys\n"
        "from nnanim import beat_table\n"
        "from nnanim.cli import main\n"
        "entries = json.loads(sys.argv[1])\n"
        "beat_table._table = lambda: entries\n"
        "for lecture in ('1', '2'):\n"
        "    try:\n"
        "        main(['list', '--lecture', lecture, '--json'])\n"
        "    except SystemExit as done:\n"
        "        assert not done.code, done.code\n"
        "packages = ('manim', 'scenes', 'course', 'numpy', 'nnmath')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(packages)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, json.dumps(entries)], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    assert done.stderr.strip() == "[]", done.stderr
    rows = [row for chunk in done.stdout.split("\n]\n") if chunk.strip() for row in json.loads(chunk + "]")]
    assert [r["slug"] for r in rows] == course.all_slugs()
    assert all(r["beat_names"] == ["only"] and r["beats"] == 1 for r in rows)
    assert list(tmp_path.iterdir()) == [], "listing writes nothing where it is run"


def test_list_asks_the_course_for_a_lecture_the_table_does_not_name_and_for_every_scene_with_other_values(
    monkeypatch, tmp_path
):
    second = course.lecture(2)
    only_second = _table_naming([second], "from-the-table")
    monkeypatch.setattr(beat_table, "_table", lambda: only_second)
    monkeypatch.setattr(beat_table, "beat_names", lambda slug, values=None, values_file=None: ["asked", slug])

    def listed(*args):
        result = CliRunner().invoke(main, ["list", "--json", *args])
        assert result.exit_code == 0, result.output
        return {r["slug"]: r["beat_names"] for r in json.loads(result.output)}

    assert listed() == {s: ["asked", s] for s in course.lecture(1).slugs}
    assert listed("--lecture", "2") == {s: ["from-the-table"] for s in second.slugs}
    other = tmp_path / "other.toml"
    other.write_text("[dot-product]\na = [1, 2]\nb = [3, 4]\n", encoding="utf-8")
    assert listed("--values", str(other)) == {s: ["asked", s] for s in course.lecture(1).slugs}
    assert listed("--values", str(other), "--lecture", "2") == {s: ["asked", s] for s in second.slugs}
