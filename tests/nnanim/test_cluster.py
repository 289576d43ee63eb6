"""The cluster path: a Dask scheduler and workers started as processes on 127.0.0.1; a scene's parts
rendered there come back as bytes and join into the same video as a local render; a worker killed
in the middle of a part has the part rendered by another worker."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import av
import pytest

pytest.importorskip("distributed", reason="the cluster extra (pip install 'nnanim[cluster]')")

from cluster_harness import local_cluster  # noqa: E402

from nnanim.cluster import ClusterError, Task, connect, run_on_cluster  # noqa: E402
from nnanim.parts import assemble, render_part  # noqa: E402


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


def _render(cluster, out, *slugs, force=False):
    import subprocess
    import sys

    command = [sys.executable, "-c", "from nnanim.cli import main; main()", "render", *slugs, "-q", "l", "--out", str(out),
               "--scheduler", cluster.address] + (["--force"] if force else [])
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cluster.environment, text=True)


@pytest.mark.slow
def test_a_batch_renders_on_the_cluster_and_an_interrupted_one_loses_nothing(cluster, tmp_path):
    from nnanim.batch import TEMP_PREFIX

    folder = tmp_path / "lecture-1" / "dark" / "l"
    process = _render(cluster, tmp_path, "one-hot", "neuron")
    # Interrupt as soon as the first scene is published.
    deadline = time.monotonic() + 600
    while not list((folder / ".nnanim").glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    published = sorted(p.name for p in (folder / ".nnanim").glob("*.json"))
    assert len(published) >= 1, errors
    if len(published) == 1:  # the other scene was still out on the cluster: it published nothing
        assert process.returncode != 0 and "interrupted" in errors
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))

    again = _render(cluster, tmp_path, "one-hot", "neuron")
    output, errors = again.communicate(timeout=900)
    assert again.returncode == 0, errors
    assert output.count("up to date") == len(published) and output.count("rendered") == 2 - len(published)
    for stem in ("01_neuron", "12_one-hot"):
        with av.open(str(folder / f"{stem}.mp4")) as container:
            assert sum(1 for _ in container.decode(video=0)) > 0
        assert len(list((folder / "clips" / stem).glob("*.mp4"))) >= 3
    assert not list(folder.glob(f"{TEMP_PREFIX}*"))


def test_render_with_no_scheduler_at_the_address_says_so(tmp_path):
    from click.testing import CliRunner

    from nnanim.cli import main

    result = CliRunner().invoke(main, ["render", "one-hot", "-q", "l", "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code != 0 and "no Dask scheduler answers at tcp://127.0.0.1:9" in result.output
    assert not list(tmp_path.rglob(".nnanim-tmp-*"))
