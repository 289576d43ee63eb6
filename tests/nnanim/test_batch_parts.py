"""The batch's videos in parts: each scene's parts joined into its video, subtitles and beat clips at
the batch's destinations, handed to the batch's publish with the beats; a failed part fails its
scene alone; no temporary folder is left. The parts are stand-ins (small real clips made without
manim); tests/nnanim/test_parts.py renders real ones."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

import nnanim.distribute as distribute
from nnanim.batch import TEMP_PREFIX, Job, JobResult
from nnanim.batch_parts import run_videos, splittable
from nnanim.parts import PartBeat, PartResult


def _clip_bytes(shade: int, folder: Path) -> bytes:
    from manim._config.video_encoder import VideoEncoderSpec

    from nnanim.encoding import HoldingSegmentEncoder

    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", 64, 48, Fraction(15), (("crf", "23"),))
    path = folder / f"{shade}.mp4"
    encoder = HoldingSegmentEncoder(target=path, spec=spec)
    for step in range(3):
        encoder.write_frame(np.full((48, 64, 4), shade + 10 * step, np.uint8))
    encoder.finish()
    return path.read_bytes()


@pytest.fixture
def fake_parts(monkeypatch):
    def render_part(slug, first, stop, *, work, quality, theme, fmt, values=None):
        work.mkdir(parents=True)
        if slug == "broken":
            raise ValueError("beat 2 raised")
        stop = 4 if stop is None else stop
        beats = tuple(PartBeat(i, f"beat-{i}", f"caption {i}", (str(i),), _clip_bytes(20 * i, work)) for i in range(first, stop))
        return PartResult(slug, first, stop, beats, ".mp4", 0.0, 0.0)

    monkeypatch.setattr(distribute, "render_part", render_part)


def test_splittable_videos():
    assert splittable(Job("a", 1, "video", Path("o"), fmt="mp4")) and splittable(Job("a", 1, "video", Path("o"), fmt="webm"))
    assert not splittable(Job("a", 1, "video", Path("o"), fmt="gif"))
    assert not splittable(Job("a", 1, "stills", Path("o"), fmt="png"))


def test_each_scene_is_joined_and_handed_to_publish_and_a_failure_stays_with_its_scene(fake_parts, tmp_path, monkeypatch):
    # A 40-second scene at -q h with two workers: planned as four parts from its last lengths.
    monkeypatch.setattr("nnanim.batch_parts.beat_seconds", lambda slug, manifests: [10.0, 10.0, 10.0, 10.0])
    jobs = [Job("fine", 3, "video", tmp_path, quality="h"), Job("broken", 4, "video", tmp_path, quality="h")]
    published, results = {}, {}

    def publish(job, work, beats, moves, seconds):
        assert all(source.is_file() and source.is_relative_to(work) for source, _ in moves)
        published[job.slug] = (beats, [(source.read_bytes(), destination) for source, destination in moves])
        return JobResult(job, "rendered", beats=beats)

    run_videos(jobs, [0, 1], workers=2, scheduler=None, publish=publish, on_result=results.__setitem__)

    assert results[1].status == "failed" and "ValueError: beat 2 raised" in results[1].message
    assert "Traceback" in results[1].details
    beats, moves = published["fine"]
    assert [b.name for b in beats] == ["beat-0", "beat-1", "beat-2", "beat-3"]
    assert [b.clip for b in beats] == [f"clips/03_fine/{i + 1:02d}_beat-{i}.mp4" for i in range(4)]
    assert [b.start for b in beats] == [0.0, 0.2, 0.4, 0.6] and beats[-1].end == pytest.approx(0.8)
    assert [destination for _, destination in moves] == [
        tmp_path / "lecture-1" / "dark" / "h" / "03_fine.mp4",
        tmp_path / "lecture-1" / "dark" / "h" / "03_fine.srt",
        *[jobs[0].folder / beat.clip for beat in beats],
    ]
    video = tmp_path / "joined.mp4"
    video.write_bytes(moves[0][0])
    with av.open(str(video)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 12
    assert moves[1][0].decode().count(" --> ") == 4
    assert not list(jobs[0].folder.glob(f"{TEMP_PREFIX}*"))


@pytest.mark.parametrize(
    ("slugs", "quality", "workers", "scheduler", "in_parts"),
    [
        (["layers"], "h", 2, None, ["layers"]),  # one scene, two cores: parts use the idle core
        (["layers", "neuron"], "h", 2, None, []),  # a scene per process: one process per scene
        (["layers", "neuron", "softmax"], "k", 4, None, ["layers", "neuron", "softmax"]),
        (["layers"], "l", 2, None, []),  # at -q l a part costs about what the scene does
        (["layers", "neuron"], "l", 1, "tcp://render-1:8786", ["layers", "neuron"]),  # a cluster: always
    ],
)
def test_parts_only_where_a_core_would_sit_idle_or_on_a_cluster(monkeypatch, tmp_path, slugs, quality, workers, scheduler, in_parts):
    import nnanim.batch as batch

    seen = {"parts": [], "whole": []}
    monkeypatch.setattr(batch, "run_videos", lambda jobs, positions, **kw: seen["parts"].extend(jobs[p].slug for p in positions))
    monkeypatch.setattr(batch, "_run_in_processes", lambda jobs, todo, *a: seen["whole"].extend(jobs[p].slug for p in todo))
    monkeypatch.setattr(batch, "is_up_to_date", lambda job: False)
    jobs = [Job(slug, n, "video", tmp_path, quality=quality) for n, slug in enumerate(slugs, 1)]
    with pytest.raises(KeyError):  # the stand-ins record no results
        batch.run_jobs(jobs, workers=workers, scheduler=scheduler)
    assert seen == {"parts": in_parts, "whole": [s for s in slugs if s not in in_parts]}


def test_an_interrupt_another_thread_takes_waits_until_publishing_ends():
    # A batch rendering in parts has other threads (the process pool's, a Dask client's), started
    # before it publishes: a Ctrl-C the kernel hands to one of them must still wait for the publish.
    import signal
    import threading

    from nnanim.files import deferred_interrupts

    go, sent = threading.Event(), threading.Event()

    def interrupt() -> None:
        go.wait()
        signal.raise_signal(signal.SIGINT)  # to this thread, before it returns
        sent.set()

    other = threading.Thread(target=interrupt)
    other.start()
    steps = []
    # Python's own Ctrl-C handler, even when pytest was started with SIGINT ignored (a background job).
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with deferred_interrupts():
                go.set()
                sent.wait()
                steps.append("published")
    finally:
        signal.signal(signal.SIGINT, inherited)
        other.join()
    assert steps == ["published"]
    assert signal.getsignal(signal.SIGINT) is inherited
