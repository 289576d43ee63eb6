"""What a dry run costs with manim's own ways and with nnanim's, side by side in rounds.

A dry run plays a scene without writing a video: ``nnanim stills`` draws its stills from one, and
the tests read what each beat shows from one. Two things nnanim does differently, each can be left
out with ``--without``:

- ``renderer``: manim's Cairo renderer still draws a frame of the still parts and one of the moving
  parts for every animation it skips; :class:`scenes.render.SkippingRenderer` draws none (a still
  is drawn on purpose);
- ``texts``: manim parses every ``Text``'s SVG anew; :mod:`scenes.text_cache` parses each once per
  process.

Each run is a fresh child process; the two ways alternate within a round, so both see the same load.

    .venv/bin/python bench/dry_runs.py layers matrix-vector training --rounds 3
    .venv/bin/python bench/dry_runs.py training --without texts
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measuring import ROOT, measure  # noqa: E402

WAYS = ("manim", "nnanim")
CHANGES = ("renderer", "texts")


def child(slug: str, way: str, without: str) -> None:
    """One dry run of ``slug`` in this process, with the lecture's values and the dark theme;
    ``way`` "manim" leaves out the changes named in ``without`` (comma-separated)."""
    from manim.renderer.cairo_renderer import CairoRenderer

    import scenes.text_cache
    from scenes.render import render_scene

    left_out = set(without.split(",")) if way == "manim" else set()
    if "texts" in left_out:
        scenes.text_cache.uninstall()
    with tempfile.TemporaryDirectory(prefix="nnanim-bench-dry-") as media:
        render_scene(slug, media_dir=Path(media), dry_run=True,
                     renderer_class=CairoRenderer if "renderer" in left_out else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--without", default=",".join(CHANGES),
                        help=f"what manim's way leaves out, comma-separated: {', '.join(CHANGES)} (default: both)")
    parser.add_argument("--child", nargs=2, metavar=("SLUG", "WAY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not set(args.without.split(",")) <= set(CHANGES):
        parser.error(f"--without takes {', '.join(CHANGES)}, not {args.without!r}")
    if args.child:
        child(*args.child, args.without)
        return
    if not args.slugs:
        parser.error("name at least one scene")
    cpu: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="nnanim-bench-dry-logs-") as logs:
        for round_ in range(args.rounds):
            for slug in args.slugs:
                for way in WAYS:
                    run = measure([sys.executable, __file__, "--child", slug, way, "--without", args.without],
                                  log=Path(logs) / f"{slug}-{way}-{round_}.log")
                    if run.returncode != 0:
                        sys.exit(f"{slug} the {way} way failed:\n{run.output[-2000:]}")
                    cpu.setdefault((slug, way), []).append(run.cpu_seconds)
                    print(f"round {round_ + 1} {slug:16} {way:7} {run.cpu_seconds:6.1f} CPU s "
                          f"{run.seconds:6.1f} s load {run.load_start[0]:.1f}", flush=True)
    print(f"\n| scene | without {args.without}, CPU s (median, runs) | nnanim | nnanim/without |\n|---|---|---|---|")
    for slug in args.slugs:
        manim_, ours = (cpu[(slug, w)] for w in WAYS)
        print(f"| {slug} | {statistics.median(manim_):.1f} ({', '.join(f'{c:.1f}' for c in manim_)}) | "
              f"{statistics.median(ours):.1f} ({', '.join(f'{c:.1f}' for c in ours)}) | "
              f"{statistics.median(ours) / statistics.median(manim_):.2f} |")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
