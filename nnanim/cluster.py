"""Rendering on a Dask distributed cluster: the same tasks the batch runs in local processes, sent
to a scheduler (``--scheduler ADDRESS`` or ``NNANIM_SCHEDULER``), with the results coming back to
the machine that asked as Python objects (a part's clips as bytes), where the batch writes and
publishes them (atomically, with its cache) as it does for a local render.

A cluster is a ``dask scheduler`` and ``dask worker ADDRESS --nthreads 1`` on each machine, every
one started from a checkout of the same commit with nnanim installed (docs/cluster.md). A worker that
dies in the middle of a task (killed, out of memory, its machine gone) has the task sent to another
worker by the scheduler; a task that fails (a scene that raises) is not retried, and its error comes
back like a local one. An interrupted batch cancels what it sent and publishes nothing more.

``distributed`` is the optional ``cluster`` extra; this module imports it only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = ["ClusterError", "Task", "connect", "run_on_cluster"]

class ClusterError(RuntimeError):
    """The cluster cannot be used (``distributed`` missing, no scheduler at the address, …)."""


@dataclass(frozen=True)
class Task:
    """One unit of work: ``function(*arguments)``, run wherever the executor puts it. ``key`` names
    it for the caller; tasks are started in the order given (the batch puts the longest first)."""

    key: Any
    function: Callable[..., Any]
    arguments: tuple = ()


@contextmanager
def connect(address: str, *, timeout: float = 10.0) -> Iterator[Any]:
    """A ``distributed.Client`` of the scheduler at ``address``, closed after the block."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(
            "rendering on a cluster needs Dask distributed: pip install 'nnanim[cluster]' "
            "(or .venv/bin/pip install distributed)"
        ) from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"no Dask scheduler answers at {address}: {exc}") from exc
    try:
        if not client.scheduler_info().get("workers"):
            client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no workers (start `dask worker {address}`)") from exc
    try:
        yield client
    finally:
        client.close()


def run_on_cluster(
    client: Any,
    tasks: Iterable[Task],
    on_done: Callable[[Task, Any, BaseException | None], None],
) -> None:
    """Run ``tasks`` on ``client``'s cluster, calling ``on_done(task, result, error)`` in this
    process as each ends (``error`` is the task's exception, ``result`` then ``None``).

    On KeyboardInterrupt (Ctrl-C, or SIGTERM turned into one by the batch) every task not yet
    finished is cancelled before it is raised again: nothing more comes back, so nothing more is
    published."""
    from distributed import as_completed

    tasks = list(tasks)
    futures = {}
    for order, task in enumerate(tasks):
        # pure=False: the same scene twice is two renders; priority keeps the given order (the
        # longest first) when there are more tasks than workers; retries=0: a scene that fails
        # fails the same way again (a worker that dies is not a failure: the task moves).
        future = client.submit(task.function, *task.arguments, pure=False, priority=len(tasks) - order, retries=0)
        futures[future] = task
    try:
        for future in as_completed(list(futures), loop=client.loop):
            task = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # the task raised on its worker (or was lost)
                on_done(task, None, exc)
            else:
                on_done(task, result, None)
            future.release()
    except BaseException:
        client.cancel(list(futures), force=True)
        raise
