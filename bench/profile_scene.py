"""Where the time of one scene's render goes: Cairo drawing, LaTeX, Text, encoding, per-frame Python.

Renders the scene once, as ``nnanim render`` does (:func:`scenes.render.render_scene`, fresh media
folder), while a thread samples the main thread's call stack every 2 ms of wall time. Each sample
goes to the first category, in this order, that has a function on the stack:

1. LaTeX — ``manim/utils/tex_file_writing.py`` or ``manim/mobject/text/tex_mobject.py``
   (writing the .tex, running latex and dvisvgm, parsing the SVG into a MathTex)
2. Text (Pango) — ``manim/mobject/text/text_mobject.py`` or ``manimpango`` (Text, MarkupText, Paragraph)
3. encoding — ``manim/scene/scene_file_writer.py`` (PyAV encoding frames, joining partial movies,
   sections)
4. stills — ``scenes/stills.py`` (drawing a beat's still)
5. Cairo drawing — ``manim/camera/`` and the Cairo renderer's ``update_frame``/``get_frame``
6. per-frame Python — anything else under ``Scene.play_internal`` (animations' interpolation,
   updaters, ``Scene.update_mobjects``)
7. animation setup — anything else under ``Scene.play`` (building the animations, their copies of
   the mobjects in ``begin``)
8. building the scene — anything else (the scene's own code building mobjects, beats, records)

so LaTeX compiled from an updater counts as LaTeX, and is also counted in ``in_play``. A sampling
profiler, not cProfile, gives the split: cProfile's per-call cost inflates Python-heavy parts
against Cairo's and PyAV's C code by up to 2x. ``--cprofile FILE`` also writes cProfile statistics
(pstats) of the same render for reading function by function, at that cost to the split.

Usage: ``python bench/profile_scene.py SLUG [-q h] [--json FILE] [--cprofile FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = (
    ("LaTeX", ("manim/utils/tex_file_writing.py", "manim/mobject/text/tex_mobject.py")),
    ("Text (Pango)", ("manim/mobject/text/text_mobject.py", "manimpango/")),
    ("encoding", ("manim/scene/scene_file_writer.py",)),
    ("stills", ("scenes/stills.py",)),
    ("Cairo drawing", ("manim/camera/", "cairo_renderer.py:update_frame", "cairo_renderer.py:get_frame")),
)
PER_FRAME = "per-frame Python"
SETUP = "animation setup"
BUILDING = "building the scene"
SAMPLE_SECONDS = 0.002


def _where(frame) -> str:
    """``path:function`` of a frame, the path shortened to start at its package."""
    path = frame.f_code.co_filename.replace("\\", "/")
    for marker in ("site-packages/", str(ROOT).replace("\\", "/") + "/", f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{frame.f_code.co_name}"


def classify(stack: list[str]) -> tuple[str, bool]:
    """The category of a sample whose stack (innermost first) is ``stack``, and whether it was
    taken inside an animation (``Scene.play_internal``)."""
    in_play = any(place.endswith("scene/scene.py:play_internal") for place in stack)
    for name, markers in CATEGORIES:
        if any(marker in place for place in stack for marker in markers):
            return name, in_play
    if in_play:
        return PER_FRAME, in_play
    if any(place.endswith("scene/scene.py:play") for place in stack):
        return SETUP, in_play
    return BUILDING, in_play


class StackSampler:
    """Samples one thread's stack from another thread; each sample weighs the wall time since the last."""

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.seconds: Counter[str] = Counter()
        self.in_play: Counter[str] = Counter()
        self.own: Counter[str] = Counter()
        self.scene_lines: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> StackSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.wait(SAMPLE_SECONDS):
            now = time.perf_counter()
            weight, last = now - last, now
            frame = sys._current_frames().get(self.thread_id)
            stack, lines = [], []
            while frame is not None:
                stack.append(_where(frame))
                lines.append(frame.f_lineno)
                frame = frame.f_back
            if not stack:
                continue
            category, in_play = classify(stack)
            self.seconds[category] += weight
            if in_play:
                self.in_play[category] += weight
            self.own[f"{stack[0]} ({category})"] += weight
            # The scene's own line that led here: where to look for waste.
            line = next((f"{where} line {number}" for where, number in zip(stack, lines)
                         if where.startswith("scenes/") and "scenes/render.py" not in where), None)
            if line:
                self.scene_lines[f"{line} ({category})"] += weight


class TexCounter:
    """Counts what manim's LaTeX and Text do during the render, by wrapping their entry points."""

    def __init__(self) -> None:
        self.strings: set[str] = set()
        self.compiles = 0
        self.compile_seconds = 0.0
        self.tex_in_play = 0
        self.texts_built = 0
        self.texts_in_play = 0

    def install(self) -> None:
        import manim.mobject.text.tex_mobject as tex_mobject
        import manim.utils.tex_file_writing as writing
        from manim.mobject.text.text_mobject import MarkupText, Text

        original_svg, original_compile = tex_mobject.tex_to_svg_file, writing.compile_tex

        def tex_to_svg_file(expression, *args, **kwargs):
            self.strings.add(str(expression))
            self.tex_in_play += _inside_play()
            return original_svg(expression, *args, **kwargs)

        def compile_tex(*args, **kwargs):  # only called when the SVG is not in manim's tex_dir yet
            started = time.perf_counter()
            try:
                return original_compile(*args, **kwargs)
            finally:
                self.compiles += 1
                self.compile_seconds += time.perf_counter() - started

        tex_mobject.tex_to_svg_file = tex_to_svg_file
        writing.compile_tex = compile_tex
        for cls in (Text, MarkupText):
            self._count_instances(cls)

    def _count_instances(self, cls: type) -> None:
        original = cls.__init__

        def __init__(obj, *args, **kwargs):
            self.texts_built += 1
            self.texts_in_play += _inside_play()
            original(obj, *args, **kwargs)

        cls.__init__ = __init__


def _inside_play() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "play_internal" and frame.f_code.co_filename.endswith("scene.py"):
            return True
        frame = frame.f_back
    return False


def profile(slug: str, *, quality: str, theme: str = "dark", stills: str | None = None, cprofile: Path | None = None) -> dict:
    """Render ``slug`` once with the sampler on; the categories' seconds and the LaTeX/Text counts.

    With ``stills`` (png, svg or pdf) it profiles what ``nnanim stills`` does instead: a dry run
    drawing one still per beat, no video.
    """
    from scenes.render import render_scene

    counter = TexCounter()
    counter.install()
    with tempfile.TemporaryDirectory(prefix="nnanim-profile-") as media:
        profiler = None
        if cprofile is not None:
            import cProfile

            profiler = cProfile.Profile()
        started = time.perf_counter()
        with StackSampler(threading.main_thread().ident) as sampler:
            if profiler:
                profiler.enable()
            if stills:
                render_scene(slug, media_dir=Path(media) / "media", quality=quality, theme=theme, dry_run=True,
                             stills_dir=Path(media) / "stills", stills_format=stills)
            else:
                render_scene(slug, media_dir=Path(media) / "media", quality=quality, theme=theme, save_sections=True)
            if profiler:
                profiler.disable()
        seconds = time.perf_counter() - started
    if profiler:
        profiler.dump_stats(str(cprofile))
    order = [name for name, _ in CATEGORIES] + [PER_FRAME, SETUP, BUILDING]
    return {
        "slug": slug,
        "quality": quality,
        "stills": stills,
        "seconds": seconds,
        "categories": {name: round(sampler.seconds[name], 3) for name in order},
        "in_play": {name: round(sampler.in_play[name], 3) for name in order if sampler.in_play[name]},
        "hottest": [(name, round(s, 3)) for name, s in sampler.own.most_common(15)],
        "scene_lines": [(name, round(s, 3)) for name, s in sampler.scene_lines.most_common(15)],
        "latex": {
            "strings": len(counter.strings),
            "compiles": counter.compiles,
            "compile_seconds": round(counter.compile_seconds, 3),
            "in_play": counter.tex_in_play,
        },
        "texts_built": counter.texts_built,
        "texts_in_play": counter.texts_in_play,
        "cprofile": bool(cprofile),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slug", help="a scene of `nnanim list`")
    parser.add_argument("-q", "--quality", default="h", choices=["l", "m", "h", "k"])
    parser.add_argument("--theme", default="dark", choices=["dark", "light"])
    parser.add_argument("--json", type=Path, default=None, help="write the result here as JSON")
    parser.add_argument("--stills", choices=["png", "svg", "pdf"], default=None,
                        help="profile drawing the stills (a dry run, as `nnanim stills`) instead of the video")
    parser.add_argument("--cprofile", type=Path, default=None, help="also write cProfile statistics (pstats) here")
    options = parser.parse_args(argv)
    result = profile(options.slug, quality=options.quality, theme=options.theme, stills=options.stills, cprofile=options.cprofile)
    if options.json:
        options.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    total = result["seconds"]
    what = f"stills ({options.stills})" if options.stills else "video"
    print(f"{options.slug} {what} at -q {options.quality}: {total:.1f} s")
    for name, seconds in result["categories"].items():
        print(f"  {name:<20} {seconds:6.1f} s  {seconds / total:5.1%}")
    latex = result["latex"]
    print(f"  LaTeX: {latex['compiles']} compiles of {latex['strings']} distinct strings, {latex['compile_seconds']:.1f} s;"
          f" {latex['in_play']} TeX and {result['texts_in_play']} of {result['texts_built']} texts built inside animations")
    print("  hottest functions (own time):")
    for name, seconds in result["hottest"][:8]:
        print(f"  {seconds:6.2f} s  {name}")
    print("  the scene's lines under which the time went (innermost line of scenes/):")
    for name, seconds in result["scene_lines"][:8]:
        print(f"  {seconds:6.2f} s  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
