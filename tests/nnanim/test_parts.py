"""A scene rendered in parts (beats drawn in separate processes, clips joined without re-encoding)
shows exactly the frames of the scene rendered in one piece; planning and joining on their own."""

from __future__ import annotations

import itertools
import random
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
from multiprocessing import get_context
from pathlib import Path

import av
import numpy as np
import pytest
import srt

from nnanim.join import clip_seconds, join_clips, subtitles
from nnanim.parts import assemble, parts_for, plan_parts, render_part


def _frames(path: Path) -> list[tuple[Fraction, np.ndarray]]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [(frame.pts * stream.time_base, frame.to_ndarray(format="rgb24")) for frame in container.decode(stream)]


# --- planning ------------------------------------------------------------------------------------


def _best_largest(weights, parts, skip=0.0):
    """The smallest possible largest run, by trying every way to cut (small inputs only); a run
    costs its weights plus ``skip`` times the weights before it."""
    best = float("inf")
    for cuts in itertools.combinations(range(1, len(weights)), min(parts, len(weights)) - 1):
        bounds = (0, *cuts, len(weights))
        best = min(best, max(skip * sum(weights[:a]) + sum(weights[a:b]) for a, b in itertools.pairwise(bounds)))
    return best


@pytest.mark.parametrize("skip", [0.0, 0.3, 1.0])
def test_plan_parts_covers_every_beat_once_in_order_with_the_smallest_largest_part(skip):
    generator = random.Random(7)
    for _ in range(200):
        weights = [generator.choice([0.5, 1.0, 2.0, 3.5, 9.0]) for _ in range(generator.randint(1, 8))]
        parts = generator.randint(1, 5)
        plan = plan_parts(weights, parts, skip=skip)
        assert plan[0][0] == 0 and plan[-1][1] == len(weights)
        assert all(a < b for a, b in plan) and all(b == c for (_, b), (c, _) in itertools.pairwise(plan))
        assert len(plan) <= parts
        largest = max(skip * sum(weights[:a]) + sum(weights[a:b]) for a, b in plan)
        assert largest == pytest.approx(_best_largest(weights, parts, skip))


def test_a_part_that_skips_more_beats_draws_fewer():
    plan = plan_parts([5.0] * 12, 2, skip=0.5)
    (_, middle), _ = plan
    assert middle > 6  # the second part pays for skipping the first's beats


def test_parts_for_splits_long_scenes_at_high_quality_only():
    beats = [5.0] * 10  # a 50-second scene
    assert parts_for(beats, quality="l", workers=2) == [(0, 10)]
    assert len(parts_for(beats, quality="h", workers=2)) == 2  # one part per worker
    many = parts_for(beats, quality="h", workers=16)  # at most 50 // 8 = 6 parts
    assert 2 <= len(many) <= 6
    drawn = [sum(beats[a:b]) for a, b in many]
    assert drawn == sorted(drawn, reverse=True)  # later parts skip more, so they draw less
    assert parts_for([3.0], quality="h", workers=4) == [(0, 1)]


# --- joining ---------------------------------------------------------------------------------------


def _clip(path: Path, shades: list[int], hold: int = 1) -> None:
    """A clip of frames of these shades (with texture, so x264 has something to code), or with
    ``hold`` > 1 one frame held that long (a segment of a static wait)."""
    from manim._config.video_encoder import VideoEncoderSpec

    from nnanim.encoding import HoldingSegmentEncoder

    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", 64, 48, Fraction(15), (("crf", "23"),))
    encoder = HoldingSegmentEncoder(target=path, spec=spec)
    texture = np.random.default_rng(len(shades) + hold).integers(0, 60, (48, 64, 4), dtype=np.uint8)
    for shade in shades:
        encoder.write_frame(np.clip(texture.astype(int) + shade, 0, 255).astype(np.uint8), repeat=hold)
    encoder.finish()


@pytest.mark.parametrize("name", ["lecturer's files", "-dash 'single' \"double\" ✓ %#{x}[y]&;|*? \\back\nline"],
                         ids=["apostrophe", "everything"])
def test_joined_clips_show_each_clip_frames_at_their_times_even_under_an_odd_folder(tmp_path, name):
    folder = tmp_path / name  # the concat list holds one path a line: a newline in it must not matter
    folder.mkdir()
    clips = [folder / "a.mp4", folder / "hold.mp4", folder / "b.mp4"]
    _clip(clips[0], [10, 60, 110])
    _clip(clips[1], [110], hold=15)  # one frame lasting a second (with its own quantizer)
    _clip(clips[2], [200, 150])
    joined = folder / "joined.mp4"
    join_clips(clips, joined)

    frames = _frames(joined)
    expected, offset = [], Fraction(0)
    for clip in clips:
        expected += [(t + offset, picture) for t, picture in _frames(clip)]
        offset += clip_seconds(clip)
    assert [t for t, _ in frames] == [t for t, _ in expected]
    assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(frames, expected))
    assert clip_seconds(clips[1]) == 1 and len(_frames(clips[1])) == 1
    assert clip_seconds(joined) == Fraction(3 + 15 + 2, 15)
    with av.open(str(joined)) as container:  # what a player shows as the length, to the millisecond
        assert container.duration == pytest.approx(1e6 * (3 + 15 + 2) / 15, abs=1000)


def test_subtitles_span_each_clip():
    parsed = list(srt.parse(subtitles(["one", "two"], [Fraction(3, 2), Fraction(2)])))
    assert [(s.content, s.start.total_seconds(), s.end.total_seconds()) for s in parsed] == [
        ("one", 0.0, 1.5),
        ("two", 1.5, 3.5),
    ]


# --- a real scene, split and whole ------------------------------------------------------------------


@pytest.mark.slow
def test_a_scene_rendered_in_parts_shows_exactly_the_frames_of_one_render(tmp_path):
    slug = "one-hot"
    context = get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        whole = pool.submit(render_part, slug, 0, None).result()
        beats = len(whole.beats)
        assert beats >= 3
        split = [pool.submit(render_part, slug, a, b) for a, b in [(0, 1), (1, beats - 1), (beats - 1, beats)]]
        split = [f.result() for f in split]
    one_video, one_srt, one_beats = assemble([whole], tmp_path / "whole", "01_one-hot")
    # Parts in any order: assembly sorts them.
    parts_video, parts_srt, parts_beats = assemble(split[::-1], tmp_path / "parts", "01_one-hot")

    one, parts = _frames(one_video), _frames(parts_video)
    assert len(one) == len(parts) > 0
    for number, ((t1, a), (t2, b)) in enumerate(zip(one, parts)):
        assert t1 == t2, number
        assert np.array_equal(a, b), f"frame {number} at {float(t1):.3f} s differs"
    assert one_srt.read_text() == parts_srt.read_text()
    assert [(b.name, b.start, b.end, b.numbers) for b in one_beats] == [
        (b.name, b.start, b.end, b.numbers) for b in parts_beats
    ]
    # Each part drew only its own beats.
    assert [[b.index for b in p.beats] for p in split] == [[0], list(range(1, beats - 1)), [beats - 1]]
