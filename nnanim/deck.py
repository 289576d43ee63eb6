"""Slide decks of the beats, built from what a batch rendered: one slide per beat.

- PDF: the vector PDF stills joined into one file, with an outline (scene → beat captions).
- PowerPoint: a slide per beat with the beat's still, its clip on top (the still as the clip's
  poster frame) and the beat's caption in the speaker notes.
- HTML: one offline page and a folder beside it holding the clips and posters; the arrow keys,
  space and Page Up/Down step through the beats, each clip playing as its slide appears. It loads
  nothing from the network.

Every deck is written under a temporary name and renamed into place; an HTML page and its folder
are replaced together, so a failure leaves both old.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nnanim.batch import JobResult
from nnanim.files import replace_together, write_atomically

__all__ = ["Slide", "slides_of", "write_pdf", "write_pptx", "write_html", "DECK_FORMATS"]

DECK_FORMATS = ("pdf", "pptx", "html")


@dataclass(frozen=True)
class Slide:
    """One beat as a slide: where it sits in the lecture and its files (absolute paths)."""

    slug: str
    title: str
    beat: str
    caption: str
    still: Path
    clip: Path | None


def slides_of(stills: Iterable[JobResult], videos: Iterable[JobResult] = ()) -> list[Slide]:
    """Pair each beat's still with its clip (when a video was rendered), in lecture order."""
    import course

    clips = {
        (r.job.slug, b.index): r.job.folder / b.clip for r in videos for b in r.beats if b.clip is not None
    }
    slides = []
    for result in sorted(stills, key=lambda r: r.job.number):
        for beat in result.beats:
            slides.append(
                Slide(
                    slug=result.job.slug,
                    title=course.spec(result.job.slug).title,
                    beat=beat.name,
                    caption=beat.caption,
                    still=result.job.folder / beat.still,
                    clip=clips.get((result.job.slug, beat.index)),
                )
            )
    return slides


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


def write_pdf(slides: list[Slide], path: Path) -> Path:
    """Join the slides' vector PDF stills into ``path``, with an outline of scenes and beats."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    scene_entry = None
    for number, slide in enumerate(slides):
        writer.append(str(slide.still))
        if scene_entry is None or slides[number - 1].slug != slide.slug:
            scene_entry = writer.add_outline_item(title=slide.title, page_number=number)
        writer.add_outline_item(title=slide.caption, page_number=number, parent=scene_entry)
    writer.add_metadata({"/Title": "Neural Networks from Scratch", "/Creator": "nnanim"})
    write_atomically(path, lambda target: writer.write(str(target)))
    return path


def write_pptx(slides: list[Slide], path: Path) -> Path:
    """A 16:9 PowerPoint file: each beat's still, its clip over it, the caption in the notes."""
    from pptx import Presentation
    from pptx.util import Emu

    presentation = Presentation()
    presentation.slide_width = Emu(12192000)
    presentation.slide_height = Emu(6858000)
    blank = presentation.slide_layouts[6]
    width, height = presentation.slide_width, presentation.slide_height
    for slide in slides:
        page = presentation.slides.add_slide(blank)
        page.shapes.add_picture(str(slide.still), 0, 0, width, height)
        if slide.clip is not None:
            page.shapes.add_movie(
                str(slide.clip), 0, 0, width, height, poster_frame_image=str(slide.still), mime_type="video/mp4"
            )
        page.notes_slide.notes_text_frame.text = f"{slide.title} — {slide.caption}"
    write_atomically(path, lambda target: presentation.save(str(target)))
    return path


def write_html(slides: list[Slide], path: Path) -> Path:
    """An offline presentation ``path`` (.html) with its clips and posters in ``<name>_files/``."""
    assets_name = f"{path.stem}_files"
    assets = path.with_name(assets_name)
    staging = _partial(assets)
    aside = assets.with_name(f".{assets_name}.{os.getpid()}.old")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(aside, ignore_errors=True)
    staging.mkdir(parents=True)
    entries = []
    try:
        for number, slide in enumerate(slides, start=1):
            stem = f"{number:03d}_{slide.slug}_{slide.beat}"
            poster = f"{stem}{slide.still.suffix}"
            shutil.copyfile(slide.still, staging / poster)
            clip = None
            if slide.clip is not None:
                clip = f"{stem}{slide.clip.suffix}"
                shutil.copyfile(slide.clip, staging / clip)
            entries.append(
                {
                    "title": slide.title,
                    "caption": slide.caption,
                    "poster": f"{assets_name}/{poster}",
                    "clip": f"{assets_name}/{clip}" if clip else None,
                }
            )
        page = _partial(path)
        page.write_text(_html_page(entries), encoding="utf-8")
        # The page and its folder are replaced together: both new, or (on a failure) both old.
        aside.mkdir()
        replace_together([(staging, assets), (page, path)], aside=aside)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)
        _partial(path).unlink(missing_ok=True)
    return path


def _html_page(entries: list[dict]) -> str:
    data = json.dumps(entries, ensure_ascii=False).replace("</", "<\\/")
    first = entries[0] if entries else {"title": "", "caption": "", "poster": ""}
    return _PAGE.replace("__SLIDES__", data).replace("__TITLE__", html.escape(first["title"]))


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>__TITLE__ — nnanim</title>
<style>
  html, body { margin: 0; height: 100%; background: #000; color: #eee; font-family: "DejaVu Sans", sans-serif; }
  main { display: flex; flex-direction: column; height: 100%; }
  #stage { flex: 1; display: flex; align-items: center; justify-content: center; min-height: 0; }
  /* A slide fills the screen whatever the video's quality: a 854×480 (-q l) clip is scaled up to
     the window like a 1920×1080 one, keeping its 16:9 shape (black bars only on the other axis). */
  video { width: 100%; height: 100%; object-fit: contain; display: block; }
  footer { display: flex; gap: 1.5em; padding: 0.4em 1em; font-size: 1.1em; background: #111; }
  #caption { flex: 1; }
  #counter { color: #999; }
  body.no-captions footer #caption { visibility: hidden; }
</style>
</head>
<body>
<main>
  <div id="stage"><video id="clip" muted playsinline preload="auto"></video></div>
  <footer><span id="caption"></span><span id="counter"></span></footer>
</main>
<script>
"use strict";
const slides = __SLIDES__;
const video = document.getElementById("clip");
let current = 0;

function show(index) {
  current = Math.max(0, Math.min(slides.length - 1, index));
  const slide = slides[current];
  video.poster = slide.poster;
  if (slide.clip) {
    video.src = slide.clip;
    video.play().catch(() => {});
  } else {
    video.removeAttribute("src");
    video.load();
  }
  document.getElementById("caption").textContent = slide.title + " — " + slide.caption;
  document.getElementById("counter").textContent = (current + 1) + " / " + slides.length;
  document.body.dataset.current = String(current);
  if (location.hash !== "#selftest") history.replaceState(null, "", "#" + (current + 1));
}

document.addEventListener("keydown", (event) => {
  const steps = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
  if (event.key in steps) { show(current + steps[event.key]); event.preventDefault(); }
  else if (event.key === "Home") show(0);
  else if (event.key === "End") show(slides.length - 1);
  else if (event.key === "c") document.body.classList.toggle("no-captions");
  else if (event.key === "f") document.documentElement.requestFullscreen().catch(() => {});
});

// #selftest presses keys and reports what happened, for a headless browser to check.
function selftest() {
  const press = (key) => document.dispatchEvent(new KeyboardEvent("keydown", { key }));
  const visited = [current];
  for (const key of ["ArrowRight", "ArrowRight", "ArrowLeft", "End", "Home", "ArrowRight"]) {
    press(key);
    visited.push(current);
  }
  const report = (clipState) => {
    // drawn: the size the picture is drawn at (object-fit: contain) against the stage it can fill.
    const stage = document.getElementById("stage");
    const scale = video.videoWidth ? Math.min(video.clientWidth / video.videoWidth, video.clientHeight / video.videoHeight) : 0;
    document.body.dataset.selftest = JSON.stringify({ slides: slides.length, visited, clip: clipState,
      width: video.videoWidth, height: video.videoHeight,
      drawn: [video.videoWidth * scale, video.videoHeight * scale], stage: [stage.clientWidth, stage.clientHeight] });
  };
  if (!slides[current].clip) { report("none"); return; }
  video.addEventListener("loadeddata", () => report("loaded"), { once: true });
  video.addEventListener("error", () => report("error"), { once: true });
}

const start = parseInt(location.hash.slice(1), 10);
show(Number.isFinite(start) ? start - 1 : 0);
if (location.hash === "#selftest") selftest();
</script>
</body>
</html>
"""
