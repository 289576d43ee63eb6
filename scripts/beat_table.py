"""Write nnanim/beat_table.json: every lecture of the course (number, key, title) and its scenes in
order (slug, title, summary, beat names with the built-in values), with a digest of the sources it
was made from, which `nnanim list` reads instead of importing the course and computing the scenes'
scripts while the digest matches (nnanim/beat_table.py). `make lecture` and `make test` run it; the
file is not kept in git, and a stale one is never wrong, only slower (list asks the course):

    .venv/bin/python scripts/beat_table.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import course
    from nnanim.beat_table import TABLE, table_of

    table = table_of(course.LECTURES)
    # Written beside and renamed over, so a reader never sees half a table.
    partial = TABLE.with_name(f".{TABLE.name}.{os.getpid()}")
    partial.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(TABLE)
    scenes = [scene for lecture in table["lectures"] for scene in lecture["scenes"]]
    print(f"{TABLE.relative_to(ROOT)}: {len(table['lectures'])} lectures, {len(scenes)} scenes, "
          f"{sum(len(scene['beats']) for scene in scenes)} beats")


if __name__ == "__main__":
    main()
