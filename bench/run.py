"""Benchmark of the lecture's renders on this machine; writes bench/RESULTS.md.

Every measurement runs a command as a fresh child process and records its wall time, the peak
memory of its largest process and of its whole tree, its CPU seconds and the load average before
and after (bench/measuring.py). Measurements are appended to ``OUT/measurements.jsonl``, and the
report (bench/report.py) is written from everything in that file, so a run can be split
(``--steps batch`` now, ``--steps fps,profile`` later) and ``--report-only`` rewrites the table
without measuring. Run ``python bench/run.py --help`` for the options, bench/README.md for what
each number means.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import sys
from pathlib import Path

from measuring import BIN, ROOT, Recorder, Run, measure
from report import scenes_alone, write_report

sys.path.insert(0, str(ROOT))

from scenes.registry import SCENE_CLASSES, scene_file  # noqa: E402  (the repository root is on the path now)

STEPS = ("batch", "manim", "stills", "fps", "profile")
#: ``fps`` (each scene alone through nnanim) is left out by default: the ``manim`` step's per-scene
#: runs give each scene's frames per second already, and ``fps`` adds a whole sequential -q h pass.
DEFAULT_STEPS = ("batch", "manim", "stills", "profile")

_RENDERED = re.compile(r"^rendered\s+(\S+) in ([0-9.]+) s", re.MULTILINE)


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
    scene_rows, _ = scenes_alone(rows, quality)
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
