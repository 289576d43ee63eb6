"""Every scene, dry-run in both themes: captions for every beat, nothing outside the frame."""

from __future__ import annotations

import pytest

from scene_harness import dry_run
from scenes.registry import SCENE_CLASSES


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("slug", list(SCENE_CLASSES))
def test_beats_have_captions_and_stay_in_frame(slug, theme):
    scene = dry_run(slug, theme=theme)
    assert scene.theme.name == theme
    assert scene.records, "a scene has at least one beat"
    names = [r.name for r in scene.records]
    assert len(set(names)) == len(names), "beat names are unique"
    for record in scene.records:
        assert record.caption.strip(), record.name
        assert record.end > record.start
        assert not record.outside, (record.name, record.outside)
        assert record.numbers or record.texts, f"beat {record.name} shows nothing"


def test_theme_is_chosen_when_the_scene_is_built_not_at_import():
    dark = dry_run(next(iter(SCENE_CLASSES)), theme="dark")
    light = dry_run(next(iter(SCENE_CLASSES)), theme="light")
    assert dark.camera.background_color != light.camera.background_color
