"""Bad input and faults: fuzzed values files and arguments, a full or read-only disk, missing
tools, paths that try to leave the output folder. Each ends in one readable message, a non-zero
exit, the previous output intact and no temporary files."""

from __future__ import annotations

import errno
import math
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course
import nnanim.batch
from nnanim.batch import TEMP_PREFIX, Job, JobResult
from nnanim.cli import main

CATALOGUE = course.lecture(1).slugs
SCHEMA = course.schema()

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def invoke(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_one_readable_error(result) -> None:
    """A non-zero exit with a message on the 'Error:' line, and no traceback."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "Error: " in result.output


@pytest.fixture
def captured_jobs(monkeypatch):
    seen: list[list[Job]] = []

    def fake_run_jobs(jobs, *, workers, force, on_result, scheduler=None):
        seen.append(jobs)
        return [JobResult(job, "cached", files=(f"{job.stem}.{job.fmt}",)) for job in jobs]

    monkeypatch.setattr(nnanim.batch, "run_jobs", fake_run_jobs)
    return seen


# --- fuzzing the values file -------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e-308, 5e-324, 1e308, -1e308, 123456789012.5, 1e-12]),
)
scalars = st.one_of(numbers, st.text(max_size=12), st.booleans())
arrays = st.recursive(scalars, lambda inner: st.lists(inner, max_size=7), max_leaves=60)
keys = st.one_of(
    st.sampled_from(sorted({key for table in SCHEMA.values() for key in table})),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8),
)
tables = st.one_of(st.sampled_from(list(SCHEMA)), st.text(min_size=1, max_size=10))
values_documents = st.dictionaries(tables, st.dictionaries(keys, arrays, max_size=4), min_size=1, max_size=3)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


def toml_key(key: str) -> str:
    return '"' + key.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def toml_document(document: dict) -> str:
    lines = []
    for table, entries in document.items():
        lines.append(f"[{toml_key(table)}]")
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in entries.items()]
    return "\n".join(lines) + "\n"


@FUZZ
@given(document=values_documents)
def test_any_values_file_is_accepted_or_refused_with_one_message(tmp_path_factory, captured_jobs, document):
    folder = tmp_path_factory.mktemp("fuzz")
    values = folder / "fuzz.toml"
    values.write_text(toml_document(document), encoding="utf-8")
    out = folder / "out"
    explained = invoke("explain", "--all", "--values", values)
    rendered = invoke("render", "--all", "--values", values, "--out", out)
    assert explained.exit_code == rendered.exit_code
    if explained.exit_code == 0:
        assert explained.output.strip()
        assert captured_jobs and len(captured_jobs[-1]) == len(CATALOGUE)
    else:
        assert_one_readable_error(explained)
        assert_one_readable_error(rendered)
        assert str(values) in rendered.output or "scene " in rendered.output
        assert not out.exists()


@FUZZ
@given(
    args=st.lists(
        st.one_of(
            st.sampled_from(["--all", "-q", "--theme", "--format", "--jobs", "--out", "--values", "--force", "x", "0",
                             "svg", "k", "light", "mp4", "-j", "--transparent", "--name", "neuron", "*", "?", "[a"]),
            st.text(max_size=10),
        ),
        max_size=6,
    ),
    command=st.sampled_from(["render", "stills", "deck", "figures", "explain", "list", "errata", "values", "doctor"]),
)
def test_any_arguments_end_in_a_result_or_one_usage_message(tmp_path_factory, captured_jobs, monkeypatch, command, args):
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    result = invoke(command, *args)
    if result.exit_code != 0:
        assert_one_readable_error(result)


def test_values_are_data_never_code(tmp_path, captured_jobs):
    marker = tmp_path / "ran"
    values = tmp_path / "evil.toml"
    values.write_text(f"[neuron]\nbias = \"__import__('os').system('touch {marker}')\"\n", encoding="utf-8")
    result = invoke("render", "neuron", "--values", values, "--out", tmp_path / "out")
    assert_one_readable_error(result)
    assert "neuron.bias must be numbers" in result.output
    assert not marker.exists()


# --- paths: nothing leaves the output folder ------------------------------------------------------------


def test_every_output_path_lies_inside_the_output_folder(tmp_path, captured_jobs):
    out = tmp_path / "out"
    for command, extra in (("render", ()), ("stills", ("--transparent",)), ("stills", ("--format", "svg"))):
        assert invoke(command, "--all", "--out", out, *extra).exit_code == 0
    jobs = [job for batch in captured_jobs for job in batch]
    assert len(jobs) == 3 * len(CATALOGUE)
    for job in jobs:
        for path in (job.folder, job.stills_folder, job.manifest_path, job.folder / f"{job.stem}.{job.fmt}"):
            assert path.resolve().is_relative_to(out.resolve()), path


@pytest.mark.parametrize("name", ["../outside", "a/b", ".hidden", "..", "/etc/passwd"])
def test_a_deck_name_cannot_name_another_folder(tmp_path, captured_jobs, name):
    result = invoke("deck", "neuron", "--out", tmp_path / "out", "--name", name)
    assert_one_readable_error(result)
    assert "--name" in result.output
    assert not captured_jobs


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "is empty"),
        (" ", "is empty"),
        (" week 2", "starts or ends with a space"),
        ("*", "holds '*'"),
        ("week[2", "holds '['"),
        ("x.pdf", "without an extension (--format adds it): --name x"),
        ("-rf", "reads as an option"),
        ("x" * 300, "300 characters long"),
        ("ä" * 150, "150 characters long"),  # 300 bytes in UTF-8
    ],
)
def test_a_deck_name_is_checked_before_anything_renders(tmp_path, captured_jobs, name, says):
    result = invoke("deck", "neuron", "--out", tmp_path / "out", "--name", name)
    assert_one_readable_error(result)
    assert "--name" in result.output and says in result.output
    assert not captured_jobs and not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["week 2", "Woche_2 (Gruppe A)", "週2", "v1.2"])
def test_plain_deck_names_are_kept(tmp_path, captured_jobs, monkeypatch, name):
    import nnanim.deck

    written = []
    monkeypatch.setattr(nnanim.deck, "write_pdf", lambda slides, path: written.append(path))
    monkeypatch.setattr(nnanim.deck, "slides_of", lambda stills, videos: [])
    result = invoke("deck", "neuron", "--out", tmp_path / "out", "--name", name)
    assert result.exit_code == 0, result.output
    assert [p.name for p in written] == [f"{name}.pdf"]


def test_cross_entropy_renders_again_when_the_forward_pass_changes(tmp_path, captured_jobs):
    # Its network beat is computed from [forward-pass]: the cache key must hold those values too.
    values = tmp_path / "fp.toml"
    values.write_text("[forward-pass]\nb2 = [3.0, 0.0, 0.0]\n", encoding="utf-8")
    assert invoke("stills", "cross-entropy", "one-hot", "--out", tmp_path / "a").exit_code == 0
    assert invoke("stills", "cross-entropy", "one-hot", "--values", values, "--out", tmp_path / "b").exit_code == 0
    before, after = ({job.slug: job.values_key for job in batch} for batch in captured_jobs)
    assert before["cross-entropy"] != after["cross-entropy"]
    assert before["one-hot"] == after["one-hot"]


def test_names_no_font_can_draw_are_refused_before_rendering(tmp_path, captured_jobs, monkeypatch):
    import nnanim.doctor

    monkeypatch.setattr(nnanim.doctor, "_has_a_font", lambda char: ord(char) < 0x3000)
    values = tmp_path / "jp.toml"
    values.write_text('[one-hot]\nclasses = ["薔薇", "daisy", "tulip"]\nlabels = ["薔薇", "tulip"]\n', encoding="utf-8")
    result = invoke("stills", "one-hot", "--values", values, "--out", tmp_path / "out")
    assert_one_readable_error(result)
    assert "fonts-noto-cjk" in result.output and "[one-hot] classes" in result.output
    assert not captured_jobs and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_names_in_the_values_are_shown_never_used_as_paths(tmp_path):
    values = tmp_path / "names.toml"
    values.write_text('[one-hot]\nclasses = ["../../up", "a/b", "c\\\\d"]\nlabels = ["a/b", "../../up", "c\\\\d"]\n'
                      'features = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]\n', encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("stills", "one-hot", "-q", "l", "--out", out, "--values", values)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["names.toml", "out"]
    assert not (tmp_path.parent / "up").exists()
    stills = sorted((out / "lecture-1" / "dark" / "l" / "stills").iterdir())
    assert stills and all(p.name.startswith("12_one-hot_") for p in stills)


# --- missing tools, full and read-only disks ----------------------------------------------------------


def _path_with_only(tmp_path: Path, *tools: str) -> str:
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in tools:
        os.symlink(shutil.which(tool), folder / tool)
    return str(folder)


def test_a_missing_dvisvgm_stops_the_render_and_names_the_package(tmp_path, captured_jobs, monkeypatch):
    monkeypatch.setenv("PATH", _path_with_only(tmp_path, "latex"))
    result = invoke("stills", "neuron", "--out", tmp_path / "out")
    assert_one_readable_error(result)
    assert "dvisvgm" in result.output and "apt-get install dvisvgm" in result.output
    assert "latex: " not in result.output.replace("✓", "")  # latex itself is found
    assert not captured_jobs


def test_an_output_folder_that_cannot_be_created_is_refused(tmp_path, captured_jobs):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = invoke("render", "neuron", "--out", blocker / "renders")
    assert_one_readable_error(result)
    assert "is a file" in result.output and "--out" in result.output
    assert not captured_jobs


STILLS_SCENE = "vector-matrix"


@pytest.fixture(scope="module")
def stills_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("stills")
    # vector-matrix: the quickest scene to play (each parameter below plays it again)
    assert invoke("stills", STILLS_SCENE, "-q", "l", "--out", out).exit_code == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "advice"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "no permission")],
)
def test_a_disk_that_fails_while_publishing_keeps_the_previous_stills(stills_folder, tmp_path, monkeypatch, code, advice):
    out = tmp_path / "out"
    shutil.copytree(stills_folder, out)
    folder = out / "lecture-1" / "dark" / "l"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    real_replace = os.replace
    calls = []

    def failing_replace(source, destination):
        if TEMP_PREFIX in str(destination):  # a file the render writes in its own temporary folder
            return real_replace(source, destination)
        calls.append(destination)
        if len(calls) == 2:  # the first still is in place, then the disk fails
            raise OSError(code, os.strerror(code), str(destination))
        return real_replace(source, destination)

    monkeypatch.setattr(nnanim.batch.os, "replace", failing_replace)
    result = invoke("stills", STILLS_SCENE, "-q", "l", "--out", out, "--force", "-j", "1")
    assert_one_readable_error(result)
    if code == errno.EACCES and os.geteuid() == 0:
        advice = "the system refuses"  # root writes through the mode bits: chmod is not the advice
    assert advice in result.output and STILLS_SCENE in result.output
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert set(after) == set(before)
    # Each still is whole: the old one, or (the one that was replaced first) an identical new one.
    assert after == before
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))
