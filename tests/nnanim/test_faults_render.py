"""Faults while rendering: a publish that fails on any one file, a cache asked about files that
changed, renders of one scene in several formats and values, a full disk, odd characters in every
path. Each must leave every scene's files all old or all new, say which, and call a scene up to date
only when its files are the ones its manifest describes (interrupts: test_interrupts.py)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import av
import pytest

import nnanim.batch
import nnanim.doctor
import scenes.render
from nnanim.batch import TEMP_PREFIX, BeatInfo, Job, is_up_to_date
from render_faults import (  # noqa: F401  (fake_renders is a fixture)
    LECTURE, NNANIM, OTHER_VALUES, contents, fake_renders, invoke, published, scene_folder,
)
from values_files import write_values


def fail_once(monkeypatch, when, code: int = errno.EPERM) -> list[Path]:
    """Make the first rename for which ``when(source, destination)`` holds fail with ``code`` (as
    an immutable file, a full disk); later ones, such as putting an old file back, work. Returns
    the list that receives the path that failed."""
    real_replace = os.replace
    failed: list[Path] = []

    def replace(source, destination):
        if not failed and when(Path(source), Path(destination)):
            failed.append(Path(destination))
            raise OSError(code, os.strerror(code), str(destination))
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    return failed


def test_a_publish_that_fails_on_any_one_file_leaves_all_old_files_and_says_so(fake_renders, tmp_path, monkeypatch):
    """As with one clip made immutable (`chattr +i`): the old files stay, every one of them, the
    command says so, and the old files are up to date for the old values only."""
    other = write_values(tmp_path, OTHER_VALUES, "other.toml")
    template = tmp_path / "template"
    assert invoke("render", "one-hot", "-q", "l", "--out", template).exit_code == 0
    old = published(template)
    targets = [name for name in old if not name.startswith(".nnanim/")] + [".nnanim/12_one-hot.video-mp4.json"]
    assert len(targets) == 6  # video, subtitles, three clips, manifest
    real_replace = os.replace
    for target in targets:
        # Moving the old file away fails (an immutable file), or putting the new one in its place.
        for step, touched in (("set aside", lambda s, d: s), ("put in place", lambda s, d: d)):
            out = tmp_path / f"{target.replace('/', '_')}-{step}"
            shutil.copytree(template, out)
            path = scene_folder(out) / target
            failed = fail_once(monkeypatch, lambda s, d, path=path, touched=touched: touched(s, d) == path)
            result = invoke("render", "one-hot", "-q", "l", "--out", out, "--values", other)
            monkeypatch.setattr(os, "replace", real_replace)
            assert failed and result.exit_code == 1, (target, step, result.output)
            assert "Operation not permitted" in result.output and "Previous files were kept." in result.output
            assert published(out) == old, (target, step)
            again = invoke("render", "one-hot", "-q", "l", "--out", out)
            assert "up to date one-hot" in again.output, (target, step)
            assert published(out) == old
            assert "rendered  one-hot" in invoke("render", "one-hot", "-q", "l", "--out", out, "--values", other).output


@pytest.mark.slow
def test_real_stills_whose_publish_fails_half_way_stay_old_and_are_up_to_date_only_for_the_old_values(
    tmp_path, monkeypatch
):
    other = write_values(tmp_path, '[one-hot]\nlabels = ["daisy", "tulip"]\n', "other.toml")
    out = tmp_path / "out"
    assert invoke("stills", "one-hot", "-q", "l", "--out", out).exit_code == 0
    old = published(out)
    stills = sorted(n for n in old if n.startswith("stills/"))
    assert len(stills) == 4
    real_replace = os.replace
    failed = fail_once(monkeypatch, lambda source, destination: destination == scene_folder(out) / stills[2])
    result = invoke("stills", "one-hot", "-q", "l", "--out", out, "--values", other, "-j", "1")
    monkeypatch.setattr(os, "replace", real_replace)
    assert failed and result.exit_code == 1 and "Previous files were kept." in result.output
    assert published(out) == old
    assert "up to date one-hot" in invoke("stills", "one-hot", "-q", "l", "--out", out).output
    assert "up to date" not in invoke("stills", "one-hot", "-q", "l", "--out", out, "--values", other).output
    changed = published(out)
    assert all(changed[n] != old[n] for n in stills[1:])  # the labels differ from the second beat on


def test_a_publish_that_cannot_put_an_old_file_back_says_the_files_are_mixed_and_never_up_to_date(
    fake_renders, tmp_path, monkeypatch
):
    other = write_values(tmp_path, OTHER_VALUES, "other.toml")
    out = tmp_path / "out"
    assert invoke("render", "one-hot", "-q", "l", "--out", out).exit_code == 0
    folder = scene_folder(out)
    video, clip = folder / "12_one-hot.mp4", folder / "clips" / "12_one-hot" / "03_third.mp4"
    real_replace = os.replace

    onto = []

    def failing_replace(source, destination):
        # The last clip cannot be put in place (a full disk), and then the old video cannot be put
        # back (the second rename onto it).
        onto.append(Path(destination))
        if Path(destination) == clip:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(clip))
        if Path(destination) == video and onto.count(video) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(video))
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = invoke("render", "one-hot", "-q", "l", "--out", out, "--values", other)
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 1
    assert "the disk is full" in result.output
    assert "12_one-hot.mp4 may be new or missing" in result.output
    assert "Previous files were kept" not in result.output and "left a mix" in result.output
    for values in ((), ("--values", other)):
        again = invoke("render", "one-hot", "-q", "l", "--out", out, *values)
        assert "up to date" not in again.output and "rendered  one-hot" in again.output


def test_up_to_date_means_every_file_has_the_content_it_was_published_with(fake_renders, tmp_path):
    out = tmp_path / "out"
    assert invoke("render", "one-hot", "-q", "l", "--out", out).exit_code == 0
    job = _job(out)
    assert is_up_to_date(job)
    clip = job.clips_folder / "02_second.mp4"
    text = clip.read_text(encoding="utf-8")
    clip.write_text(text[:-1] + ("0" if text[-1] != "0" else "1"), encoding="utf-8")  # same size
    assert not is_up_to_date(job)
    assert "rendered  one-hot" in invoke("render", "one-hot", "-q", "l", "--out", out).output
    assert is_up_to_date(job)
    job.subtitles_path.unlink()
    assert not is_up_to_date(job)


def _job(out: Path, **options) -> Job:
    """The job `nnanim render one-hot -q l --out OUT` makes (with the lecture's values)."""
    import course
    from nnanim.batch import values_fingerprint
    from nnanim.fingerprint import scene_fingerprint

    values = course.load_values()
    return Job(slug="one-hot", number=12, kind=options.pop("kind", "video"), out=out, lecture=LECTURE,
               values_key=values_fingerprint(values["one-hot"]), code_key=scene_fingerprint("one-hot"), **options)


def test_the_counts_printed_are_of_what_is_rendered(fake_renders, tmp_path):
    out = tmp_path / "out"
    first = invoke("render", "one-hot", "dot-product", "-q", "l", "--out", out)
    assert "rendering 2 scene(s) with" in first.output
    again = invoke("render", "one-hot", "dot-product", "-q", "l", "--out", out)
    assert again.exit_code == 0
    assert "rendering" not in again.output
    assert again.output.count("up to date") == 2
    some = invoke("render", "one-hot", "dot-product", "neuron", "-q", "l", "--out", out)
    assert "rendering 1 scene(s) (2 up to date) with 1 process(es)" in some.output
    deck = invoke("deck", "one-hot", "dot-product", "-q", "l", "--out", out, "--format", "pptx")
    assert deck.exit_code == 0, deck.output
    # Two scenes: their videos are up to date; their still sets are to be drawn.
    assert "preparing a deck of 2 scene(s): 2 of 4 render(s) to do with" in deck.output
    assert "deck of 6 slides" in deck.output


# --- formats and values: each output has its own files ---------------------------------------------


def test_one_format_never_overwrites_another_formats_subtitles(fake_renders, tmp_path):
    other = write_values(tmp_path, OTHER_VALUES, "other.toml")
    out = tmp_path / "out"
    mp4, webm, gif = (_job(out, fmt=fmt) for fmt in ("mp4", "webm", "gif"))
    assert len({job.subtitles_path for job in (mp4, webm, gif)}) == 3
    assert invoke("render", "one-hot", "-q", "l", "--out", out).exit_code == 0
    captions = mp4.subtitles_path.read_bytes()
    for fmt in ("webm", "gif"):
        assert invoke("render", "one-hot", "-q", "l", "--out", out, "--format", fmt, "--values", other).exit_code == 0
    assert mp4.subtitles_path.read_bytes() == captions
    assert "up to date one-hot" in invoke("render", "one-hot", "-q", "l", "--out", out).output


@pytest.mark.slow
def test_one_scene_in_several_formats_and_values_keeps_each_formats_captions(tmp_path):
    """The issue's case with real renders: a webm with other values used to overwrite the mp4's
    .srt, and the mp4 then counted as up to date with the wrong captions."""
    other = write_values(tmp_path, OTHER_VALUES, "other.toml")
    out = tmp_path / "out"
    folder = scene_folder(out)
    assert invoke("render", "one-hot", "-q", "l", "--out", out, "-j", "1").exit_code == 0
    mp4_captions = (folder / "12_one-hot.srt").read_text(encoding="utf-8")
    assert "s₂ = tulip" in mp4_captions
    result = invoke("render", "one-hot", "-q", "l", "--out", out, "--format", "webm", "--values", other)
    assert result.exit_code == 0, result.output
    webm_captions = (folder / "12_one-hot.webm.srt").read_text(encoding="utf-8")
    assert "s₁ = daisy" in webm_captions and webm_captions != mp4_captions
    assert (folder / "12_one-hot.srt").read_text(encoding="utf-8") == mp4_captions
    with av.open(str(folder / "12_one-hot.webm")) as container:
        assert container.streams.video[0].codec_context.name in ("vp9", "libvpx-vp9")
    assert sorted(p.suffix for p in (folder / "clips" / "12_one-hot").iterdir()) == [".mp4"] * 4 + [".webm"] * 4
    assert "up to date one-hot" in invoke("render", "one-hot", "-q", "l", "--out", out).output
    assert "up to date one-hot" in invoke("render", "one-hot", "-q", "l", "--out", out, "--format", "webm",
                                         "--values", other).output
    # Other values for the mp4 make it, and only it, out of date.
    assert "rendered  one-hot" in invoke("render", "one-hot", "-q", "l", "--out", out, "--values", other).output
    assert (folder / "12_one-hot.srt").read_text(encoding="utf-8") == webm_captions
    assert (folder / "12_one-hot.webm.srt").read_text(encoding="utf-8") == webm_captions


# --- a full disk while manim writes video ----------------------------------------------------------


@pytest.mark.slow
def test_a_full_disk_during_a_render_gives_the_disk_full_advice(tmp_path, monkeypatch):
    from nnanim.encoding import HoldingSegmentEncoder  # every render's segment encoder

    def full(self):
        error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.target))
        raise self._operation_error("finish", error) from error

    monkeypatch.setattr(HoldingSegmentEncoder, "finish", full)
    result = invoke("render", "one-hot", "-q", "l", "--out", tmp_path / "out", "-j", "1")
    assert result.exit_code == 1
    assert "failed    one-hot: No space left on device" in result.output
    assert "the disk is full: free some space" in result.output
    assert "RuntimeError" not in result.output and "Failed to finish video segment" not in result.output
    assert not list(scene_folder(tmp_path / "out").glob(f"{TEMP_PREFIX}*"))


# --- odd characters in every path ------------------------------------------------------------------

ODD_NAMES = [
    "lecturer's files",
    "-dash 'single' \"double\" ünï ✓ %#$~{braces}[x]&;|*? \\back\nline",
]


def _links_left(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("nnanim-paths-*")}


@pytest.mark.slow
@pytest.mark.parametrize("name", ODD_NAMES, ids=["apostrophe", "everything"])
def test_videos_and_stills_render_under_any_folder_name(tmp_path, name):
    # A temporary folder of its own: the other test process's renders make links in the shared one.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    cwd = tmp_path / name
    cwd.mkdir()
    out = f"-out {name}"  # relative to cwd, so a leading dash too
    for command in (["render", "one-hot"], ["stills", "one-hot", "--format", "svg"]):
        process = subprocess.run([*NNANIM, *command, "-q", "l", "--out", out, "-j", "1"], cwd=cwd,
                                 capture_output=True, text=True, timeout=600,
                                 env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TMPDIR": str(temporary)})
        assert process.returncode == 0, process.stderr
    folder = cwd / out / LECTURE / "dark" / "l"
    with av.open(str(folder / "12_one-hot.mp4")) as container:
        assert sum(1 for _ in container.decode(video=0)) > 15
    assert "daisy" in (folder / "12_one-hot.srt").read_text(encoding="utf-8")
    assert len(list((folder / "clips" / "12_one-hot").glob("*.mp4"))) == 4
    assert len(list((folder / "stills").glob("12_one-hot_*.svg"))) == 4
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))
    assert _links_left(temporary) == set() and (folder / "12_one-hot.mp4").is_file()


def test_manim_is_given_plain_paths_for_odd_folders(tmp_path):
    odd = tmp_path / ODD_NAMES[1] / "media"
    plain = tmp_path / "plain"
    with scenes.render.plain_paths(odd, plain, None) as (linked, same, none):
        assert same == plain and none is None
        assert "'" not in str(linked) and "{" not in str(linked) and linked.resolve() == odd.resolve()
        (linked / "made.txt").write_text("x", encoding="utf-8")
    assert (odd / "made.txt").read_text(encoding="utf-8") == "x"
    assert not linked.exists() and not linked.is_symlink()


def test_an_html_deck_whose_page_cannot_be_replaced_keeps_its_old_page_and_folder(tmp_path, monkeypatch):
    from nnanim.deck import Slide, write_html

    def slides(tag: str) -> list[Slide]:
        still, clip = tmp_path / f"{tag}.png", tmp_path / f"{tag}.mp4"
        still.write_bytes(f"still {tag}".encode())
        clip.write_bytes(f"clip {tag}".encode())
        return [Slide("one-hot", "One-hot encoding", "classes", f"caption {tag}", still, clip)]

    deck = tmp_path / "decks" / "week.html"
    write_html(slides("old"), deck)
    old = contents(deck.parent)
    assert len(old) == 3 and "caption old" in deck.read_text(encoding="utf-8")
    # The page is replaced after its folder, so the new folder is in place when this fails.
    failed = fail_once(monkeypatch, lambda source, destination: destination == deck, errno.ENOSPC)
    with pytest.raises(OSError, match="No space left"):
        write_html(slides("new"), deck)
    assert failed
    assert contents(deck.parent) == old
    assert sorted(p.name for p in deck.parent.iterdir()) == ["week.html", "week_files"]


def test_a_render_made_elsewhere_is_published_like_the_batchs_own(tmp_path):
    """nnanim.batch_parts joins a video from parts and hands it to nnanim.batch.publish."""
    job = _job(tmp_path / "out")
    job.folder.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=job.folder))
    (work / "video.mp4").write_bytes(b"joined video")
    (work / "video.srt").write_text("captions", encoding="utf-8")
    beats = (BeatInfo(0, "classes", "caption", 0.0, 1.0),)
    moves = [(work / "video.mp4", job.video_path), (work / "video.srt", job.subtitles_path)]
    result = nnanim.batch.publish(job, work, beats, moves, 1.5)
    assert (result.status, result.files, result.beats) == ("rendered", ("12_one-hot.mp4", "12_one-hot.srt"), beats)
    assert job.video_path.read_bytes() == b"joined video" and is_up_to_date(job)
    failed = nnanim.batch.publish(job, work, beats, [(work / "missing.mp4", job.video_path)], 1.5)
    assert failed.status == "failed" and failed.kept_previous and "No such file" in failed.message
    assert job.video_path.read_bytes() == b"joined video" and is_up_to_date(job)
