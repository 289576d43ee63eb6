"""Benchmark of the lecture's renders on this machine; writes bench/RESULTS.md.

Every measurement runs a command as a fresh child process and records its wall time
(``time.perf_counter``), the peak resident memory of the largest process of its tree (``os.wait4``,
which folds in every reaped descendant) and the peak of the whole tree's summed memory (sampled
from /proc every 0.2 s), with the load average before and after. Measurements are appended to
``OUT/measurements.jsonl``, and the report is written from everything in that file, so a run can
be split (``--steps batch`` now, ``--steps fps,profile`` later) and ``--report-only`` rewrites the
table without measuring. Run ``python bench/run.py --help`` for the options, bench/README.md for
what each number means.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scenes.registry import SCENE_CLASSES, scene_file  # noqa: E402  (the repository root is on the path now)

BIN = Path(sys.executable).parent
STEPS = ("batch", "manim", "stills", "fps", "profile")
#: ``fps`` (each scene alone through nnanim) is left out by default: the ``manim`` step's per-scene
#: runs give each scene's frames per second already, and ``fps`` adds a whole sequential -q h pass.
DEFAULT_STEPS = ("batch", "manim", "stills", "profile")
#: Targets of issue 7.
TARGET_SPEEDUP = 1.7
TARGET_WARM_FRACTION = 0.05
TARGET_STILLS_FRACTION = 0.20
TARGET_SLOWEST_TO_MEDIAN = 2.0
ANALYSIS_MARKER = "<!-- analysis: written by hand, kept when bench/run.py rewrites the tables above -->"


# --- running one command ------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One command as measured: wall seconds, peak memory in KiB, load averages (1, 5, 15 min)."""

    seconds: float
    returncode: int
    largest_process_kib: int
    tree_peak_kib: int
    cpu_seconds: float
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    output: str


def _descendants_rss_kib(root: int) -> int:
    """The summed resident memory of ``root`` and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state, ppid, ... and rss (pages) is field 24 of stat, 22 here.
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page_kib
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in tree)


def measure(command: list[str], *, log: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` from the repository root, its output into ``log``; measure it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()
    peak = 0
    done = threading.Event()
    with log.open("w", encoding="utf-8") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=env)

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.2):
                peak = max(peak, _descendants_rss_kib(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4, not wait: its rusage holds the largest RSS of the child and every descendant it reaped.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        seconds=seconds,
        returncode=process.returncode,
        largest_process_kib=int(usage.ru_maxrss),
        tree_peak_kib=max(peak, int(usage.ru_maxrss)),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        load_start=load_start,
        load_end=os.getloadavg(),
        output=log.read_text(encoding="utf-8", errors="replace"),
    )


# --- the measurements ---------------------------------------------------------------------------


class Recorder:
    """Appends one JSON line per measurement to ``OUT/measurements.jsonl``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / "measurements.jsonl"
        out.mkdir(parents=True, exist_ok=True)

    def record(self, kind: str, quality: str, repeat: int, run: Run, **extra: object) -> dict:
        row = {
            "kind": kind,
            "quality": quality,
            "repeat": repeat,
            "seconds": round(run.seconds, 3),
            "ok": run.returncode == 0,
            "largest_process_kib": run.largest_process_kib,
            "tree_peak_kib": run.tree_peak_kib,
            "cpu_seconds": round(run.cpu_seconds, 3),
            "load_start": [round(x, 2) for x in run.load_start],
            "load_end": [round(x, 2) for x in run.load_end],
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "commit": _commit(),
            **extra,
        }
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row) + "\n")
        status = "ok" if row["ok"] else f"FAILED (exit {run.returncode}, see the log)"
        print(
            f"  {kind:<12} -q {quality} #{repeat}: {run.seconds:7.1f} s, {run.tree_peak_kib / 1024:6.0f} MiB tree, "
            f"load {run.load_start[0]:.1f}->{run.load_end[0]:.1f}  {status}",
            flush=True,
        )
        return row

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _commit() -> str:
    """The repository's commit when the measurement ended (others may commit while a long run goes on)."""
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip()


_RENDERED = re.compile(r"^rendered\s+(\S+) in ([0-9.]+) s", re.MULTILINE)
_FAILED = re.compile(r"^failed\s+(\S+?):", re.MULTILINE)


def _failed_scenes(row: dict, out: Path) -> list[str]:
    """The scenes an nnanim batch reported as failed, read from the measurement's log."""
    log = out / f"r{row['repeat']}" / row["quality"] / f"{row['kind'].replace('_', '-')}.log"
    return _FAILED.findall(log.read_text(encoding="utf-8", errors="replace")) if log.exists() else []


def _per_scene_seconds(output: str) -> dict[str, float]:
    """The seconds ``nnanim`` reports for each scene it rendered (inside its worker)."""
    return {slug: float(seconds) for slug, seconds in _RENDERED.findall(output)}


def _nnanim(*arguments: str) -> list[str]:
    return [str(BIN / "nnanim"), *arguments]


def _scene_arguments(slugs: list[str]) -> list[str]:
    return ["--all"] if len(slugs) == len(SCENE_CLASSES) else list(slugs)


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def bench_batch(recorder: Recorder, slugs: list[str], quality: str, repeat: int, jobs: int | None) -> None:
    """A cold ``nnanim render`` into a fresh folder, then the same command with nothing changed."""
    folder = _fresh(recorder.out / f"r{repeat}" / quality / "batch")
    scenes = _scene_arguments(slugs)
    jobs_option = ["-j", str(jobs)] if jobs else []
    command = _nnanim("render", *scenes, "-q", quality, "--out", str(folder), "--force", *jobs_option)
    cold = measure(command, log=folder.parent / "batch-cold.log")
    recorder.record("batch_cold", quality, repeat, cold, scenes=_per_scene_seconds(cold.output), slugs=slugs)
    warm_command = [c for c in command if c != "--force"]
    warm = measure(warm_command, log=folder.parent / "batch-warm.log")
    recorder.record("batch_warm", quality, repeat, warm, slugs=slugs)


def bench_manim(recorder: Recorder, slugs: list[str], quality: str, repeat: int) -> None:
    """What a manim user runs instead: plain ``manim render`` on each scene file, one after another."""
    folder = _fresh(recorder.out / f"r{repeat}" / quality / "manim")
    per_scene: dict[str, dict] = {}
    load_start = os.getloadavg()
    total = cpu = 0.0
    largest = tree = 0
    failed = 0
    for slug in slugs:
        class_name = SCENE_CLASSES[slug].split(":")[1]
        command = [str(BIN / "manim"), "render", f"-q{quality}", "--media_dir", str(folder / slug), scene_file(slug), class_name]
        run = measure(command, log=folder / f"{slug}.log")
        videos = [v for v in (folder / slug).rglob(f"{class_name}.mp4") if "partial_movie_files" not in v.parts]
        video_seconds, frames = _video_facts(videos[0]) if videos and run.returncode == 0 else (0.0, 0)
        per_scene[slug] = {"seconds": round(run.seconds, 3), "cpu_seconds": round(run.cpu_seconds, 3),
                           "tree_peak_kib": run.tree_peak_kib, "ok": run.returncode == 0,
                           "video_seconds": round(video_seconds, 3), "frames": frames}
        total += run.seconds
        cpu += run.cpu_seconds
        largest = max(largest, run.largest_process_kib)
        tree = max(tree, run.tree_peak_kib)
        failed += run.returncode != 0
    whole = Run(total, int(failed > 0), largest, tree, cpu, load_start, os.getloadavg(), "")
    recorder.record("manim_seq", quality, repeat, whole, scenes={k: v["seconds"] for k, v in per_scene.items()},
                    per_scene=per_scene, slugs=slugs)


def bench_stills(recorder: Recorder, slugs: list[str], quality: str, repeat: int, jobs: int | None) -> None:
    """``nnanim stills`` as PNG and as SVG, each cold into a fresh folder."""
    jobs_option = ["-j", str(jobs)] if jobs else []
    for fmt in ("png", "svg"):
        folder = _fresh(recorder.out / f"r{repeat}" / quality / f"stills-{fmt}")
        command = _nnanim("stills", *_scene_arguments(slugs), "-q", quality, "--out", str(folder), "--force",
                          "--format", fmt, *jobs_option)
        run = measure(command, log=folder.parent / f"stills-{fmt}.log")
        recorder.record(f"stills_{fmt}", quality, repeat, run, slugs=slugs)


def _video_facts(path: Path) -> tuple[float, int]:
    """Seconds and frames of the video at ``path``."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        seconds = float(container.duration or 0) / 1_000_000
        frames = stream.frames or round(seconds * float(stream.average_rate or 0))
    return seconds, frames


def bench_fps(recorder: Recorder, slugs: list[str], quality: str) -> None:
    """Each scene alone (one process), to get its frames per second and render seconds per video second."""
    folder = _fresh(recorder.out / "fps" / quality)
    for slug in slugs:
        command = _nnanim("render", slug, "-q", quality, "--out", str(folder), "--force", "-j", "1")
        run = measure(command, log=folder / f"{slug}.log")
        videos = list((folder / "dark" / quality).glob(f"*_{slug}.mp4"))
        seconds, frames = _video_facts(videos[0]) if videos and run.returncode == 0 else (0.0, 0)
        inside = _per_scene_seconds(run.output).get(slug, 0.0)
        recorder.record("scene", quality, 0, run, slug=slug, video_seconds=round(seconds, 3), frames=frames,
                        render_seconds=inside)


def bench_profiles(recorder: Recorder, slugs: list[str], quality: str) -> None:
    """Profile the scenes given (see bench/profile_scene.py)."""
    folder = recorder.out / "profiles" / quality
    folder.mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        report = folder / f"{slug}.json"
        command = [sys.executable, str(ROOT / "bench" / "profile_scene.py"), slug, "-q", quality, "--json", str(report)]
        run = measure(command, log=folder / f"{slug}.log")
        profile = json.loads(report.read_text(encoding="utf-8")) if run.returncode == 0 and report.exists() else {}
        recorder.record("profile", quality, 0, run, slug=slug, profile=profile)


# --- the report ---------------------------------------------------------------------------------


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


def _scenes_alone(rows: list[dict], quality: str) -> tuple[dict[str, dict], str]:
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
    lines = []
    for q in qualities:
        chosen, source = _scenes_alone(rows, q)
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


# --- the command ----------------------------------------------------------------------------------


def _repeats(spec: str, qualities: list[str]) -> dict[str, int]:
    """``3`` (every quality) or ``l=3,h=1``."""
    if "=" not in spec:
        return dict.fromkeys(qualities, int(spec))
    given = {k.strip(): int(v) for k, v in (part.split("=") for part in spec.split(","))}
    return {q: given.get(q, 1) for q in qualities}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--qualities", default="l,h", help="manim qualities of the whole-lecture runs (default l,h)")
    parser.add_argument("--repeats", default="l=3,h=1", help="runs per quality: N, or l=3,h=1 (default)")
    parser.add_argument("--scenes", default="*", help="glob over scene slugs (default every scene)")
    parser.add_argument("--steps", default=",".join(DEFAULT_STEPS),
                        help=f"what to measure, of {','.join(STEPS)} (default {','.join(DEFAULT_STEPS)})")
    parser.add_argument("--scene-quality", default="h", help="quality of the per-scene runs and profiles (default h)")
    parser.add_argument("--profile-scenes", type=int, default=3, help="how many of the slowest scenes to profile (default 3)")
    parser.add_argument("--profile", default="", help="comma-separated slugs to profile instead of the slowest")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="nnanim's --jobs (default: its own, the cores)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "work", help="work folder (default bench/work)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="the report to write")
    parser.add_argument("--fresh", action="store_true", help="forget earlier measurements in OUT first")
    parser.add_argument("--report-only", action="store_true", help="write the report from OUT without measuring")
    parser.add_argument("--note", action="append", default=[], help="a line for the report's Conditions (repeatable)")
    options = parser.parse_args(argv)

    slugs = [s for s in SCENE_CLASSES if fnmatch.fnmatchcase(s, options.scenes)]
    if not slugs:
        parser.error(f"no scene matches {options.scenes!r}; the scenes are {', '.join(SCENE_CLASSES)}")
    qualities = [q.strip() for q in options.qualities.split(",") if q.strip()]
    steps = {s.strip() for s in options.steps.split(",") if s.strip()}
    if unknown := steps - set(STEPS):
        parser.error(f"unknown step(s) {', '.join(sorted(unknown))}; choose from {', '.join(STEPS)}")
    if options.fresh:
        shutil.rmtree(options.out, ignore_errors=True)
    recorder = Recorder(options.out)
    notes_path = options.out / "notes.json"
    notes = json.loads(notes_path.read_text()) if notes_path.exists() else []
    notes += options.note
    notes_path.write_text(json.dumps(notes))

    if not options.report_only:
        repeats = _repeats(options.repeats, qualities)
        earlier = recorder.rows()
        for q in qualities:
            # Numbered after the runs already in OUT, so a later invocation adds repeats, not pairs
            # its measurements with an earlier run's.
            first = 1 + max((r["repeat"] for r in earlier if r["quality"] == q and r["kind"] != "profile"
                             and r["kind"] != "scene"), default=-1)
            for repeat in range(first, first + repeats[q]):
                print(f"-q {q}, run {repeat - first + 1} of {repeats[q]}", flush=True)
                if "batch" in steps:
                    bench_batch(recorder, slugs, q, repeat, options.jobs)
                if "manim" in steps:
                    bench_manim(recorder, slugs, q, repeat)
                if "stills" in steps:
                    bench_stills(recorder, slugs, q, repeat, options.jobs)
        if "fps" in steps:
            print(f"each scene alone at -q {options.scene_quality}", flush=True)
            bench_fps(recorder, slugs, options.scene_quality)
        if "profile" in steps:
            chosen = [s for s in options.profile.split(",") if s] or _slowest(recorder.rows(), options.scene_quality,
                                                                                options.profile_scenes)
            print(f"profiles of {', '.join(chosen)} at -q {options.scene_quality}", flush=True)
            bench_profiles(recorder, chosen, options.scene_quality)
    write_report(recorder, options.results, notes=notes)
    print(f"wrote {options.results}")
    return 0


def _slowest(rows: list[dict], quality: str, count: int) -> list[str]:
    """The ``count`` scenes with the most CPU seconds per second of video (from the per-scene runs),
    or else with the longest render in the cold batch."""
    scene_rows, _ = _scenes_alone(rows, quality)
    if scene_rows:
        ranked = sorted(scene_rows, key=lambda s: scene_rows[s]["cpu_seconds"] / scene_rows[s]["video_seconds"], reverse=True)
        return ranked[:count]
    batch = [r for r in rows if r["kind"] == "batch_cold" and r["quality"] == quality and r.get("scenes")]
    if not batch:
        return []
    seconds = batch[-1]["scenes"]
    return sorted(seconds, key=seconds.get, reverse=True)[:count]


if __name__ == "__main__":
    raise SystemExit(main())
