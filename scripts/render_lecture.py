"""Render every scene of the lecture, in lecture order: `make lecture` runs this.

    .venv/bin/python scripts/render_lecture.py [-q l|m|h|k] [--theme dark|light] [--out renders]

Each scene becomes <out>/<theme>/<quality>/NN_<slug>.mp4 with its .srt subtitles beside it, and
one PNG per beat in <out>/<theme>/<quality>/stills/. A file is only replaced once its scene has
rendered completely. (`nnanim render` will take over, with parallel jobs and caching.)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from nnmath.lecture import CATALOGUE
from scenes.registry import SCENE_CLASSES
from scenes.render import QUALITIES, render_scene

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-q", "--quality", choices=sorted(QUALITIES), default="m")
    parser.add_argument("--theme", choices=["dark", "light"], default="dark")
    parser.add_argument("--out", type=Path, default=ROOT / "renders")
    args = parser.parse_args(argv)
    target = args.out / args.theme / args.quality
    stills = target / "stills"
    stills.mkdir(parents=True, exist_ok=True)
    slugs = [slug for slug in CATALOGUE if slug in SCENE_CLASSES]
    for number, slug in enumerate(slugs, start=1):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="nnanim-render-") as work:
            work_dir = Path(work)
            render_scene(slug, media_dir=work_dir, quality=args.quality, theme=args.theme, stills_dir=work_dir / "stills")
            name = SCENE_CLASSES[slug].split(":")[1]
            [video] = [p for p in work_dir.rglob(f"{name}.mp4") if "partial_movie_files" not in p.parts]
            stem = f"{number:02d}_{slug}"
            # Copy into the work folder first, then rename: a rename within one folder is atomic.
            for source, suffix in ((video, ".mp4"), (video.with_suffix(".srt"), ".srt")):
                if source.exists():
                    staging = target / f".{stem}{suffix}.partial"
                    shutil.copyfile(source, staging)
                    staging.replace(target / f"{stem}{suffix}")
            for png in sorted((work_dir / "stills").glob("*.png")):
                shutil.copyfile(png, stills / f"{number:02d}_{png.name}")
        print(f"[{number}/{len(slugs)}] {slug}: {time.perf_counter() - started:.1f} s -> {target / stem}.mp4", flush=True)
    print(f"The lecture is in {target} (videos and .srt subtitles) and {stills} (one still per beat).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
