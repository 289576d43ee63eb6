"""One takeaway line per beat, in the title's place, so each beat's still reads as a slide.

A slide's title is its point ("ReLU switches the negative neuron off"), not its topic ("A full
forward pass"): the scene's title opens the first beat, and every later beat replaces it with
that beat's takeaway, at the same place and size, so nothing else has to move.
"""

from __future__ import annotations

from collections.abc import Callable

from manim import UP, FadeIn, FadeOut, Text

from scenes.base import Beat, LectureScene

__all__ = ["headline", "with_headlines", "HEADLINE_WIDTH"]

#: The widest a headline may be: the frame (14.2 units) less the safe margin on both sides.
HEADLINE_WIDTH = 12.8

#: A long headline is shrunk to fit, but never below the captions' size (23 px digits at 720p);
#: longer than that is a sentence too long for a slide, and the check below says so.
_SMALLEST = 24


def headline(scene: LectureScene, content: str, *, run_time: float = 0.6) -> Text:
    """Show ``content`` as the headline at the top edge, replacing ``scene.heading`` if there is one.

    The old line fades out as the new one fades in: two sentences morphing into each other would
    be unreadable mid-way.
    """
    line = scene.text(content, size=scene.theme.title_size)
    if line.width > HEADLINE_WIDTH:
        line.scale(HEADLINE_WIDTH / line.width)
    if line.font_size < _SMALLEST:
        raise ValueError(f"headline too long for one line of a slide: {content!r}")
    line.to_edge(UP, buff=0.4)
    old = getattr(scene, "heading", None)
    if old is None:
        scene.play(FadeIn(line), run_time=run_time)
    elif getattr(old, "original_text", None) != content:
        scene.play(FadeOut(old), FadeIn(line), run_time=run_time)
    else:
        line = old
    scene.heading = line
    return line


def with_headlines(scene: LectureScene, beats: list[Beat], takeaway: Callable[[str], str | None]) -> list[Beat]:
    """``beats``, each opening with its takeaway as the headline: ``takeaway(beat name)``, or
    ``None`` to keep the headline there is (the first beat's title).

    The takeaways are kept in ``scene.takeaways`` (beat name → line) for the tests. Beats that share
    a takeaway (one per entry of a product) keep the line in place rather than fading it anew.
    """
    scene.takeaways = {}
    out = []
    for beat in beats:
        content = takeaway(beat.name)
        if content is None:
            out.append(beat)
            continue
        scene.takeaways[beat.name] = content

        def play(beat: Beat = beat, content: str = content) -> None:
            headline(scene, content)
            beat.play()

        out.append(Beat(beat.name, beat.caption, play))
    return out
