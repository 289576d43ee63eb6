"""docs/adding-a-scene.md is true: a scene is added by writing its content module, its scene module
and its tests — the three files of the guide's table — and nothing else.

In a copy of the code, a toy scene (`toy-sum`, placed between `one-hot` and `cross-entropy`) is
added by writing exactly those three files; the course then has it in its place, and `nnanim list`
(from the course, then from a beat table written again), `nnanim values`, `nnanim values --keys`
(the key tables docs/values.md points at) and `nnanim explain` show it. No other file of the copy
changed. Slow-ish (fresh processes importing the course): about ten seconds of CPU.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import course

REPO = Path(course.__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "adding-a-scene.md"
COPIED = ("course", "nnmath", "nnanim", "scenes", "scripts")

CONTENT = '''"""toy-sum: a toy scene of the test of docs/adding-a-scene.md: the sum of a vector."""

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_number
from nnmath.lecture import Explanation, Quantity, Section, sum_of_products
from nnmath.linalg import dot_trace
from nnmath.values import VECTOR

SCHEMA = {"x": Key(VECTOR, "the numbers that are added up")}
VALUES = """
[toy-sum]
# Three numbers, added up.
x = [1.0, 2.0, 4.0]
"""


def compute(v) -> Explanation:
    ones = [1.0] * len(v["x"])
    step = dot_trace(v["x"], ones, b_name="ones")
    return Explanation("toy-sum", "A toy sum", (Section("the sum", (step,)),),
                       {"sum": Quantity(step.output, sum_of_products(v["x"], ones))})


def script(e: Explanation) -> tuple[BeatScript, ...]:
    return (BeatScript("numbers", "The numbers"),
            BeatScript("sum", f"Their sum is {format_number(e.quantities['sum'].value)}"))


SPEC = SceneSpec("toy-sum", "A toy sum", "x₁ + x₂ + x₃, a toy", compute, "scenes.toy_sum:ToySum", SCHEMA, script,
                 values=VALUES, place=125)
'''

SCENE = '''"""toy-sum's drawing (never rendered by the test)."""

from scenes.base import LectureScene


class ToySum(LectureScene):
    slug = "toy-sum"

    def beat_numbers(self) -> None: ...

    def beat_sum(self) -> None: ...
'''

TEST = '''def test_the_toy_sum_is_on_screen():
    """A scene's own test (not run here)."""
'''


def _guide_files() -> list[str]:
    """The file column of the guide's table of steps, for the topic ``toy_sum`` in lecture 1."""
    text = GUIDE.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if re.match(r"^\| \d\. ", line)]
    files = [re.findall(r"`([^`]+)`", row.split("|")[2]) for row in rows]
    return [f.replace("<N>", "1").replace("<topic>", "toy_sum") for cells in files for f in cells]


def _digests(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _nnanim(root: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", "from nnanim.cli import main; main()", *args], cwd=root / "work",
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    for folder in COPIED:
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "beat_table.json"))
    (root / "tests" / "scenes").mkdir(parents=True)
    (root / "work").mkdir()
    return root


def test_the_guide_names_three_files_to_write():
    assert _guide_files() == ["course/lecture1/toy_sum.py", "scenes/toy_sum.py", "tests/scenes/test_scene_toy_sum.py"]


def test_a_scene_is_added_by_its_three_files_and_shows_everywhere(copy):
    before = _digests(copy)
    written = dict(zip(_guide_files(), (CONTENT, SCENE, TEST)))
    for name, text in written.items():
        (copy / name).write_text(text, encoding="utf-8")

    check = (
        "import course, json\n"
        "from scenes.registry import SCENE_CLASSES\n"
        "lec = course.lecture(1)\n"
        "print(json.dumps([course.__file__, lec.slugs, SCENE_CLASSES['toy-sum']]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run([sys.executable, "-c", check], cwd=copy / "work", env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    where, slugs, scene_class = json.loads(done.stdout)
    assert Path(where).is_relative_to(copy), "the copy's course is the one imported"
    assert slugs == [*course.lecture(1).slugs[:12], "toy-sum", *course.lecture(1).slugs[12:]]
    assert scene_class == "scenes.toy_sum:ToySum"

    listed = _nnanim(copy, "list")
    assert "\n13  toy-sum " in listed and "2 beats  x₁ + x₂ + x₃, a toy\n" in listed
    assert json.loads(_nnanim(copy, "list", "--json"))[12]["beat_names"] == ["numbers", "sum"]
    values = _nnanim(copy, "values")
    assert "\n\n[toy-sum]\n# Three numbers, added up.\nx = [1.0, 2.0, 4.0]\n\n[cross-entropy]\n" in values
    keys = _nnanim(copy, "values", "--keys")
    assert "### `[toy-sum]`\n\n| key | shape | meaning |\n|---|---|---|\n| `x` | a list of numbers | the numbers that are added up |\n" in keys
    explained = _nnanim(copy, "explain", "toy-sum")
    assert explained.startswith("== toy-sum: A toy sum ==") and re.search(r"^sum +7 +1·1 \+ 2·1 \+ 4·1$", explained, re.M)

    # Nothing else was touched: not the lecture's package, its values, the beat table, any document.
    after = _digests(copy)
    assert {name for name in after if before.get(name) != after[name]} == set(written)

    # The beat table, written again as `make` does, gives the same listing without the course.
    subprocess.run([sys.executable, str(copy / "scripts" / "beat_table.py")], env=env, check=True, capture_output=True)
    assert _nnanim(copy, "list") == listed
