"""Every scene renders: a video of the right length, subtitles per beat, a still per beat, nothing off-frame.

Marked slow: each renders whole, at a small size and frame rate (`TEST_QUALITY`). `make test-fast`
leaves them out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from PIL import Image

import course
from scene_harness import TEST_QUALITY, render, video_timing
from scenes.registry import SCENE_CLASSES, scene_file
from scenes.theme import LIGHT

ROOT = Path(__file__).resolve().parents[2]
FPS = TEST_QUALITY["frame_rate"]


@pytest.mark.slow
@pytest.mark.parametrize("slug", list(SCENE_CLASSES))
def test_scene_renders_video_subtitles_and_stills(slug, tmp_path):
    scene = render(slug, tmp_path / "media", tmp_path / "stills")
    [video] = [p for p in (tmp_path / "media").rglob("*.mp4") if "partial" not in str(p) and "sections" not in str(p)]
    duration = scene.records[-1].end
    with av.open(str(video)) as container:
        size = container.streams.video[0].width, container.streams.video[0].height
        assert size == (TEST_QUALITY["pixel_width"], TEST_QUALITY["pixel_height"])
    frames, rate, seconds = video_timing(video)
    assert rate == pytest.approx(FPS, rel=1e-3)
    assert abs(seconds - duration) <= 2 / FPS, (seconds, duration)
    assert 0 < frames <= duration * FPS + 2, (frames, duration)

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


# Plain `manim` plays one scene of each lecture to its last frame; every scene is already played by
# the render test above and by the dry runs, so for the others it is enough that manim's own loader
# finds the scene's class in its file (all in one process: no scene played a third time).
PLAYED_BY_PLAIN_MANIM = [next(iter(lecture.slugs)) for lecture in course.LECTURES]


@pytest.mark.slow
@pytest.mark.parametrize("slug", PLAYED_BY_PLAIN_MANIM)
def test_plain_manim_renders_the_scene_file(slug, tmp_path):
    """Plain `manim` builds and plays the scene file: skipping to the end (-s, the last frame as a
    PNG) checks the file, its class and its beats without encoding the video a second time. It is
    told the theme the README's way, by NNANIM_THEME, the one way a scene it builds gets options."""
    module, name = SCENE_CLASSES[slug].split(":")
    result = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "-s", "--media_dir", str(tmp_path), scene_file(slug), name],
        cwd=ROOT,
        env={**os.environ, "NNANIM_THEME": "light"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [image] = list(tmp_path.rglob(f"{name}*.png"))
    rgb = np.asarray(Image.open(image).convert("RGB"))
    light = tuple(int(LIGHT.background[i : i + 2], 16) for i in (1, 3, 5))
    assert tuple(rgb[0, 0]) == light, "not the light theme's background"
    pixels = np.asarray(Image.open(image).convert("L"), dtype=float)
    assert pixels.shape == (480, 854)
    assert np.mean(np.abs(pixels - np.median(pixels)) > 40) > 0.01, "the last frame is blank"


def test_plain_manim_finds_every_scene_class_in_its_file():
    files = {slug: scene_file(slug) for slug in SCENE_CLASSES}
    code = (
        "import json, sys\nfrom pathlib import Path\n"
        "from manim.utils.module_ops import scene_classes_from_file\n"
        "files = json.loads(sys.argv[1])\n"
        "print(json.dumps({slug: [c.__name__ for c in scene_classes_from_file(Path(f), full_list=True)]"
        " for slug, f in files.items()}))\n"
    )
    import json

    result = subprocess.run([sys.executable, "-c", code, json.dumps(files)], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    for slug, target in SCENE_CLASSES.items():
        assert target.split(":")[1] in found[slug], (slug, found[slug])
