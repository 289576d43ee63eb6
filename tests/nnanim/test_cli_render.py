"""`nnanim list`, `render`, `stills` and `deck`: choosing scenes, errors before rendering, real
low-quality renders, the cache, vector stills, decks and atomic output."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest
from click.testing import CliRunner

import nnanim.batch
from course import explain, lecture, load_values
from nnanim.batch import TEMP_PREFIX, JobResult
from nnanim.cli import main
from nnanim.commands.common import select_scenes
from nnmath.display import format_number
from scene_harness import video_timing
from scenes.render import scene_beats

NNANIM = [sys.executable, "-m", "nnanim.cli"]


def invoke(*args: str | Path):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(folder: Path, stem: str, detail: str) -> dict:
    return json.loads((folder / ".nnanim" / f"{stem}.{detail}.json").read_text(encoding="utf-8"))


# --- choosing scenes and the errors found before anything renders ---------------------------------


def test_globs_and_slugs_select_scenes_in_lecture_order_once():
    assert select_scenes(("matrix-*",), False) == ["matrix-vector", "matrix-matrix"]
    assert select_scenes(("softmax", "neuron", "*-product", "neuron"), False) == ["neuron", "dot-product", "softmax"]
    assert select_scenes((), True) == lecture(1).slugs


@pytest.fixture
def captured_jobs(monkeypatch):
    """Replace the renderer with one that records the jobs it was given."""
    seen = []

    def fake_run_jobs(jobs, *, workers, force, on_result, scheduler=None):
        seen.append((jobs, workers, force))
        results = [JobResult(job, "rendered", files=(f"{job.stem}.{job.fmt}",)) for job in jobs]
        for result in results:
            on_result(result)
        return results

    monkeypatch.setattr(nnanim.batch, "run_jobs", fake_run_jobs)
    return seen


def test_render_builds_one_job_per_selected_scene_with_the_options(captured_jobs, tmp_path):
    result = invoke("render", "matrix-*", "softmax", "-q", "m", "--theme", "light", "--out", tmp_path, "-j", "3",
                    "--format", "webm")
    assert result.exit_code == 0, result.output
    [(jobs, workers, force)] = captured_jobs
    assert [(j.slug, j.number) for j in jobs] == [("matrix-vector", 4), ("matrix-matrix", 6), ("softmax", 10)]
    assert {(j.kind, j.quality, j.theme, j.fmt, j.out) for j in jobs} == {("video", "m", "light", "webm", tmp_path)}
    assert (workers, force) == (3, False)
    assert str(tmp_path / "lecture-1" / "light" / "m" / "10_softmax.webm") in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("render", "softmx"), "Did you mean softmax?"),
        (("render",), "name one or more scenes"),
        (("stills", "zz*"), "no scene matches 'zz*'"),
        (("deck", "neuron", "--format", "odp"), "'odp' is not one of"),
        (("render", "neuron", "-q", "x"), "'x' is not one of"),
        (("deck", "neuron", "--name", "../elsewhere"), "Invalid value for '--name'"),
    ],
)
def test_bad_arguments_are_usage_errors_that_say_what_to_do(captured_jobs, args, expected):
    result = invoke(*args)
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not captured_jobs


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[neuron]\nbias = 1\nwieghts = [1, 2, 3]\n", ["mine.toml:3:", "unknown key 'wieghts'", "'weights'"]),
        ("[neuron]\ninputs = [[1, 2], [3, 4]]\n", ["mine.toml:2:", "neuron.inputs has shape (2, 2)", "rank 1"]),
        ('[neuron]\n\nbias = "two"\n', ["mine.toml:3:", "neuron.bias must be numbers", "'two'"]),
        ("[neuron]\ninputs = [1, 2]\n", ["scene neuron", "inner dimensions 2 and 3 differ"]),
    ],
)
def test_bad_values_are_rejected_before_anything_renders(captured_jobs, tmp_path, toml, expected):
    values = tmp_path / "mine.toml"
    values.write_text(toml, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("render", "neuron", "--values", values, "--out", out)
    assert result.exit_code == 2, result.output
    for word in expected:
        assert word in result.output
    assert not captured_jobs
    assert not out.exists()


def test_a_missing_latex_stops_the_render_with_the_package_to_install(captured_jobs, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = invoke("render", "neuron", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "latex" in result.output and "apt-get install" in result.output and "texlive-latex-base" in result.output
    assert not captured_jobs


def test_list_shows_every_scene_in_lecture_order_with_its_beats():
    result = invoke("list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["slug"] for r in rows] == lecture(1).slugs
    for row in rows:
        assert row["title"] == lecture(1).scenes[lecture(1).position(row["slug"]) - 1].title
        assert row["beat_names"] == [b.name for b in scene_beats(row["slug"])]
        assert row["beats"] == len(row["beat_names"])
    text = invoke("list").output.splitlines()
    assert len(text) == len(lecture(1).slugs)
    assert text[9].split()[:2] == ["10", "softmax"]


# --- real renders at low quality ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """`nnanim render neuron -q l` into a fresh output folder, and that folder."""
    out = tmp_path_factory.mktemp("renders")
    result = invoke("render", "neuron", "-q", "l", "--out", out, "-j", "1")
    assert result.exit_code == 0, result.output
    return out, out / "lecture-1" / "dark" / "l"


@pytest.mark.slow
def test_render_writes_the_video_its_subtitles_and_a_clip_per_beat(rendered):
    out, folder = rendered
    beats = scene_beats("neuron")
    video = folder / "01_neuron.mp4"
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        assert sum(1 for _ in container.decode(stream)) > 0
    subtitles = (folder / "01_neuron.srt").read_text(encoding="utf-8")
    assert [b.caption for b in beats] == [block.splitlines()[2] for block in subtitles.strip().split("\n\n")]
    clips = sorted((folder / "clips" / "01_neuron").glob("*.mp4"))
    assert [c.name for c in clips] == [f"{i:02d}_{b.name}.mp4" for i, b in enumerate(beats, start=1)]
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))


@pytest.mark.slow
def test_a_second_render_is_skipped_until_something_changes(rendered, tmp_path):
    out, folder = rendered
    video = folder / "01_neuron.mp4"
    before = video.stat().st_mtime_ns
    again = invoke("render", "neuron", "-q", "l", "--out", out)
    assert again.exit_code == 0
    assert "up to date neuron" in again.output
    assert video.stat().st_mtime_ns == before
    # Another quality is another output; other values make this one out of date.
    values = tmp_path / "bias.toml"
    values.write_text("[neuron]\nbias = 1.5\n", encoding="utf-8")
    changed = invoke("stills", "neuron", "-q", "l", "--out", out, "--values", values)
    assert "rendered  neuron" in changed.output
    forced = invoke("render", "neuron", "-q", "l", "--out", out, "--force", "-j", "1")
    assert "rendered  neuron" in forced.output
    assert video.stat().st_mtime_ns != before


@pytest.mark.slow
def test_stills_one_per_beat_png_and_true_vector_svg(tmp_path):
    beats = [b.name for b in scene_beats("dot-product")]
    for fmt in ("png", "svg"):
        result = invoke("stills", "dot-product", "-q", "l", "--out", tmp_path, "--format", fmt)
        assert result.exit_code == 0, result.output
        stills = sorted((tmp_path / "lecture-1" / "dark" / "l" / "stills").glob(f"*.{fmt}"))
        assert [s.name for s in stills] == [f"02_dot-product_{i:02d}_{name}.{fmt}" for i, name in enumerate(beats, 1)]
    for svg in (tmp_path / "lecture-1" / "dark" / "l" / "stills").glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert text.count("<path") > 10
        assert "<image" not in text and "base64" not in text


@pytest.mark.slow
def test_pdf_stills_one_per_beat_for_scenes_of_drawn_regions(tmp_path):
    # The vector formats are checked in depth on dot-product above; here the two scenes that fill the
    # plane with regions and heatmaps (drawn as vector rectangles: ImageMobject does not draw here)
    # give one PDF per beat. All of lecture 1 in PDF took 437 s of a test run for no other check.
    result = invoke("stills", "forward-pass", "playground", "-q", "l", "--out", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "lecture-1" / "dark" / "l" / "stills"
    for slug in ("forward-pass", "playground"):
        number = lecture(1).slugs.index(slug) + 1
        stills = sorted(folder.glob(f"{number:02d}_{slug}_*.pdf"))
        assert len(stills) == len(scene_beats(slug)), slug
        assert all(s.read_bytes().startswith(b"%PDF") for s in stills)


@pytest.mark.slow
def test_transparent_png_stills_have_no_background(tmp_path):
    from PIL import Image

    result = invoke("stills", "one-hot", "-q", "l", "--out", tmp_path, "--transparent")
    assert result.exit_code == 0, result.output
    stills = sorted((tmp_path / "lecture-1" / "dark" / "l" / "stills-transparent").glob("*.png"))
    assert len(stills) == len(scene_beats("one-hot"))
    with Image.open(stills[0]) as image:
        assert image.mode == "RGBA"
        alpha = image.getchannel("A")
        assert alpha.getextrema() == (0, 255)
        assert alpha.getpixel((0, 0)) == 0


@pytest.mark.slow
def test_values_change_the_numbers_on_screen(tmp_path):
    values = tmp_path / "mine.toml"
    values.write_text("[neuron]\ninputs = [2, -1, 4]\nbias = -0.25\n", encoding="utf-8")
    computed = explain("neuron", load_values(values))
    builtin = explain("neuron", load_values())
    z, z_builtin = (format_number(e.quantities["z"].value) for e in (computed, builtin))
    assert z != z_builtin
    result = invoke("stills", "neuron", "-q", "l", "--out", tmp_path, "--values", values)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "lecture-1" / "dark" / "l"
    beats = manifest(folder, "01_neuron", "stills-png")["beats"]
    shown = [n for beat in beats for n in beat["numbers"]]
    assert z in shown and z_builtin not in shown
    assert format_number(-0.25) in shown


@pytest.mark.slow
def test_decks_have_one_page_per_beat(tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader

    beats = scene_beats("neuron") + scene_beats("one-hot")
    folder = tmp_path / "lecture-1" / "dark" / "l" / "decks"
    result = invoke("deck", "neuron", "one-hot", "-q", "l", "--out", tmp_path, "--name", "two")
    assert result.exit_code == 0, result.output
    pdf = PdfReader(folder / "two.pdf")
    assert len(pdf.pages) == len(beats)
    assert all(not page.images for page in pdf.pages)  # vector pages, no embedded bitmaps
    assert [item.title for item in pdf.outline if not isinstance(item, list)] == ["A neuron", "One-hot encoding"]

    result = invoke("deck", "neuron", "one-hot", "-q", "l", "--out", tmp_path, "--name", "two", "--format", "pptx")
    assert result.exit_code == 0, result.output
    slides = list(Presentation(folder / "two.pptx").slides)
    assert len(slides) == len(beats)
    for slide, beat in zip(slides, beats, strict=True):
        assert beat.caption in slide.notes_slide.notes_text_frame.text
        assert {s.shape_type for s in slide.shapes} == {13, 16}  # the still, and the beat's clip on it


@pytest.mark.slow
def test_html_deck_steps_through_clips_offline_in_headless_chromium(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is needed to test the HTML deck: `bash scripts/setup.sh --test` installs it"
    result = invoke("deck", "neuron", "-q", "l", "--out", tmp_path, "--format", "html")
    assert result.exit_code == 0, result.output
    page = tmp_path / "lecture-1" / "dark" / "l" / "decks" / "neuron.html"
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
         "--window-size=1280,800", "--dump-dom", page.as_uri() + "#selftest"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    import html
    import re

    report = json.loads(html.unescape(re.search(r'data-selftest="([^"]*)"', dom).group(1)))
    beats = len(scene_beats("neuron"))
    assert report["slides"] == beats
    # Right, right, left, End, Home, right.
    assert report["visited"] == [0, 1, 2, 1, beats - 1, 0, 1]
    assert report["clip"] == "loaded" and (report["width"], report["height"]) == (854, 480)
    # The 854×480 clip fills the 1280-wide window (scaled up, not shown at its native size):
    # as wide as the stage, or as tall, whichever it reaches first.
    (drawn_w, drawn_h), (stage_w, stage_h) = report["drawn"], report["stage"]
    assert stage_w == 1280
    assert drawn_w == pytest.approx(stage_w, abs=1) or drawn_h == pytest.approx(stage_h, abs=1), report
    assert drawn_w > 854


# --- atomic output: an interrupted render leaves the previous file -----------------------------------


def _start_render(out: Path) -> subprocess.Popen:
    """A render as a background job starts: in its own session, with SIGINT ignored."""
    return subprocess.Popen(
        [*NNANIM, "render", "neuron", "-q", "l", "--out", str(out), "--force", "-j", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )


def _wait_for_frames(folder: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the render has written some of its partial movie files."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        if any(folder.glob(f"{TEMP_PREFIX}*/media/videos/**/partial_movie_files/**/*.mp4")):
            return
        time.sleep(0.1)
    pytest.fail("the render never started writing video")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_render_keeps_the_previous_video(rendered, tmp_path, how):
    _, source = rendered
    out = tmp_path / "out"
    folder = out / "lecture-1" / "dark" / "l"
    shutil.copytree(source, folder)
    before = {p.relative_to(folder): digest(p) for p in folder.rglob("*") if p.is_file()}
    process = _start_render(out)
    _wait_for_frames(folder, process)
    os.kill(process.pid, how)
    process.wait(timeout=60)
    assert process.returncode != 0
    after = {p.relative_to(folder): digest(p) for p in folder.rglob("*") if p.is_file() and TEMP_PREFIX not in str(p)}
    assert after == before
    if how != signal.SIGKILL:
        assert not list(folder.glob(f"{TEMP_PREFIX}*"))
        assert "interrupted" in process.stderr.read().decode()
    else:  # a killed batch cannot clean up: its render process dies with it, and the next batch cleans up
        deadline = time.monotonic() + 10
        while list(folder.glob(f"{TEMP_PREFIX}*")) and time.monotonic() < deadline:
            assert "up to date neuron" in invoke("render", "neuron", "-q", "l", "--out", out).output
            time.sleep(0.2)
        assert not list(folder.glob(f"{TEMP_PREFIX}*"))


@pytest.mark.slow
def test_two_renders_of_one_scene_at_once_both_leave_whole_files(tmp_path):
    processes = [_start_render(tmp_path) for _ in range(2)]
    for process in processes:
        process.wait(timeout=300)
        assert process.returncode == 0, process.stderr.read().decode()
    folder = tmp_path / "lecture-1" / "dark" / "l"
    _, _, seconds = video_timing(folder / "01_neuron.mp4")  # every frame decodes: the file is whole
    beats = manifest(folder, "01_neuron", "video-mp4")["beats"]
    assert seconds == pytest.approx(beats[-1]["end"], abs=1 / 15)
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))
    assert not list(folder.rglob("*.partial"))
