"""A Dask cluster for tests: a scheduler and workers started as processes on 127.0.0.1 only, each
worker a single thread without a nanny (so a killed worker stays dead, as a lost machine does)."""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _die_with_the_tests() -> None:
    # A test process killed (a timeout, Ctrl-C on the suite) must not leave a scheduler and workers
    # running for hours: PR_SET_PDEATHSIG (Linux) sends them SIGTERM when it dies.
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))


class LocalCluster:
    def __init__(self, folder: Path, workers: int) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.scheduler = self._start(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(self.file)],
            "scheduler",
        )
        self.workers: list[subprocess.Popen] = []
        deadline = time.monotonic() + 120
        while not self.file.exists():
            if time.monotonic() > deadline or self.scheduler.poll() is not None:
                raise RuntimeError("the Dask scheduler did not start: " + (folder / "scheduler.log").read_text())
            time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        for number in range(workers):
            self.add_worker(number)

    def _start(self, command: list[str], name: str) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("wb")
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=self.environment, cwd=self.folder,
                                preexec_fn=_die_with_the_tests)

    def add_worker(self, number: int) -> subprocess.Popen:
        worker = self._start(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nthreads", "1", "--no-nanny",
             "--host", "127.0.0.1", "--no-dashboard", "--name", f"w{number}", "--local-directory",
             str(self.folder / f"w{number}")],
            f"worker-{number}",
        )
        self.workers.append(worker)
        return worker

    def wait_for_workers(self, client, count: int) -> None:
        client.wait_for_workers(count, timeout=180)

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            with suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def local_cluster(folder: Path, workers: int = 2):
    folder.mkdir(parents=True, exist_ok=True)
    cluster = LocalCluster(folder, workers)
    try:
        yield cluster
    finally:
        cluster.stop()
