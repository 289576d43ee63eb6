"""Write nnanim/beat_seconds.json: how long each beat of each scene lasts, from a dry run of every
scene (no video). nnanim uses it only to plan how to cut a scene into parts of about equal length
before the scene has been rendered once (after that, the scene's own manifest says); a stale file
makes the parts less even, never the video different. Run it again after changing a scene's beats:

    .venv/bin/python scripts/beat_seconds.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import course
    from scenes.render import render_scene

    seconds = {}
    for lecture in course.LECTURES:
        for spec in lecture.scenes:
            try:
                with tempfile.TemporaryDirectory(prefix="nnanim-beat-seconds-") as media:
                    scene = render_scene(spec.slug, media_dir=Path(media), quality="l", dry_run=True)
            except Exception as exc:  # a scene not drawable yet (lecture 2 in progress)
                print(f"skipped {spec.slug}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            seconds[spec.slug] = [round(r.end - r.start, 3) for r in scene.records]
            print(spec.slug, len(seconds[spec.slug]), round(sum(seconds[spec.slug]), 1), flush=True)
    target = ROOT / "nnanim" / "beat_seconds.json"
    target.write_text(json.dumps(seconds, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
