"""How long the lecture's notebook takes to write and to run, with the videos in the cache.

    .venv/bin/python bench/notebook.py                 # -q l, 3 repeats, into bench/work/notebook/
    .venv/bin/python bench/notebook.py --quality m --repeats 5

Renders the lecture's videos first if they are not in the cache (not timed), then measures, each
in a fresh child process so that Python's start and imports count as a lecturer sees them:

- writing: ``nnanim notebook -q Q --out DIR`` with no notebook there yet (cache check, computing
  every scene, running the cells on a fresh kernel, writing) — target under 10 s; then the same
  again (the cells unchanged: the written outputs are kept, no kernel), and with ``--embed``;
- executing: running the written notebook top to bottom with nbclient on a fresh kernel, as a
  student's "Run all" (kernel start included) — target under 30 s.

Writes its own section of bench/RESULTS.md, between the markers below, leaving the rest alone.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEGIN = "<!-- notebook: written by bench/notebook.py, which replaces only this section -->"
END = "<!-- /notebook -->"
NNANIM = [sys.executable, "-c", "from nnanim.cli import main; main()"]
EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    load: float
    output: str = ""


def measure(command: list[str]) -> Run:
    """Run ``command``; its wall and CPU seconds (the whole process tree) and the load before it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, load, done.stdout)


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f}, n={len(values)})"


def row(what: str, runs: list[Run], target: float | None) -> str:
    walls = [r.wall for r in runs]
    verdict = "" if target is None else ("met" if statistics.median(walls) < target else "**missed**")
    loads = [r.load for r in runs]
    target_text = "" if target is None else f"< {target:g} s"
    return (f"| {what} | {summary(walls)} | {target_text} | {verdict} | {summary([r.cpu for r in runs])} "
            f"| {min(loads):.1f}–{max(loads):.1f} |")


def write_section(results: Path, lines: list[str]) -> None:
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    section = "\n".join([BEGIN, *lines, END])
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", "-q", default="l", choices=["l", "m", "h", "k"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "work" / "notebook")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    out, q = args.out.resolve(), args.quality

    print(f"rendering what is not in the cache into {out} (not timed) ...", flush=True)
    measure([*NNANIM, "render", "--all", "-q", q, "--out", str(out)])
    writing, again, embedding, executing = [], [], [], []
    for repeat in range(1, args.repeats + 1):
        for old in out.glob("lecture-1/*/*/notebooks/lecture*.ipynb"):
            old.unlink()  # so that the first write runs its cells
        writing.append(measure([*NNANIM, "notebook", "-q", q, "--out", str(out)]))
        # The command's last line ends with the notebook's path.
        notebook = Path(writing[-1].output.strip().splitlines()[-1].rsplit(": ", 1)[1])
        again.append(measure([*NNANIM, "notebook", "-q", q, "--out", str(out)]))
        embedding.append(measure([*NNANIM, "notebook", "-q", q, "--out", str(out), "--embed"]))
        executing.append(measure([sys.executable, "-c", EXECUTE, str(notebook), str(notebook.parent)]))
        print(f"repeat {repeat}: write {writing[-1].wall:.1f} s, again {again[-1].wall:.1f} s, "
              f"with --embed {embedding[-1].wall:.1f} s, execute {executing[-1].wall:.1f} s", flush=True)

    from importlib.metadata import version

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    size = notebook.with_name("lecture-embedded.ipynb").stat().st_size / 2**20
    lines = [
        "## The lecture's notebook (`nnanim notebook`), videos in the cache",
        "",
        f"Measured by `bench/notebook.py -q {q}` at {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, "
        f"nbclient {version('nbclient')}, ipykernel {version('ipykernel')}. Each run is a fresh child process "
        "(Python's start and imports included); the load column is the 1-minute load average before each run, "
        f"on {os.cpu_count()} cores. The embedded notebook is {size:.1f} MiB at `-q {q}`.",
        "",
        "| what | wall s | target | | CPU s | load |",
        "|---|---|---|---|---|---|",
        row(f"write `nnanim notebook -q {q}`, no notebook yet (cells run on a fresh kernel)", writing, 10),
        row(f"write it again, cells unchanged (outputs kept, no kernel)", again, 10),
        row(f"write `nnanim notebook -q {q} --embed` (outputs from the notebook beside it)", embedding, None),
        row("execute the written notebook with nbclient, fresh kernel", executing, 30),
    ]
    write_section(args.results, lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
