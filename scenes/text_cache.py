"""Each text's outlines parsed once per process, not once per ``Text``.

Building a ``Text`` lays it out with Pango into an SVG file (cached on disk by manim, named by a
hash of the string, font, size and colour) and then parses that file into glyph outlines, the
slowest part of building a scene: the training scene rebuilds its four counter labels for each of
its hundred snapshots, and its dry run spent 60 of 77 profiled seconds in ``Text``. manim can keep
each parsed SVG and hand out copies (``SVGMobject``'s ``use_svg_cache``); it does for every SVG but
a ``Text``, because copying a large text used to cost more than parsing it. With
:mod:`scenes.copying` a copy shares the parsed outlines and is cheap, so here every ``Text`` (and
``Num``, ``ShapeText``, ...) uses the cache unless told otherwise.

The cache's key is manim's: the SVG file's name, which already names everything its outlines
depend on, with the style and the class. A text from the cache is the same points and the same
pixels (tests/scenes/test_copying.py). The cache keeps the :data:`LIMIT` texts used last, so a
long process (a test run, a batch) does not grow without end.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from manim import Text
from manim.mobject.svg import svg_mobject

__all__ = ["LIMIT", "install", "uninstall"]

#: The most parsed texts kept: a scene builds a few hundred texts (layers about 300, the training
#: scene about 800, most alike); the repeats are mostly within a scene.
LIMIT = 512

_SAVED: dict[str, Any] = {}


class _LastUsed(OrderedDict):
    """A dict of at most :data:`LIMIT` entries that forgets the one used longest ago."""

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > LIMIT:
            self.popitem(last=False)


def install() -> None:
    """Texts use manim's SVG cache, bounded to :data:`LIMIT` entries (idempotent)."""
    if _SAVED:
        return
    _SAVED["init"], _SAVED["cache"] = Text.__init__, svg_mobject.SVG_HASH_TO_MOB_MAP
    text_init = Text.__init__

    def init_from_cached_outlines(self: Text, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_svg_cache", True)
        text_init(self, *args, **kwargs)

    init_from_cached_outlines.__doc__ = text_init.__doc__
    Text.__init__ = init_from_cached_outlines
    svg_mobject.SVG_HASH_TO_MOB_MAP = _LastUsed(svg_mobject.SVG_HASH_TO_MOB_MAP)


def uninstall() -> None:
    """manim's own texts again, each parsed from its file (for tests that compare both)."""
    if _SAVED:
        Text.__init__ = _SAVED.pop("init")
        svg_mobject.SVG_HASH_TO_MOB_MAP = _SAVED.pop("cache")


install()
