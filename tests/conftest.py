from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from course import load_values
from nnmath.values import LectureValues

# Hypothesis keeps no example database and its caches in a temporary folder: the tests write
# nothing into the checkout (no .hypothesis/).
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="nnanim-hypothesis-"))
# No deadline and no "too slow" health check: on a shared 2-core machine (CI, or a lecturer's laptop
# rendering) an example's time says nothing about its correctness.
settings.register_profile("nnanim", database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nnanim")

#: The checkout the tests run from, and what may appear in it during a run: Python's and pytest's
#: own caches (ignored by git), never a file of a test.
_CHECKOUT = Path(__file__).resolve().parents[1]
_NOT_CHECKED = frozenset({".git", ".venv", "__pycache__", ".pytest_cache"})
_CHECKOUT_FILES = pytest.StashKey[frozenset[str]]()
# manim writes the texts it typesets into config.media_dir, "./media" unless told otherwise: a test
# building a Text outside a render (tests/scenes/test_mobjects.py, a scene test's diagram) wrote
# media/texts/*.svg into the checkout. One private folder per test process instead.
_MANIM_MEDIA = tempfile.mkdtemp(prefix="nnanim-test-manim-media-")
atexit.register(shutil.rmtree, _MANIM_MEDIA, ignore_errors=True)


def _files_in_checkout() -> frozenset[str]:
    found: set[str] = set()
    for folder, subfolders, files in os.walk(_CHECKOUT):
        subfolders[:] = [name for name in subfolders if name not in _NOT_CHECKED]
        found.update(os.path.relpath(os.path.join(folder, name), _CHECKOUT) for name in files)
    return frozenset(found)


def pytest_sessionstart(session: pytest.Session) -> None:
    # Before collection: a test module that writes when imported is caught too.
    session.config.stash[_CHECKOUT_FILES] = _files_in_checkout()


@pytest.fixture(scope="session", autouse=True)
def _nothing_written_into_the_checkout(request: pytest.FixtureRequest):
    """Fail the run (an error at the last test's teardown) if a test left a new file in the checkout."""
    before = request.config.stash.get(_CHECKOUT_FILES, None)
    if before is None:  # this conftest was loaded after the session started
        before = _files_in_checkout()
    yield
    written = sorted(_files_in_checkout() - before)
    assert not written, f"the tests wrote {len(written)} file(s) into the checkout {_CHECKOUT}: {written[:10]}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # manim is not imported here (the tests of nnmath never load it): once a test module has, its
    # texts go to this process's folder. A render's tempconfig puts this back when it ends.
    manim = sys.modules.get("manim")
    if manim is not None and str(manim.config.media_dir) != _MANIM_MEDIA:
        manim.config.media_dir = _MANIM_MEDIA


@pytest.fixture(scope="session")
def lecture() -> LectureValues:
    """The built-in lecture values."""
    return load_values()


def _scene_of(item: pytest.Item) -> str | None:
    """The scene whose shared dry run a test reads, if any."""
    if item.path.name == "test_scenes_layout.py":
        callspec = getattr(item, "callspec", None)
        return callspec.params.get("slug") if callspec is not None else None
    if item.path.stem.startswith("test_scene_"):
        return item.path.stem.removeprefix("test_scene_").replace("_", "-")
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's worker turns the groups into node ids
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A dry run is the suite's costliest step and each test process plays it once per (scene,
    # values, theme): under `pytest -n N --dist loadgroup` every test reading one scene's dry run
    # goes to the same process, so no scene is played twice (make test passes --dist loadgroup).
    for item in items:
        scene = _scene_of(item)
        if scene is not None:
            item.add_marker(pytest.mark.xdist_group(f"scene-{scene}"))


def pytest_collection_finish(session: pytest.Session) -> None:
    # xdist 3.8 groups by a suffix it writes into each node id; pytest 9.2 ignores that write, and the
    # tests were silently spread over every process again (pytest-xdist#1386): refuse to run so.
    if not session.config.getoption("loadgroup", default=False):  # unset without xdist
        return
    lost = [item.nodeid for item in session.items
            if any(item.iter_markers("xdist_group")) and "@" not in item.nodeid]
    if lost:
        raise pytest.UsageError(
            f"--dist loadgroup is ignoring the scene groups ({len(lost)} tests, e.g. {lost[0]}): this pytest "
            "and pytest-xdist do not group (pytest-xdist#1386); install the versions pyproject.toml pins "
            "(bash scripts/setup.sh --test)"
        )
