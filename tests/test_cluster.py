"""The cluster path: a Dask scheduler and workers started as processes on 127.0.0.1; a scene's parts
rendered there come back as bytes and join into the same video as a local render; a worker killed
in the middle of a part has the part rendered by another worker."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the cluster extra (pip install 'nnanim[cluster]')")

from cluster_harness import local_cluster  # noqa: E402

from nnanim.cluster import ClusterError, Task, connect, run_on_cluster, scheduler_address  # noqa: E402
from nnanim.parts import assemble, render_part  # noqa: E402


def test_the_scheduler_comes_from_the_option_or_the_environment(monkeypatch):
    monkeypatch.delenv("NNANIM_SCHEDULER", raising=False)
    assert scheduler_address(None) is None
    monkeypatch.setenv("NNANIM_SCHEDULER", " tcp://10.0.0.5:8786 ")
    assert scheduler_address(None) == "tcp://10.0.0.5:8786"
    assert scheduler_address("tcp://127.0.0.1:9000") == "tcp://127.0.0.1:9000"
    monkeypatch.setenv("NNANIM_SCHEDULER", "")
    assert scheduler_address(None) is None


def test_no_scheduler_at_the_address_is_a_clear_error():
    with pytest.raises(ClusterError, match="no Dask scheduler answers at tcp://127.0.0.1:9"):
        with connect("tcp://127.0.0.1:9", timeout=2):
            pass


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with local_cluster(tmp_path_factory.mktemp("cluster"), workers=2) as running:
        yield running


@pytest.mark.slow
def test_a_scene_in_parts_on_the_cluster_joins_into_its_video(cluster, tmp_path):
    from distributed import Client

    with connect(cluster.address, timeout=60) as client:
        cluster.wait_for_workers(client, 2)
        tasks = [Task(part, render_part, ("one-hot", *part)) for part in [(0, 2), (2, None)]]
        done = {}
        run_on_cluster(client, tasks, lambda task, result, error: done.setdefault(task.key, (result, error)))
        assert isinstance(client, Client)
    assert all(error is None for _, error in done.values()), done
    parts = [result for result, _ in done.values()]
    video, subtitles, beats = assemble(parts, tmp_path, "12_one-hot")
    assert [b.index for b in beats] == list(range(len(beats))) and len(beats) >= 3
    assert video.stat().st_size > 0 and subtitles.read_text().count(" --> ") == len(beats)
    assert beats[-1].end == pytest.approx(sum(b.end - b.start for b in beats))


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_of_a_part_has_it_rendered_by_another(cluster, tmp_path):
    from distributed import as_completed

    with connect(cluster.address, timeout=60) as client:
        cluster.wait_for_workers(client, 2)
        future = client.submit(render_part, "one-hot", 0, None, pure=False)
        # Wait until a worker is rendering it, then kill that worker outright (as a lost machine).
        deadline = time.monotonic() + 120
        busy: list[str] = []
        while not busy and time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if future.key in keys]
            time.sleep(0.2)
        assert busy, "no worker took the part"
        time.sleep(3)  # well into the render
        name = client.scheduler_info()["workers"][busy[0]]["name"]
        killed = cluster.workers[int(name.removeprefix("w"))]
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        result = next(as_completed([future], loop=client.loop, timeout=600)).result()
        assert busy[0] not in client.who_has([future])[future.key]
    assert len(result.beats) >= 3 and all(beat.clip for beat in result.beats)
