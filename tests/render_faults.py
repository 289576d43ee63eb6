"""What the render fault tests share (tests/nnanim/test_faults_render.py, test_interrupts.py): the
command, a render stand-in that writes small files through the real publishing paths, and the
folders and files a render leaves."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import nnanim.batch
import nnanim.doctor
from nnanim.batch import TEMP_PREFIX, BeatInfo, Job
from nnanim.cli import main

__all__ = ["NNANIM", "LECTURE", "OTHER_VALUES", "invoke", "contents", "fake_renders", "scene_folder", "published"]

NNANIM = [sys.executable, "-m", "nnanim.cli"]
LECTURE = "lecture-1"


def invoke(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (but lock files, which only serialise publishers), by path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".lock"
    }


# Other values than the lecture's for one-hot and dot-product: other captions, other numbers.
OTHER_VALUES = '[one-hot]\nlabels = ["daisy", "tulip"]\n\n[dot-product]\na = [2, 1, 3]\n'


# --- a render stand-in: publishing and the cache without manim -------------------------------------


@pytest.fixture
def fake_renders(monkeypatch):
    """Replace what a render process does with writing small files that name the job's values (so
    that renders with other values differ), through the same paths a real render uses."""
    from PIL import Image

    def produce(job: Job, work: Path):
        made = work / "made"
        made.mkdir()
        tag = hashlib.sha256(job.values_key.encode()).hexdigest()[:12]
        beats, moves = [], []
        for index, name in enumerate(("first", "second", "third")):
            if job.kind == "stills":
                source = made / f"{name}.{job.fmt}"
                shade = int(tag[:2], 16)
                Image.new("RGB", (16, 9), (shade, index * 60, 0)).save(source)
                destination = job.stills_folder / f"{job.stem}_{index + 1:02d}_{name}.{job.fmt}"
                beats.append(BeatInfo(index, name, f"{name} {tag}", index, index + 1,
                                      still=str(destination.relative_to(job.folder))))
            else:
                source = made / f"{name}.{job.fmt}"
                source.write_text(f"clip {name} {tag}", encoding="utf-8")
                destination = job.clips_folder / f"{index + 1:02d}_{name}.{job.fmt}"
                beats.append(BeatInfo(index, name, f"{name} {tag}", index, index + 1,
                                      clip=str(destination.relative_to(job.folder))))
            moves.append((source, destination))
        if job.kind == "video":
            video, subtitles = made / f"video.{job.fmt}", made / "video.srt"
            video.write_text(f"video {tag}", encoding="utf-8")
            subtitles.write_text(f"captions {tag}", encoding="utf-8")
            moves[:0] = [(video, job.video_path), (subtitles, job.subtitles_path)]
        return tuple(beats), moves

    monkeypatch.setattr(nnanim.batch, "_produce", produce)
    # Nor are manim's tools needed (checking LaTeX takes seconds).
    monkeypatch.setattr(nnanim.doctor, "missing_for_render", lambda: [])


def scene_folder(out: Path) -> Path:
    return out / LECTURE / "dark" / "l"


def published(out: Path) -> dict[str, bytes]:
    folder = scene_folder(out)
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))
    return contents(folder)
