"""Render one PNG per beat of the given scenes, in both themes, for a quick look.

    .venv/bin/python scripts/preview_stills.py vector-matrix [more slugs]  ->  renders/preview/<theme>/
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from scenes.render import render_scene

ROOT = Path(__file__).resolve().parents[1]


def main(slugs: list[str]) -> None:
    values = os.environ.get("NNANIM_VALUES") or None
    for theme in ("dark", "light"):
        out = ROOT / "renders" / "preview" / theme
        for slug in slugs:
            for old in out.glob(f"{slug}_*.png"):
                old.unlink()
            with tempfile.TemporaryDirectory() as media:
                render_scene(slug, media_dir=Path(media), theme=theme, values=values, stills_dir=out)
            print(f"{theme}: {len(list(out.glob(f'{slug}_*.png')))} stills of {slug} in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
