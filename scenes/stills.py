"""A beat's finished frame as a file: a PNG from the camera, or a true vector SVG/PDF from Cairo.

The vector formats draw the scene's mobjects again, with the camera's own path and colour code,
onto a ``cairo.SVGSurface`` or ``cairo.PDFSurface`` instead of the image surface, so text and
shapes stay paths and nothing is embedded as a bitmap.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Literal

import cairo
import numpy as np
from manim import Camera, Mobject, Scene, VMobject
from manim.renderer.cairo_renderer import CairoRenderer
from manim.utils.color import ManimColor

__all__ = ["STILL_FORMATS", "StillFormat", "write_still"]

StillFormat = Literal["png", "svg", "pdf"]
STILL_FORMATS: tuple[StillFormat, ...] = ("png", "svg", "pdf")


def write_still(scene: Scene, path: Path, *, fmt: StillFormat = "png", transparent: bool = False) -> Path:
    """Write what ``scene`` shows now to ``path`` (a temporary name first, then renamed).

    Parameters
    ----------
    scene
        A scene in the middle of rendering; its current mobjects are drawn in their current state.
    path
        The file to write; its folder must exist.
    fmt
        ``png`` (the camera's pixels, ``pixel_width`` × ``pixel_height``), ``svg`` or ``pdf``
        (vector, one point per pixel).
    transparent
        Leave the background out (PNG with alpha; no background rectangle in SVG/PDF).
    """
    partial = path.with_name(f".{path.name}.partial")
    try:
        if fmt == "png":
            _write_png(scene, partial, transparent=transparent)
        elif fmt in ("svg", "pdf"):
            _write_vector(scene, partial, fmt=fmt, transparent=transparent)
        else:
            raise ValueError(f"unknown still format {fmt!r}; use one of {', '.join(STILL_FORMATS)}")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _write_png(scene: Scene, path: Path, *, transparent: bool) -> None:
    from PIL import Image

    renderer = scene.renderer
    camera = renderer.camera
    opacity, static_image = camera.background_opacity, renderer.static_image
    # The renderer may hold a cached frame of the mobjects that did not move (background
    # included); draw everything afresh onto the background instead.
    renderer.static_image = None
    if transparent:
        camera.background_opacity = 0.0
    try:
        # manim's own drawing: a renderer that draws nothing while skipping still draws a still.
        CairoRenderer.update_frame(renderer, scene)
        frame = np.asarray(renderer.get_frame())
    finally:
        renderer.static_image = static_image
        if transparent:
            camera.background_opacity = opacity
    image = Image.fromarray(frame)
    image = image if transparent else image.convert("RGB")
    with path.open("wb") as stream:
        image.save(stream, format="PNG")


def _write_vector(scene: Scene, path: Path, *, fmt: str, transparent: bool) -> None:
    camera: Camera = scene.renderer.camera
    width, height = camera.pixel_width, camera.pixel_height
    surface_type = cairo.SVGSurface if fmt == "svg" else cairo.PDFSurface
    surface = surface_type(str(path), width, height)
    if fmt == "svg":
        surface.set_document_unit(cairo.SVGUnit.PX)
    context = cairo.Context(surface)
    if not transparent:
        _paint_background(context, camera.background_color, camera.background_opacity)
    context.set_matrix(_frame_to_page(camera))
    mobjects = camera.get_mobjects_to_display(list(scene.mobjects) + list(scene.foreground_mobjects))
    # The camera's drawing code looks the context up by the array it draws into; give it a stand-in
    # array mapped to the vector context, and undo the R/B swap it makes for its BGRA image surface.
    stand_in = np.zeros((1, 1, 4), dtype=np.uint8)
    camera.cache_cairo_context(stand_in, context)
    camera.set_cairo_context_color = _rgb_order_setter(camera)
    try:
        for kind, group in itertools.groupby(mobjects, camera.type_or_raise):
            if kind is Mobject:  # e.g. a ValueTracker driving an animation: it draws nothing
                continue
            if not issubclass(kind, VMobject):
                raise TypeError(f"a {kind.__name__} cannot be drawn as a vector still; use --format png")
            camera.display_multiple_vectorized_mobjects(list(group), stand_in)
        surface.finish()
    finally:
        del camera.set_cairo_context_color
        camera.pixel_array_to_cairo_context.pop(id(stand_in), None)


def _frame_to_page(camera: Camera) -> cairo.Matrix:
    """The matrix the camera uses from scene units to pixels (y up becomes y down)."""
    pw, ph = camera.pixel_width, camera.pixel_height
    fw, fh = camera.frame_width, camera.frame_height
    fc = camera.frame_center
    return cairo.Matrix(pw / fw, 0, 0, -(ph / fh), pw / 2 - fc[0] * pw / fw, ph / 2 + fc[1] * ph / fh)


def _paint_background(context: cairo.Context, color: ManimColor, opacity: float) -> None:
    red, green, blue = ManimColor(color).to_rgb()
    context.set_source_rgba(red, green, blue, opacity)
    context.paint()


def _rgb_order_setter(camera: Camera):
    def set_color(ctx: cairo.Context, rgbas: np.ndarray, vmobject: VMobject) -> Camera:
        return Camera.set_cairo_context_color(camera, ctx, np.asarray(rgbas)[:, [2, 1, 0, 3]], vmobject)

    return set_color
