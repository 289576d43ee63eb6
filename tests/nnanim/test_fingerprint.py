"""A render's cache key covers the files its scene uses, and only those."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import course
from nnanim import fingerprint

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project's packages that the fingerprint reads instead of the real ones."""
    for package in ("nnmath", "scenes", "course"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "_ROOT", tmp_path)
    fingerprint._imports_of.cache_clear()
    yield tmp_path
    fingerprint._imports_of.cache_clear()


def _all() -> dict[str, str]:
    fingerprint._imports_of.cache_clear()
    return {slug: fingerprint.scene_fingerprint(slug) for slug in course.lecture(1).slugs}


def test_editing_one_scene_module_changes_that_scene_alone(project):
    before = _all()
    with (project / "scenes" / "softmax.py").open("a") as file:
        file.write("\n# a lecturer's edit\n")
    after = _all()
    assert {slug for slug in before if before[slug] != after[slug]} == {"softmax"}


def test_editing_a_shared_piece_changes_every_scene_that_uses_it(project):
    before = _all()
    with (project / "scenes" / "theme.py").open("a") as file:
        file.write("\n# a new colour\n")
    after = _all()
    assert all(before[slug] != after[slug] for slug in before)


def test_a_scene_uses_its_own_files_and_not_another_scenes():
    files = {path.relative_to(REPO).as_posix() for path in fingerprint.files_of_scene("mse")}
    assert {"scenes/mse.py", "course/lecture1/mse.py", "scenes/base.py", "nnmath/losses.py", "course/lecture1/errata.toml"} <= files
    assert "scenes/softmax.py" not in files and "course/lecture1/softmax.py" not in files
