"""Write nnanim/beat_table.json: the beat names of every scene of the course with the built-in
values, which `nnanim list` reads instead of building the scenes (lecture 1's beats exist only in
their manim classes). tests/course/test_course_contract.py fails until the table is current. Run it
again after adding a scene or changing a scene's beats:

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

    table = table_of(course.all_slugs())
    TABLE.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{TABLE.relative_to(ROOT)}: {len(table)} scenes, {sum(len(names) for names in table.values())} beats")


if __name__ == "__main__":
    main()
