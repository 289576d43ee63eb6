"""Scenes as parts in local processes: every part runs once, the longest first, each scene comes
back whole (or with its first failure), and an interrupt stops the processes at once.

The parts here are a stand-in for manim (render_part replaced before the pool forks), so these tests
check the scheduling, not the pictures (tests/nnanim/test_parts.py does those)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

import nnanim.distribute as distribute
from nnanim.distribute import PartFailed, SceneRequest, render_scenes
from nnanim.parts import PartBeat, PartResult


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    log = tmp_path / "log"

    def render_part(slug, first, stop, *, work, quality, theme, fmt, values=None):
        with log.open("a") as handle:
            handle.write(f"{slug} {first} {stop} {os.getpid()}\n")
        assert work.parent == tmp_path / "work"
        work.mkdir(parents=True)  # as the real one renders into it
        if slug == "broken":
            raise ValueError("no such beat")
        if slug == "slow":  # as a part running LaTeX: a process of its own
            latex = subprocess.Popen(["sleep", "60"])
            with log.open("a") as handle:
                handle.write(f"{slug}-latex {first} {stop} {latex.pid}\n")
            time.sleep(60)
        stop = 3 if stop is None else stop
        beats = tuple(PartBeat(i, f"b{i}", "", (), b"clip") for i in range(first, stop))
        return PartResult(slug, first, stop, beats, ".mp4", 0.0, 0.0)

    monkeypatch.setattr(distribute, "render_part", render_part)
    return log


def _run(requests, tmp_path, workers=1, on_scene=None):
    back = []
    render_scenes(
        requests,
        workers=workers,
        on_scene=on_scene or (lambda request, parts: back.append((request.key, parts))),
        work_root=tmp_path / "work",
    )
    return back


def test_every_part_runs_once_the_longest_first_and_each_scene_comes_back_whole(fake_parts, tmp_path):
    requests = [
        SceneRequest("a", "short", quality="h", seconds=(4.0, 4.0, 4.0)),  # 12 s: under 2 parts of 8 s
        SceneRequest("b", "long", quality="h", seconds=(10.0, 10.0, 20.0)),  # 40 s: split
        SceneRequest("c", "low", quality="l", seconds=(30.0, 30.0, 30.0)),  # -q l: never split
    ]
    back = _run(requests, tmp_path, workers=1)
    started = [line.split()[:3] for line in fake_parts.read_text().splitlines()]
    # One worker for three scenes: no scene is split (a part would only add its skipping), and
    # the longest runs first: low 90 s, long 40 s, short 12 s.
    assert started == [["low", "0", "None"], ["long", "0", "None"], ["short", "0", "None"]]
    assert sorted(key for key, _ in back) == ["a", "b", "c"]
    for _, parts in back:
        assert sorted(b.index for p in parts for b in p.beats) == [0, 1, 2]
    assert not list((tmp_path / "work").iterdir())  # each part's folder removed


def test_one_scene_on_two_workers_is_split_in_two_and_comes_back_whole(fake_parts, tmp_path):
    back = _run([SceneRequest("b", "long", quality="h", seconds=(10.0, 10.0, 20.0))], tmp_path, workers=2)
    started = sorted(tuple(line.split()[:3]) for line in fake_parts.read_text().splitlines())
    # [0, 2) draws 20 s; [2, end) skips 20 s and draws 20 s: the cheapest largest part.
    assert started == [("long", "0", "2"), ("long", "2", "None")]
    (key, parts), = back
    assert key == "b" and sorted(b.index for p in parts for b in p.beats) == [0, 1, 2]


def test_a_failed_part_fails_its_scene_once_and_the_others_go_on(fake_parts, tmp_path):
    requests = [SceneRequest("x", "broken", quality="h", seconds=(10.0, 10.0)), SceneRequest("y", "fine")]
    back = _run(requests, tmp_path, workers=2)
    outcome = dict(back)
    assert isinstance(outcome["x"], PartFailed) and "ValueError: no such beat" in str(outcome["x"])
    assert "Traceback" in outcome["x"].details
    assert isinstance(outcome["y"], list) and len(back) == 2


def test_an_interrupt_kills_the_part_processes_and_what_they_started_at_once(fake_parts, tmp_path):
    requests = [SceneRequest("s", "slow"), SceneRequest("f", "fine")]

    def interrupt(request, parts):
        # Once the slow part has started its "LaTeX" (the fine part may end before it has).
        deadline = time.monotonic() + 20
        while "slow-latex" not in fake_parts.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _run(requests, tmp_path, workers=2, on_scene=interrupt)
    assert time.monotonic() - started < 30  # not the slow part's 60 s
    lines = fake_parts.read_text().splitlines()
    assert any(line.startswith("slow-latex ") for line in lines)
    pids = {int(line.split()[3]) for line in lines}
    # Every part process and what they started (the 60 s "LaTeX" too) ends; a killed process
    # may stay a zombie a moment, until whoever inherited it reaps it.
    deadline = time.monotonic() + 10
    while (alive := [pid for pid in pids if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_no_scheduler_means_local_and_a_cluster_is_asked_only_when_given(fake_parts, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(distribute, "_on_cluster", lambda address, *rest: asked.append(address))
    render_scenes([SceneRequest("f", "fine")], workers=1, on_scene=lambda *a: None, work_root=tmp_path / "work")
    assert asked == []
    render_scenes([SceneRequest("f", "fine")], workers=1, on_scene=lambda *a: None, scheduler="tcp://h:1")
    assert asked == ["tcp://h:1"]
