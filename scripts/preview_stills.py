"""Render one PNG per beat of the given scenes, in both themes, for a quick look.

    .venv/bin/python scripts/preview_stills.py vector-matrix [more slugs]  ->  renders/preview/<theme>/

(Until `nnanim stills` exists; this renders the videos at low quality to a temporary folder.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from manim import tempconfig

from scenes.registry import scene_class

ROOT = Path(__file__).resolve().parents[1]


def main(slugs: list[str]) -> None:
    for theme in ("dark", "light"):
        out = ROOT / "renders" / "preview" / theme
        for slug in slugs:
            for old in out.glob(f"{slug}_*.png"):
                old.unlink()
            os.environ["NNANIM_THEME"] = theme
            os.environ["NNANIM_STILLS_DIR"] = str(out)
            with tempfile.TemporaryDirectory() as media, tempconfig(
                {"quality": "low_quality", "media_dir": media, "verbosity": "WARNING", "progress_bar": "none"}
            ):
                scene_class(slug)().render()
            print(f"{theme}: {len(list(out.glob(f'{slug}_*.png')))} stills of {slug} in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
