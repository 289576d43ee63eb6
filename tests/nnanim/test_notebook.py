"""`nnanim notebook` and `nnanim.show`: the lecture as an executed notebook, videos in a notebook.

The notebook tests replace the renderer with one that writes a small stand-in video and the
beats' captions (as the batch's manifest records them), so that they test the notebook, not
manim: each written notebook is executed again on a fresh kernel and its printed numbers are held
to ``nnanim explain`` (with the lecture's values and with values of other shapes). The one test
that renders for real (``nnanim.show``) is marked slow.
"""

from __future__ import annotations

import base64
import copy
import re
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from IPython.core.formatters import DisplayFormatter
from IPython.display import Video
from nbclient import NotebookClient

import course
import nnanim
import nnanim.batch
from course import explain, load_values
from nnanim.batch import BeatInfo, JobResult
from nnanim.cli import main
from nnanim.notebook.build import _escape as escape
from nnanim.notebook.show import ShowError
from nnanim.notebook.cells import CODE
from test_notebook_cells import OTHER_SHAPES, assert_prints

LECTURE_1 = course.lecture(1).slugs
# Markdown and HTML specials in a caption must reach the reader as text.
CAPTION = "{slug}: beat {k} of *np.dot(x, w_1)* <b>"


def invoke(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def fake_video(slug: str) -> bytes:
    return f"not really an mp4 of {slug}\n".encode() * 40


def fake_run_jobs(jobs, *, workers, force, on_result, scheduler=None):
    """A render that writes a stand-in video and two beats per scene, as the batch would record them."""
    results = []
    for job in jobs:
        job.folder.mkdir(parents=True, exist_ok=True)
        (job.folder / f"{job.stem}.mp4").write_bytes(fake_video(job.slug))
        beats = tuple(BeatInfo(k, f"beat{k}", CAPTION.format(slug=job.slug, k=k), k, k + 1.0) for k in (1, 2))
        results.append(JobResult(job, "rendered", files=(f"{job.stem}.mp4",), beats=beats))
        on_result(results[-1])
    return results


@pytest.fixture
def fake_renders(monkeypatch):
    monkeypatch.setattr(nnanim.batch, "run_jobs", fake_run_jobs)


def invoke_with_fake_renders(*args: str | Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nnanim.batch, "run_jobs", fake_run_jobs)
        result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result


def write(out: Path, *options: str | Path, lecture: int = 1) -> Path:
    """Run `nnanim notebook` with stand-in renders; the notebook's path."""
    result = invoke_with_fake_renders("notebook", "-q", "l", "--out", out, *(("--lecture", lecture) if lecture != 1 else ()), *options)
    name = "lecture-embedded.ipynb" if "--embed" in options else "lecture.ipynb"
    path = out / f"lecture-{lecture}" / "dark" / "l" / "notebooks" / name
    assert f"notebook of {len(course.lecture(lecture).slugs)} scenes" in result.output and str(path) in result.output
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """The notebooks the tests read, each written once: the lecture's, the same again into
    another folder, with values of other shapes, and with the videos embedded."""
    root = tmp_path_factory.mktemp("notebooks")
    return {
        "lecture": write(root / "lecture"),
        "again": write(root / "again"),
        "other-shapes": write(root / "other", "--values", OTHER_SHAPES),
        "embedded": write(root / "embedded", "--embed"),
    }


def cells_of(notebook, slug: str, kind: str) -> list:
    return [cell for cell in notebook.cells if re.fullmatch(rf"{re.escape(slug)}-{kind}(-\d+)?", cell.id)]


def printed_by(notebook, slug: str) -> str:
    return "".join(output["text"] for cell in cells_of(notebook, slug, "code") for output in cell.outputs)


def fresh_run(notebook, folder: Path):
    """``notebook`` run again top to bottom on a fresh kernel from ``folder`` (its outputs cleared first)."""
    fresh = copy.deepcopy(notebook)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(fresh, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return fresh


# --- the written notebook --------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["lecture", "other-shapes"])
def test_written_notebook_holds_outputs_that_equal_explain_and_a_fresh_kernel_agrees(written, which):
    path = written[which]
    values = load_values(OTHER_SHAPES if which == "other-shapes" else None)
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    # Written already executed, in order, with nothing but printed text.
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert {output["output_type"] for cell in code for output in cell.outputs} == {"stream"}
    assert {output["name"] for cell in code for output in cell.outputs} == {"stdout"}
    for slug in LECTURE_1:
        assert_prints(slug, printed_by(notebook, slug), explain(slug, values), values)
    # Run again top to bottom on a fresh kernel, from the notebook's folder: no error, same outputs.
    fresh = fresh_run(notebook, path.parent)
    for slug in LECTURE_1:
        assert printed_by(fresh, slug) == printed_by(notebook, slug), slug


@pytest.mark.parametrize("which", ["lecture", "other-shapes"])
def test_lecture_2s_notebook_prints_what_explain_computes(tmp_path, which):
    """Lecture 2's notebook: its scenes in order, each with code whose outputs are explain's numbers
    (with the lecture's values: the book's 10,000 epochs of training, run once, in the writing)."""
    values_file = OTHER_SHAPES if which == "other-shapes" else None
    path = write(tmp_path, *(("--values", values_file) if values_file else ()), lecture=2)
    values = load_values(values_file)
    notebook = nbformat.read(path, as_version=4)
    slugs = course.lecture(2).slugs
    assert [cell.id.removesuffix("-text") for cell in notebook.cells if cell.id.endswith("-text")] == slugs
    assert notebook.cells[0].source.startswith(f"# Lecture 2: {course.lecture(2).title}")
    for slug in slugs:
        assert cells_of(notebook, slug, "code"), slug
        assert_prints(slug, printed_by(notebook, slug), explain(slug, values), values)
    if values_file:  # a fresh kernel agrees (the short training of the other shapes' values)
        fresh = fresh_run(notebook, path.parent)
        assert [printed_by(fresh, slug) for slug in slugs] == [printed_by(notebook, slug) for slug in slugs]


def test_each_scene_has_its_title_captions_errata_video_and_code_in_lecture_order(written):
    path = written["lecture"]
    notebook = nbformat.read(path, as_version=4)
    values = load_values()
    order = [cell.id.split("-text")[0] for cell in notebook.cells if cell.id.endswith("-text")]
    assert order == list(LECTURE_1)
    for number, slug in enumerate(LECTURE_1, start=1):
        [text], [video] = cells_of(notebook, slug, "text"), cells_of(notebook, slug, "video")
        assert text.cell_type == video.cell_type == "markdown"
        assert text.source.startswith(f"## {number}. {explain(slug, values).title}\n")
        script = course.beat_script(slug, values)
        if script is None:  # the render's captions, with markdown's specials escaped so they read as written
            for k in (1, 2):
                assert rf"- {slug}: beat {k} of \*np.dot(x, w\_1)\* \<b\>" in text.source
        else:  # the scene's own beat script, not the render's
            assert "\n\n" + "\n".join(f"- {escape(b.caption)}" for b in script) + "\n" in text.source + "\n"
        ids = [cell.id for cell in notebook.cells]
        assert ids.index(text.id) + 1 == ids.index(video.id)
        assert ids.index(video.id) + 1 == ids.index(f"{slug}-code-1")
        # The video is linked relative to the notebook, so the folder can be moved as a whole.
        [source] = re.findall(r'<video controls src="([^"]+)"', video.source)
        assert not Path(source).is_absolute()
        assert (path.parent / source).read_bytes() == fake_video(slug)
    # The notes' errata where they went wrong, with the computed value.
    [matrix_vector] = cells_of(notebook, "matrix-vector", "text")
    assert "the notes wrote 69; computed 68 (10·1 + 11·2 + 12·3)" in matrix_vector.source
    [layers] = cells_of(notebook, "layers", "text")
    assert "the notes wrote 2×4; computed 3×4" in layers.source
    [cross_entropy] = cells_of(notebook, "cross-entropy", "text")
    assert "the notes wrote 0.22; computed 0.511" in cross_entropy.source
    assert "the notes wrote" not in "".join(c.source for c in cells_of(notebook, "softmax", "text"))


def test_a_scene_without_code_says_where_its_numbers_are(monkeypatch, tmp_path):
    """Every scene has code now; one added without it gets a pointer to explain, not a silent gap."""
    import nnanim.notebook.build as build
    import nnanim.notebook.cells as cells

    values = load_values()
    without = {slug: f for slug, f in CODE.items() if slug != "mse"}
    monkeypatch.setattr(build, "CODE", without)
    monkeypatch.setattr(cells, "CODE", without)
    part = build.SceneParts(1, explain("mse", values), values["mse"], ["a caption"], tmp_path / "mse.mp4")
    notebook = build.build_notebook("Lecture", [part], tmp_path)
    [text] = cells_of(notebook, "mse", "text")
    assert "No numpy cell for this scene: `nnanim explain mse`" in text.source
    assert not cells_of(notebook, "mse", "code")


def test_errata_of_the_notes_are_left_out_when_the_values_are_not_the_notes(written):
    notebook = nbformat.read(written["other-shapes"], as_version=4)
    assert not [cell for cell in notebook.cells if "the notes wrote" in cell.source]
    assert "the values in `other-shapes.toml`" in notebook.cells[0].source


def test_same_inputs_give_the_same_bytes_and_other_values_other_bytes(written):
    assert written["lecture"].read_bytes() == written["again"].read_bytes()
    assert written["lecture"].read_bytes() != written["other-shapes"].read_bytes()
    # Nothing of the run is kept: no timings, no machine-specific kernel description.
    notebook = nbformat.read(written["lecture"], as_version=4)
    assert all("execution" not in cell.metadata for cell in notebook.cells)
    assert "version" not in notebook.metadata.language_info


def test_writing_again_replaces_the_notebook_with_the_same_bytes(written, tmp_path):
    out = written["lecture"].parents[4]
    before = written["lecture"].read_bytes()
    assert write(out) == written["lecture"]
    assert written["lecture"].read_bytes() == before
    assert sorted(p.name for p in written["lecture"].parent.iterdir()) == ["lecture.ipynb"]


def test_the_same_cells_keep_their_outputs_without_a_kernel_and_edited_outputs_are_run_again(monkeypatch, tmp_path):
    import nnanim.notebook.build as build

    out = tmp_path / "out"
    path = write(out)
    before = path.read_bytes()
    runs = []
    real = build.execute
    monkeypatch.setattr(build, "execute", lambda notebook, folder: runs.append(folder) or real(notebook, folder))
    result = invoke_with_fake_renders("notebook", "-q", "l", "--out", out)
    assert "(cells unchanged: their outputs kept)" in result.output
    assert runs == [] and path.read_bytes() == before
    # The embedded notebook takes its outputs from the linked one beside it.
    embedded = write(out, "--embed")
    assert runs == [] and embedded.read_bytes() != before
    # Outputs edited by hand are not taken for a run's: the cells run again and the numbers come back.
    text = path.read_text(encoding="utf-8")
    assert "0.09003057" in text  # softmax's first probability
    path.write_text(text.replace("0.09003057", "0.5", 1), encoding="utf-8")
    embedded.unlink()
    assert write(out).read_bytes() == before and runs == [path.parent]
    # Other values, other cells: they run.
    write(out, "--values", OTHER_SHAPES)
    assert len(runs) == 2


def test_embed_holds_every_video_inline(written):
    notebook = nbformat.read(written["embedded"], as_version=4)
    for slug in LECTURE_1:
        [video] = cells_of(notebook, slug, "video")
        [data] = re.findall(r'<video controls src="data:video/mp4;base64,([^"]+)"', video.source)
        assert base64.b64decode(data) == fake_video(slug)
    # The code and its outputs are those of the linked notebook.
    linked = nbformat.read(written["lecture"], as_version=4)
    assert [c.outputs for c in notebook.cells if c.cell_type == "code"] == [
        c.outputs for c in linked.cells if c.cell_type == "code"
    ]


# --- bad input ----------------------------------------------------------------------------------


def test_a_values_error_is_refused_before_anything_is_written(tmp_path, fake_renders):
    values = tmp_path / "bad.toml"
    values.write_text('[softmax]\nz = [1, "two", 3]\n', encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("notebook", "-q", "l", "--out", out, "--values", values)
    assert result.exit_code != 0
    assert f"{values}:2" in result.output and "softmax.z" in result.output
    assert not out.exists()


def test_values_no_scene_computes_are_refused_before_anything_is_written(tmp_path, fake_renders):
    values = tmp_path / "bad.toml"
    values.write_text("[layers]\nX = [[1, 2, 3]]\n", encoding="utf-8")  # 3 features; w1 takes 4
    out = tmp_path / "out"
    result = invoke("notebook", "--out", out, "--values", values)
    assert result.exit_code != 0 and "scene layers" in result.output and "inner dimensions" in result.output
    assert not out.exists()


def test_an_out_that_cannot_be_written_is_said_clearly(tmp_path, fake_renders):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = invoke("notebook", "-q", "l", "--out", blocker)
    assert result.exit_code != 0 and f"'{blocker}' is a file" in result.output
    result = invoke("notebook", "-q", "l", "--out", blocker / "inside")
    assert result.exit_code != 0
    assert "cannot write the notebook" in result.output
    assert f"{blocker / 'inside'} cannot be created: {blocker} is a file" in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_unknown_lecture_is_refused(tmp_path, fake_renders):
    result = invoke("notebook", "--lecture", "7", "--out", tmp_path / "out")
    assert result.exit_code != 0 and "no lecture '7'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_failing_cell_keeps_the_previous_notebook_and_leaves_no_partial_file(written, monkeypatch, tmp_path):
    out = tmp_path / "out"
    path = write(out)
    before = path.read_bytes()
    import nnanim.notebook.build as build

    real = build.code_cells
    monkeypatch.setattr(build, "code_cells", lambda slug, *a: [*real(slug, *a), "1 / 0"] if slug == "mse" else real(slug, *a))
    monkeypatch.setattr(nnanim.batch, "run_jobs", fake_run_jobs)
    result = invoke("notebook", "-q", "l", "--out", out)
    assert result.exit_code != 0
    assert "a cell of the notebook failed; nothing was written" in result.output and "ZeroDivisionError" in result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["lecture.ipynb"]


# --- nnanim.show ----------------------------------------------------------------------------------


def test_show_returns_a_video_ipython_displays_inline(tmp_path, fake_renders):
    video = nnanim.show("softmax", values={"z": [0.5, 1.5]}, quality="l", out=tmp_path)
    assert isinstance(video, Video)
    assert Path(video.filename) == tmp_path / "lecture-1" / "dark" / "l" / "10_softmax.mp4" and Path(video.filename).is_file()
    formats, _ = DisplayFormatter().format(video)
    [data] = re.findall(r'src="data:video/mp4;base64,([^"]+)"', formats["text/html"])
    assert base64.b64decode(data) == fake_video("softmax")


def test_show_says_what_the_command_line_says_about_a_bad_slug(tmp_path, fake_renders):
    with pytest.raises(ShowError) as raised:
        nnanim.show("softmx", out=tmp_path)
    command_line = invoke("render", "softmx", "--out", tmp_path)
    assert str(raised.value) in command_line.output
    assert "Did you mean softmax?" in str(raised.value)
    # In IPython the message alone is shown, not a traceback.
    assert raised.value._render_traceback_() == [f"ShowError: {raised.value}"]


def test_show_says_what_the_command_line_says_about_a_bad_values_file(tmp_path, fake_renders):
    values = tmp_path / "bad.toml"
    values.write_text("[softmax]\nz = [1, 2, nan]\n", encoding="utf-8")
    with pytest.raises(ShowError) as raised:
        nnanim.show("softmax", values=values, out=tmp_path / "out")
    command_line = invoke("render", "softmax", "--values", values, "--out", tmp_path / "out")
    assert str(raised.value) in command_line.output and f"{values}:2" in str(raised.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"z": [1, "two"]}, "softmax.z must be real numbers"),
        ({"zz": [1, 2]}, "unknown key 'zz' in [softmax]; did you mean 'z'?"),
        ({"z": [1.0, float("inf")]}, "softmax.z"),
        ({"softmax": {"z": [[1, 2], [3]]}}, "softmax.z is ragged"),
        ({"z": {1, 2}}, "values['z'] must be numbers, names or lists of them"),
    ],
)
def test_show_refuses_bad_values_given_as_a_dict_naming_the_key(tmp_path, fake_renders, values, expected):
    with pytest.raises(ShowError) as raised:
        nnanim.show("softmax", values=values, out=tmp_path / "out")
    assert expected in str(raised.value)
    assert "nnanim-show-" not in str(raised.value)  # no temporary file's name
    assert not (tmp_path / "out").exists()


def test_show_refuses_a_bad_quality_or_theme(tmp_path, fake_renders):
    with pytest.raises(ShowError, match="quality must be one of l, m, h, k, got 'x'"):
        nnanim.show("softmax", quality="x", out=tmp_path)
    with pytest.raises(ShowError, match="theme must be one of dark, light, got 'blue'"):
        nnanim.show("softmax", theme="blue", out=tmp_path)


@pytest.mark.slow
def test_show_renders_through_the_cache_and_a_notebook_displays_it(tmp_path):
    values = {"labels": ["daisy"], "features": [[1, 2]]}
    first = nnanim.show("one-hot", values=values, quality="l", out=tmp_path)
    path = Path(first.filename)
    assert path == tmp_path / "lecture-1" / "dark" / "l" / "12_one-hot.mp4"
    assert path.read_bytes()[4:8] == b"ftyp"  # an MP4 file
    made = path.stat().st_mtime_ns
    # Inside a notebook, on its kernel: the same call finds the video up to date and shows it inline;
    # a wrong slug is the command line's message, not a traceback.
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import nnanim"),
        nbformat.v4.new_code_cell(f"nnanim.show('one-hot', values={values!r}, quality='l', out={str(tmp_path)!r})"),
        nbformat.v4.new_code_cell("nnanim.show('one_hot')"),
    ])
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True).execute()
    shown = [o for o in notebook.cells[1].outputs if o["output_type"] == "execute_result"]
    [data] = re.findall(r'src="data:video/mp4;base64,([^"]+)"', shown[0]["data"]["text/html"])
    assert base64.b64decode(data) == path.read_bytes()
    assert path.stat().st_mtime_ns == made  # up to date: not rendered again
    [error] = [o for o in notebook.cells[2].outputs if o["output_type"] == "error"]
    assert error["ename"] == "ShowError" and "Did you mean one-hot?" in error["evalue"]
    assert error["traceback"] == [f"ShowError: {error['evalue']}"]
