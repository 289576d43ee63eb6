"""Speed of the playground: computing the notes' run, and rendering its scene at -q l.

    .venv/bin/python bench/playground.py [--repeats N] [--no-render]

Targets (issue 16): the notes' link, 500 epochs, every node's grid at 60 recorded epochs, under
5 s; the scene rendered at -q l under 60 s. Wall and CPU seconds are both written, with the load
average, because other sessions share the two cores. The section of bench/RESULTS.md between the
playground markers is replaced; the rest of the file is left as it is.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START = "<!-- playground: written by bench/playground.py, replaced when it runs again -->"
END = "<!-- /playground -->"


def _timed(function) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of this process, and the 1-minute load average at the end."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu, os.getloadavg()[0]


def _summary(runs: list[tuple[float, float, float]]) -> str:
    walls, cpus, loads = zip(*runs)
    return (
        f"wall {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f}), "
        f"CPU {statistics.median(cpus):.2f} s ({min(cpus):.2f}–{max(cpus):.2f}), "
        f"load {min(loads):.1f}–{max(loads):.1f}, n={len(runs)}"
    )


def measure_compute(repeats: int) -> list[tuple[float, float, float]]:
    from nnmath.playground import NOTES_LINK, parse_link, run_playground
    from nnmath.playground.explain import recorded_epochs

    config = parse_link(NOTES_LINK).config
    record = recorded_epochs(500)
    assert len(record) == 60
    return [_timed(lambda: run_playground(config, 500, record)) for _ in range(repeats)]


def measure_render(theme: str) -> tuple[float, float, float]:
    from scenes.render import render_scene

    with tempfile.TemporaryDirectory() as media:
        return _timed(lambda: render_scene("playground", media_dir=Path(media), quality="l", theme=theme))


def write_section(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    section = "\n".join([START, *lines, END])
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-render", action="store_true")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    compute = measure_compute(args.repeats)
    print("compute:", _summary(compute))
    renders = {}
    if not args.no_render:
        for theme in ("dark", "light"):
            renders[theme] = measure_render(theme)
            print(f"render -q l {theme}:", _summary([renders[theme]]))
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## The playground (issue 16)",
        "",
        f"Written by `bench/playground.py` on {when} (this machine, {os.cpu_count()} cores). "
        "Each figure is `median (min–max)`; the load is the 1-minute load average while it ran: other sessions "
        "shared the two cores, so CPU seconds are the steadier measure. A wall time over its target with the "
        "CPU time under it means the process waited for a core, not that it needed more than the target: on "
        "the two cores alone the wall time is about the CPU time.",
        "",
        "| what | target | measured | met |",
        "|---|---|---|---|",
        f"| the notes' link, 500 epochs, every node's 100×100 grid at 60 recorded epochs (`run_playground`) | under 5 s | {_summary(compute)} | "
        f"{'yes' if statistics.median(w for w, _, _ in compute) < 5 else 'no (wall); CPU ' + ('yes' if statistics.median(c for _, c, _ in compute) < 5 else 'no')} |",
    ]
    for theme, run in renders.items():
        met = "yes" if run[0] < 60 else ("no (wall); CPU " + ("yes" if run[1] < 60 else "no"))
        lines.append(f"| the `playground` scene rendered at -q l, {theme} theme (video, in-process) | under 60 s | {_summary([run])} | {met} |")
    write_section(args.results, lines)
    print("wrote", args.results)


if __name__ == "__main__":
    main()
