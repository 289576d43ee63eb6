"""Every scene renders: a video of the right length, subtitles per beat, a still per beat, nothing off-frame.

Marked slow: each renders at low quality. `make test-fast` leaves them out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from PIL import Image

from scene_harness import render
from scenes.registry import SCENE_CLASSES, scene_file

ROOT = Path(__file__).resolve().parents[1]
FPS = 15  # manim's low quality


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(SCENE_CLASSES))
def test_scene_renders_video_subtitles_and_stills(slug, tmp_path):
    scene = render(slug, tmp_path / "media", tmp_path / "stills")
    [video] = [p for p in (tmp_path / "media").rglob("*.mp4") if "partial" not in str(p) and "sections" not in str(p)]
    duration = scene.records[-1].end
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        assert float(stream.average_rate) == pytest.approx(FPS, rel=1e-3)
        assert (stream.width, stream.height) == (854, 480)
    assert abs(frames - duration * FPS) <= 2, (frames, duration)

    subtitles = list(srt.parse(video.with_suffix(".srt").read_text(encoding="utf-8")))
    assert [s.content for s in subtitles] == [r.caption for r in scene.records]
    for subtitle, record in zip(subtitles, scene.records):
        assert subtitle.start.total_seconds() == pytest.approx(record.start, abs=0.01)
        assert subtitle.end.total_seconds() == pytest.approx(record.end, abs=0.01)

    stills = sorted((tmp_path / "stills").glob("*.png"))
    assert [p.stem.split("_", 2)[2] for p in stills] == [r.name for r in scene.records]
    for still in stills:
        pixels = np.asarray(Image.open(still).convert("L"), dtype=float)
        # Not blank: a good share of the frame differs from the background.
        background = np.median(pixels)
        assert np.mean(np.abs(pixels - background) > 40) > 0.01, still.name
    assert all(not r.outside for r in scene.records), [r.outside for r in scene.records]


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(SCENE_CLASSES))
def test_plain_manim_renders_the_scene_file(slug, tmp_path):
    """Plain `manim` builds and plays the scene file: skipping to the end (-s, the last frame as a
    PNG) checks the file, its class and its beats without encoding the video a second time — the
    test above already renders every scene's video."""
    module, name = SCENE_CLASSES[slug].split(":")
    result = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "-s", "--media_dir", str(tmp_path), scene_file(slug), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [image] = list(tmp_path.rglob(f"{name}*.png"))
    pixels = np.asarray(Image.open(image).convert("L"), dtype=float)
    assert pixels.shape == (480, 854)
    assert np.mean(np.abs(pixels - np.median(pixels)) > 40) > 0.01, "the last frame is blank"
