"""Issue 19's goals side by side: nnanim's render of a scene (parts on every core, the chosen encoder
settings, holds as one frame) against plain manim rendering the same scene file, in rounds (each
command once per round, alternating, so load changes hit both alike).

    .venv/bin/python bench/speed.py --scenes layers -q h --repeats 3
    .venv/bin/python bench/speed.py --scenes neuron,softmax -q h --repeats 1 --compare
    .venv/bin/python bench/speed.py --report

Each command is a fresh child process, measured by bench/measuring.py's ``measure`` (wall seconds, CPU
seconds of the whole process tree, load average at start and end). ``--compare`` also decodes both
videos and gives the PSNR of nnanim's frames against manim's. Results go to bench/work/speed.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measuring import BIN, commit, measure  # noqa: E402

from scenes.registry import SCENE_CLASSES, scene_file  # noqa: E402

WORK = ROOT / "bench" / "work" / "speed"
LOG = ROOT / "bench" / "work" / "speed.jsonl"


def nnanim_command(slugs: list[str], quality: str, out: Path, jobs: int) -> list[str]:
    if os.environ.get("SPEED_PARTS_ONLY"):  # before the batch renders in parts: the same parts, joined here
        return [sys.executable, __file__, "--parts-render", ",".join(slugs), "-q", quality, "--out", str(out), "-j", str(jobs)]
    return [str(BIN / "nnanim"), "render", *slugs, "-q", quality, "--out", str(out), "--force", "-j", str(jobs)]


def parts_render(slugs: list[str], quality: str, out: Path, jobs: int) -> None:
    """Render ``slugs`` as nnanim's batch does, without its cache: parts on every core, joined."""
    from nnanim.distribute import SceneRequest, render_scenes
    from nnanim.parts import assemble, beat_seconds

    failures = []

    def on_scene(request, parts) -> None:
        if isinstance(parts, BaseException):
            failures.append(f"{request.slug}: {parts}")
            return
        assemble(parts, out, f"{request.key:02d}_{request.slug}")

    requests = [SceneRequest(n, slug, quality=quality, seconds=tuple(beat_seconds(slug))) for n, slug in enumerate(slugs, 1)]
    render_scenes(requests, workers=jobs, on_scene=on_scene, work_root=out / ".work")
    if failures:
        raise SystemExit("\n".join(failures))


def manim_commands(slugs: list[str], quality: str, out: Path) -> list[list[str]]:
    return [
        [str(BIN / "manim"), "render", f"-q{quality}", "--media_dir", str(out / slug), scene_file(slug), SCENE_CLASSES[slug].split(":")[1]]
        for slug in slugs
    ]


def _video_seconds(path: Path) -> float:
    from nnanim.join import clip_seconds

    return float(clip_seconds(path))


def _psnr(ours: Path, theirs: Path) -> tuple[float, float, int]:
    from fractions import Fraction

    from encoder import decoded_frames, psnr

    import av

    with av.open(str(theirs)) as container:
        fps = Fraction(container.streams.video[0].average_rate)
    values = [psnr(a, b) for a, b in zip(decoded_frames(ours, fps), decoded_frames(theirs, fps))]
    finite = [v for v in values if v != float("inf")] or [99.0]
    return min(finite), sum(finite) / len(finite), len(values)


def run(slugs: list[str], quality: str, repeats: int, jobs: int, compare: bool) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(repeats):
        kinds = ("nnanim", "manim") if round_ % 2 == 0 else ("manim", "nnanim")
        # SPEED_KINDS=nnanim or manim runs one side only (two such runs at once: side by side in time).
        for kind in [k for k in kinds if k in os.environ.get("SPEED_KINDS", "nnanim,manim").split(",")]:
            # A folder per scene set: two sets measured at once do not share one.
            out = WORK / f"{kind}-{quality}-{round_}-{len(slugs)}-{slugs[0]}"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            if kind == "nnanim":
                runs = [measure(nnanim_command(slugs, quality, out, jobs), log=out / "log.txt", env=env)]
            else:
                runs = [measure(c, log=out / f"{c[-1]}.log", env=env) for c in manim_commands(slugs, quality, out)]
            videos = sorted(p for p in out.rglob("*.mp4") if _is_final(p))
            row = {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "commit": commit(),
                "kind": kind,
                "scenes": slugs,
                "quality": quality,
                "round": round_,
                "jobs": jobs,
                "seconds": sum(r.seconds for r in runs),
                "cpu_seconds": sum(r.cpu_seconds for r in runs),
                "ok": all(r.returncode == 0 for r in runs) and len(videos) == len(slugs),
                "video_seconds": sum(_video_seconds(v) for v in videos),
                "bytes": sum(v.stat().st_size for v in videos),
                "load_start": runs[0].load_start[0],
                "load_end": runs[-1].load_end[0],
                "cores": os.cpu_count(),
            }
            LOG.parent.mkdir(parents=True, exist_ok=True)
            with LOG.open("a") as handle:
                handle.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
        tag = f"{quality}-0-{len(slugs)}-{slugs[0]}"
        if compare and round_ == 0 and (WORK / f"nnanim-{tag}").exists() and (WORK / f"manim-{tag}").exists():
            ours = sorted(p for p in (WORK / f"nnanim-{tag}").rglob("*.mp4") if _is_final(p))
            theirs = sorted(p for p in (WORK / f"manim-{tag}").rglob("*.mp4") if _is_final(p))
            for slug in slugs:
                mine = next(p for p in ours if p.stem.endswith(f"_{slug}"))
                plain = next(p for p in theirs if slug in p.parts)
                low, mean, frames = _psnr(mine, plain)
                row = {"kind": "psnr", "scene": slug, "quality": quality, "min": low, "mean": mean, "frames": frames,
                       "bytes_nnanim": mine.stat().st_size, "bytes_manim": plain.stat().st_size, "commit": commit()}
                with LOG.open("a") as handle:
                    handle.write(json.dumps(row) + "\n")
                print(json.dumps(row), flush=True)


def skip_child(slug: str, quality: str, renderer: str, out: Path) -> None:
    """One part that skips every beat of ``slug`` but its last and draws that one, with manim's
    renderer or nnanim's (which draws nothing while skipping)."""
    from manim.renderer.cairo_renderer import CairoRenderer

    from nnanim.parts import _render_range, beat_seconds

    first = len(beat_seconds(slug)) - 1
    chosen = CairoRenderer if renderer == "manim" else None
    _render_range(slug, first, None, out / "media", quality, "dark", None, "mp4", renderer=chosen)


def skip_cost(slug: str, quality: str, repeats: int) -> None:
    """What skipping to a scene's last beat costs, manim's renderer against nnanim's, in rounds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(repeats):
        for renderer in ("manim", "nnanim") if round_ % 2 == 0 else ("nnanim", "manim"):
            out = WORK / f"skip-{renderer}-{quality}-{round_}"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            command = [sys.executable, __file__, "--skip-child", slug, "--renderer", renderer, "-q", quality, "--out", str(out)]
            result = measure(command, log=out / "log.txt", env=env)
            row = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit(), "kind": "skip",
                   "renderer": renderer, "scene": slug, "quality": quality, "round": round_, "ok": result.returncode == 0,
                   "seconds": result.seconds, "cpu_seconds": result.cpu_seconds,
                   "load_start": result.load_start[0], "load_end": result.load_end[0]}
            with LOG.open("a") as handle:
                handle.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)


def _is_final(path: Path) -> bool:
    return not ({"partial_movie_files", "sections", "clips"} & set(path.parts))


def report() -> None:
    import statistics

    rows = [json.loads(line) for line in LOG.read_text().splitlines()]
    groups: dict[tuple, dict[str, list[dict]]] = {}
    for row in rows:
        if row["kind"] in ("nnanim", "manim"):
            groups.setdefault((",".join(row["scenes"]), row["quality"]), {}).setdefault(row["kind"], []).append(row)
    fmt = lambda xs: f"{statistics.median(xs):.2f} ({min(xs):.2f}–{max(xs):.2f}, n={len(xs)})"  # noqa: E731
    print("| scenes | q | nnanim wall s | manim wall s | speed-up (per round) | nnanim CPU s | manim CPU s | CPU s per video s, nnanim | CPU s per video s, manim | load |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (scenes, quality), kinds in groups.items():
        ours, theirs = kinds.get("nnanim", []), kinds.get("manim", [])
        pairs = [(a, b) for a in ours for b in theirs if a["round"] == b["round"]]
        speedups = [b["seconds"] / a["seconds"] for a, b in pairs]
        loads = [r["load_start"] for r in ours + theirs] + [r["load_end"] for r in ours + theirs]
        print(
            f"| {scenes} | {quality} | {fmt([r['seconds'] for r in ours]) if ours else '-'} | "
            f"{fmt([r['seconds'] for r in theirs]) if theirs else '-'} | {fmt(speedups) if speedups else '-'}x | "
            f"{fmt([r['cpu_seconds'] for r in ours]) if ours else '-'} | {fmt([r['cpu_seconds'] for r in theirs]) if theirs else '-'} | "
            f"{fmt([r['cpu_seconds'] / r['video_seconds'] for r in ours if r['video_seconds']]) if ours else '-'} | "
            f"{fmt([r['cpu_seconds'] / r['video_seconds'] for r in theirs if r['video_seconds']]) if theirs else '-'} | "
            f"{min(loads):.1f}–{max(loads):.1f} |"
        )
    for row in rows:
        if row["kind"] == "psnr":
            print(f"\nPSNR {row['scene']} -q {row['quality']}: nnanim against plain manim, min {row['min']:.1f} dB, "
                  f"mean {row['mean']:.1f} dB over {row['frames']} frames; size {row['bytes_nnanim'] / row['bytes_manim']:.0%} of manim's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenes", default="layers", help="comma-separated slugs, or 'all'")
    parser.add_argument("-q", "--quality", default="h")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--compare", action="store_true", help="PSNR of nnanim's frames against manim's (round 0)")
    parser.add_argument("--report", action="store_true", help="only print the table of what was measured")
    parser.add_argument("--skip-cost", metavar="SLUG", help="what skipping to SLUG's last beat costs, manim's renderer against nnanim's")
    parser.add_argument("--skip-child", help=argparse.SUPPRESS)
    parser.add_argument("--renderer", help=argparse.SUPPRESS)
    parser.add_argument("--parts-render", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.skip_child:
        skip_child(args.skip_child, args.quality, args.renderer, args.out)
        return
    if args.skip_cost:
        skip_cost(args.skip_cost, args.quality, args.repeats)
        return
    if args.parts_render:
        parts_render(args.parts_render.split(","), args.quality, args.out, args.jobs)
        return
    if args.report:
        report()
        return
    slugs = list(SCENE_CLASSES) if args.scenes == "all" else args.scenes.split(",")
    run(slugs, args.quality, args.repeats, args.jobs, args.compare)
    report()


if __name__ == "__main__":
    main()
