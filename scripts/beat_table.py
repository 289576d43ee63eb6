"""Write nnanim/beat_table.json: every lecture of the course (number, key, title) and its scenes in
order (slug, title, summary, beat names with the built-in values), which `nnanim list` reads
instead of importing the course and building the scenes (lecture 1's beats exist only in their
manim classes). tests/course/test_course_contract.py fails until the table is current. Run it again
after adding, removing or reordering a scene, or changing a scene's title, summary or beats:

    .venv/bin/python scripts/beat_table.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import course
    from nnanim.beat_table import TABLE, table_of

    table = table_of(course.LECTURES)
    TABLE.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    scenes = [scene for lecture in table["lectures"] for scene in lecture["scenes"]]
    print(f"{TABLE.relative_to(ROOT)}: {len(table['lectures'])} lectures, {len(scenes)} scenes, "
          f"{sum(len(scene['beats']) for scene in scenes)} beats")


if __name__ == "__main__":
    main()
