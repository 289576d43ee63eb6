"""bench/RESULTS.md written from the measurements bench/run.py recorded: the machine, the whole
lecture against plain manim, a re-run with nothing changed, stills against videos, each scene
alone, profiles, peak memory and every measurement, each figure ``median (min–max, n=runs)``.

A hand-written reading below :data:`ANALYSIS_MARKER` is kept when the tables are written again.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from measuring import Recorder

__all__ = ["ANALYSIS_MARKER", "machine", "scenes_alone", "write_report"]

#: Targets of issue 7.
TARGET_SPEEDUP = 1.7
TARGET_WARM_FRACTION = 0.05
TARGET_STILLS_FRACTION = 0.20
TARGET_SLOWEST_TO_MEDIAN = 2.0
#: Below this line of the report, a reading written by hand, kept when the tables are written again.
ANALYSIS_MARKER = "<!-- analysis: written by hand, kept when bench/run.py rewrites the tables above -->"

_FAILED = re.compile(r"^failed\s+(\S+?):", re.MULTILINE)


def _failed_scenes(row: dict, out: Path) -> list[str]:
    """The scenes an nnanim batch reported as failed, read from the measurement's log."""
    log = out / f"r{row['repeat']}" / row["quality"] / f"{row['kind'].replace('_', '-')}.log"
    return _FAILED.findall(log.read_text(encoding="utf-8", errors="replace")) if log.exists() else []


def _spread(values: Iterable[float], fmt: str = "{:.1f}") -> str:
    """``median (min–max, n)`` of ``values``."""
    values = sorted(values)
    if not values:
        return "–"
    middle = fmt.format(statistics.median(values))
    if len(values) == 1:
        return f"{middle} (n=1)"
    return f"{middle} ({fmt.format(values[0])}–{fmt.format(values[-1])}, n={len(values)})"


def _load(rows: list[dict]) -> str:
    starts = [r["load_start"][0] for r in rows]
    ends = [r["load_end"][0] for r in rows]
    if not rows:
        return "–"
    return f"{min(starts + ends):.1f}–{max(starts + ends):.1f}"


def _mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def _paired(rows: list[dict], numerator: str, denominator: str, quality: str, *, measure: str = "seconds",
            failed_too: bool = False) -> list[float]:
    """Per-repeat ratios numerator/denominator of ``measure``, pairing measurements of the same repeat
    (with ``failed_too``, a failed numerator counts)."""
    by_repeat: dict[int, dict[str, float]] = {}
    for row in rows:
        usable = row["ok"] or (failed_too and row["kind"] == numerator)
        if row["quality"] == quality and usable and row["kind"] in (numerator, denominator):
            by_repeat.setdefault(row["repeat"], {})[row["kind"]] = row[measure]
    return [pair[numerator] / pair[denominator] for pair in by_repeat.values() if numerator in pair and denominator in pair]


def machine() -> list[str]:
    """Lines describing this machine and the software measured."""
    from importlib.metadata import version

    import cairo

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = next(
        (int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")),
        0,
    )
    release = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]*)', os_release.read_text(), re.MULTILINE)
        release = f"{match.group(1)} ({platform.release()})" if match else release
    latex = subprocess.run(["latex", "--version"], capture_output=True, text=True).stdout.splitlines()[:1]
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (as the OS reports them)",
        f"- RAM: {memory / 1024 / 1024:.1f} GiB",
        f"- OS: {release}",
        f"- Python {platform.python_version()}, manim {version('manim')}, Cairo {cairo.cairo_version_string()} "
        f"(pycairo {version('pycairo')}), PyAV {version('av')}, ManimPango {version('manimpango')}",
        f"- LaTeX: {latex[0] if latex else 'not found'}",
    ]


def write_report(recorder: Recorder, path: Path, *, notes: list[str]) -> None:
    """Write the report of every measurement ``recorder`` holds.

    Parameters
    ----------
    recorder : Recorder
        The measurements (and, in its folder, the logs a failed stills run names its scenes in).
    path : Path
        The report, ``bench/RESULTS.md``; a reading below :data:`ANALYSIS_MARKER` in it is kept.
    notes : list of str
        Lines for its Conditions section (what else ran on the machine, and the like).
    """
    rows = [r for r in recorder.rows()]
    lines = ["# Benchmark of the lecture's renders", ""]
    lines += [f"Written by `bench/run.py` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; "
              f"measurements ended between {min((r['when'] for r in rows), default='–')} and {max((r['when'] for r in rows), default='–')}.",
              "Each figure is `median (min–max, n=runs)`; seconds are wall time of the whole command. "
              "What each number means: bench/README.md.", ""]
    lines += ["## Machine", ""] + machine() + [""]
    if notes:
        lines += ["## Conditions", ""] + [f"- {note}" for note in notes] + [""]
    qualities = sorted({r["quality"] for r in rows}, key="lmhk".index)

    lines += ["## Whole lecture: nnanim batch against plain manim, one scene after another", "",
              f"Target: the batch at least {TARGET_SPEEDUP}x faster than plain manim.", "",
              "| quality | `nnanim render --all` cold, s | plain `manim` sequential, s | speed-up | target | "
              "CPU s, nnanim | CPU s, manim | manim CPU / nnanim CPU | load |",
              "|---|---|---|---|---|---|---|---|---|"]
    for q in qualities:
        cold = [r for r in rows if r["quality"] == q and r["kind"] == "batch_cold" and r["ok"]]
        seq = [r for r in rows if r["quality"] == q and r["kind"] == "manim_seq" and r["ok"]]
        speedups = [1 / x for x in _paired(rows, "batch_cold", "manim_seq", q)]
        if not cold and not seq:
            continue
        met = "–" if not speedups else ("met" if statistics.median(speedups) >= TARGET_SPEEDUP else "**missed**")
        cpu_ratios = [1 / x for x in _paired(rows, "batch_cold", "manim_seq", q, measure="cpu_seconds")]
        lines.append(f"| {q} | {_spread(r['seconds'] for r in cold)} | {_spread(r['seconds'] for r in seq)} | "
                     f"{_spread(speedups, '{:.2f}x')} | {met} | {_spread(r['cpu_seconds'] for r in cold)} | "
                     f"{_spread(r['cpu_seconds'] for r in seq)} | {_spread(cpu_ratios, '{:.2f}x')} | {_load(cold + seq)} |")
    lines.append("")

    lines += ["## A second `nnanim render --all` with nothing changed", "",
              f"Target: under {TARGET_WARM_FRACTION:.0%} of the cold run.", "",
              "| quality | no-change re-run, s | fraction of the cold run | target | CPU s | load |", "|---|---|---|---|---|---|"]
    for q in qualities:
        warm = [r for r in rows if r["quality"] == q and r["kind"] == "batch_warm" and r["ok"]]
        fractions = _paired(rows, "batch_warm", "batch_cold", q)
        if not warm:
            continue
        met = "–" if not fractions else ("met" if statistics.median(fractions) < TARGET_WARM_FRACTION else "**missed**")
        lines.append(f"| {q} | {_spread((r['seconds'] for r in warm), '{:.2f}')} | {_spread(fractions, '{:.2%}')} | {met} | {_spread((r['cpu_seconds'] for r in warm), '{:.2f}')} | {_load(warm)} |")
    lines.append("")

    lines += ["## Stills against videos", "",
              f"`nnanim stills --all` (cold) against `nnanim render --all` (cold) at the same quality. "
              f"Target: under {TARGET_STILLS_FRACTION:.0%} of the videos' time.", "",
              "| quality | format | stills, s | fraction of the videos | target | CPU s | fraction of the videos' CPU | load |",
              "|---|---|---|---|---|---|---|---|"]
    for q in qualities:
        for fmt in ("png", "svg"):
            kind = f"stills_{fmt}"
            # Failed runs are shown too, with the scenes that failed: their time is still what a user waits.
            stills = [r for r in rows if r["quality"] == q and r["kind"] == kind]
            fractions = _paired(rows, kind, "batch_cold", q, failed_too=True)
            if not stills:
                continue
            met = "–" if not fractions else ("met" if statistics.median(fractions) < TARGET_STILLS_FRACTION else "**missed**")
            cpu_fractions = _paired(rows, kind, "batch_cold", q, measure="cpu_seconds", failed_too=True)
            failed = sorted({slug for r in stills for slug in _failed_scenes(r, recorder.out)})
            if failed:
                met += f" ({', '.join(failed)} failed in {sum(not r['ok'] for r in stills)} of {len(stills)} runs)"
            lines.append(f"| {q} | {fmt} | {_spread(r['seconds'] for r in stills)} | {_spread(fractions, '{:.0%}')} | {met} | "
                         f"{_spread(r['cpu_seconds'] for r in stills)} | {_spread(cpu_fractions, '{:.0%}')} | {_load(stills)} |")
    lines.append("")

    lines += _scene_section(rows, qualities)
    lines += _profile_section(rows)

    lines += ["## Peak memory", "",
              "Largest single process (`os.wait4` rusage) and the whole process tree summed (sampled every 0.2 s), "
              "MiB, median over runs. For plain manim: the largest of its one-scene runs.", "",
              "| quality | command | largest process | whole tree |", "|---|---|---|---|"]
    labels = {"batch_cold": "nnanim render --all (cold)", "batch_warm": "nnanim render --all (no change)",
              "manim_seq": "manim, each scene", "stills_png": "nnanim stills --all (png)",
              "stills_svg": "nnanim stills --all (svg)"}
    for q in qualities:
        for kind, label in labels.items():
            chosen = [r for r in rows if r["quality"] == q and r["kind"] == kind and r["ok"]]
            if chosen:
                lines.append(f"| {q} | {label} | {_mib(statistics.median(r['largest_process_kib'] for r in chosen))} | "
                             f"{_mib(statistics.median(r['tree_peak_kib'] for r in chosen))} |")
    lines.append("")

    lines += ["## Every measurement", "", "Load average (1 min) at its start → end; all on this machine, with other "
              "sessions' work running beside it where the load exceeds what the benchmark itself puts on the cores.", "",
              "| when (UTC) | what | quality | run | seconds | CPU s | load | ok |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        what = r["kind"] + (f" {r['slug']}" if "slug" in r else "") + (f" @{r['commit']}" if r.get("commit") else "")
        lines.append(f"| {r['when'][11:19]} | {what} | {r['quality']} | {r['repeat']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
                     f"{r['load_start'][0]:.2f} → {r['load_end'][0]:.2f} | {'yes' if r['ok'] else 'no'} |")
    lines.append("")
    # A hand-written reading of the numbers below the marker survives a rewrite of the tables.
    kept = path.read_text(encoding="utf-8").split(ANALYSIS_MARKER, 1) if path.exists() else []
    lines += [ANALYSIS_MARKER + (kept[1] if len(kept) == 2 else "\n")]
    path.write_text("\n".join(lines), encoding="utf-8")


def scenes_alone(rows: list[dict], quality: str) -> tuple[dict[str, dict], str]:
    """Each scene rendered alone at ``quality``: from the per-scene nnanim runs (step ``fps``) if
    there are any, else from the latest plain-manim sequential run (each scene its own process)."""
    alone = {r["slug"]: r for r in rows if r["kind"] == "scene" and r["quality"] == quality and r["ok"]
             and r.get("video_seconds")}
    if alone:
        return alone, "`nnanim render SLUG -j 1 --force`, one scene at a time"
    runs = [r for r in rows if r["kind"] == "manim_seq" and r["quality"] == quality and r.get("per_scene")]
    if not runs:
        return {}, ""
    latest = runs[-1]["per_scene"]
    return ({slug: facts for slug, facts in latest.items() if facts["ok"] and facts.get("video_seconds")},
            "plain `manim render` of each scene file, one after another (the baseline run above)")


def _scene_section(rows: list[dict], qualities: list[str]) -> list[str]:
    # Imported here: the scenes are found from the repository root, which bench/run.py puts on the path.
    from scenes.registry import SCENE_CLASSES

    lines = []
    for q in qualities:
        chosen, source = scenes_alone(rows, q)
        if not chosen:
            continue
        # CPU seconds, not wall: one process per scene uses about one core, and CPU time does not grow
        # with other sessions' load the way wall time does.
        per_video_second = {slug: r["cpu_seconds"] / r["video_seconds"] for slug, r in chosen.items()}
        median = statistics.median(per_video_second.values())
        lines += [f"## Each scene alone at -q {q}", "",
                  f"From {source}: the command's wall time (with the start of Python and manim), its CPU seconds, "
                  "frames per second (frames / wall seconds of the command) and CPU seconds per second of video "
                  f"against the median scene. Target: no scene above {TARGET_SLOWEST_TO_MEDIAN}x the median.", "",
                  "| scene | video, s | frames | wall, s | CPU s | frames/s (wall) | frames/s (CPU) | CPU s per video s | × median | memory, MiB |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for slug in SCENE_CLASSES:
            if slug not in chosen:
                continue
            r = chosen[slug]
            ratio = per_video_second[slug] / median
            flag = f"**{ratio:.2f}**" if ratio > TARGET_SLOWEST_TO_MEDIAN else f"{ratio:.2f}"
            lines.append(f"| {slug} | {r['video_seconds']:.1f} | {r['frames']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
                         f"{r['frames'] / r['seconds']:.1f} | {r['frames'] / r['cpu_seconds']:.1f} | {per_video_second[slug]:.2f} | "
                         f"{flag} | {_mib(r['tree_peak_kib'])} |")
        lines += ["", f"Median scene: {median:.2f} CPU s per second of video.", ""]
    return lines


def _profile_section(rows: list[dict]) -> list[str]:
    profiles = [r for r in rows if r["kind"] == "profile" and r["ok"] and r.get("profile")]
    if not profiles:
        return []
    categories: list[str] = []
    for r in profiles:
        for name in r["profile"]["categories"]:
            if name not in categories:
                categories.append(name)
    lines = ["## Where the time goes (profiles of the slowest scenes)", "",
             "bench/profile_scene.py: the render sampled every 2 ms of wall time; each sample goes to the innermost "
             "category on its call stack (bench/README.md lists the modules of each). Seconds, and the share of the "
             "render; the profiled render is a little slower than an unprofiled one.", "",
             "| scene | quality | render, s | " + " | ".join(categories) + " |",
             "|---|---|---|" + "---|" * len(categories)]
    for r in profiles:
        p = r["profile"]
        total = p["seconds"]
        cells = [f"{p['categories'].get(c, 0):.1f} ({p['categories'].get(c, 0) / total:.0%})" for c in categories]
        lines.append(f"| {r['slug']} | {r['quality']} | {total:.1f} | " + " | ".join(cells) + " |")
    lines.append("")
    for r in profiles:
        p = r["profile"]
        lines += [f"**{r['slug']}** — LaTeX: {p['latex']['compiles']} compiles of {p['latex']['strings']} distinct "
                  f"strings ({p['latex']['compile_seconds']:.1f} s); Text (Pango) objects built: {p['texts_built']}; "
                  f"of which inside animations (every frame): {p['texts_in_play']} texts, {p['latex']['in_play']} TeX. "
                  "Hottest functions (own time, sampled):", ""]
        lines += [f"- {name}: {seconds:.1f} s" for name, seconds in p["hottest"][:6]] + [""]
    return lines
