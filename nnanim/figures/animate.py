"""Quick previews without Manim: a figure whose artists change frame by frame, as GIF or MP4.

A figure module builds an :class:`Animation` (a figure, a frame count and an ``update(frame)``
that moves its artists); :func:`write_animation` drives it with matplotlib's ``FuncAnimation``
and encodes the frames with Pillow (GIF) or PyAV (MP4: H.264, yuv420p). There is no system
ffmpeg, so matplotlib's own movie writers cannot be used for MP4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
from matplotlib.animation import AbstractMovieWriter, FuncAnimation, PillowWriter
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["Animation", "PyAVWriter", "write_animation", "frame_indices", "PREVIEW_DPI", "ANIMATED_FORMATS"]

ANIMATED_FORMATS = ("gif", "mp4")
#: Previews are smaller than stills: 768×432 pixels, enough to judge a motion, small enough to mail.
PREVIEW_DPI = 60


@dataclass(frozen=True)
class Animation:
    """What a figure module hands over to be animated.

    Attributes
    ----------
    figure : the figure, drawn as it looks at frame 0
    frames : how many frames
    update : moves the artists to frame ``i`` (0 ≤ i < frames) and returns those it changed
    fps : frames per second
    """

    figure: Figure
    frames: int
    update: Callable[[int], Sequence[Artist]]
    fps: float


def frame_indices(samples: int, frames: int) -> np.ndarray:
    """Which of ``samples`` sampled points to show in ``frames`` frames, first and last included.

    Returns
    -------
    ndarray of shape (min(samples, frames),), increasing sample indices
    """
    count = min(samples, frames)
    return np.unique(np.linspace(0, samples - 1, count).round().astype(int))


class PyAVWriter(AbstractMovieWriter):
    """A matplotlib movie writer that encodes MP4 (H.264, yuv420p) through PyAV."""

    def __init__(self, fps: float = 5, codec: str = "h264", bitrate: int | None = None) -> None:
        super().__init__(fps=fps, codec=codec, bitrate=bitrate)
        self._container = None
        self._stream = None

    def setup(self, fig: Figure, outfile: str | Path, dpi: float | None = None) -> None:
        import av

        super().setup(fig, outfile, dpi=dpi)
        width, height = self.frame_size
        # yuv420p stores colour at half resolution: width and height must be even.
        self._size = (int(width) // 2 * 2, int(height) // 2 * 2)
        self._container = av.open(str(outfile), mode="w", format="mp4")
        self._stream = self._container.add_stream(self.codec, rate=Fraction(self.fps).limit_denominator(1000))
        self._stream.width, self._stream.height = self._size
        self._stream.pix_fmt = "yuv420p"
        # Slides show previews small and still: favour a small file over encoding speed.
        self._stream.options = {"crf": "23", "preset": "medium"}

    def grab_frame(self, **savefig_kwargs: object) -> None:
        import av

        canvas = FigureCanvasAgg(self.fig) if not isinstance(self.fig.canvas, FigureCanvasAgg) else self.fig.canvas
        self.fig.set_dpi(self.dpi)
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
        width, height = self._size
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgba[:height, :width, :3]), format="rgb24")
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def finish(self) -> None:
        for packet in self._stream.encode():  # flush the encoder's delayed frames
            self._container.mux(packet)
        self._container.close()

    @classmethod
    def isAvailable(cls) -> bool:  # noqa: N802 — matplotlib's name
        try:
            import av  # noqa: F401
        except ImportError:
            return False
        return True


def write_animation(animation: Animation, path: Path, fmt: str, *, dpi: float = PREVIEW_DPI) -> None:
    """Encode ``animation`` to ``path`` as ``fmt`` (``gif`` or ``mp4``), every frame once."""
    if fmt not in ANIMATED_FORMATS:
        raise ValueError(f"cannot animate to {fmt!r}; use one of {', '.join(ANIMATED_FORMATS)}")
    writer = PillowWriter(fps=animation.fps) if fmt == "gif" else PyAVWriter(fps=animation.fps)
    # FuncAnimation draws frame 0 once on its own before saving; init_func makes that a no-op so
    # frame 0 is not drawn twice into the file.
    player = FuncAnimation(
        animation.figure,
        animation.update,
        frames=animation.frames,
        init_func=lambda: (),
        blit=False,
        repeat=False,
        cache_frame_data=False,
    )
    player.save(str(path), writer=writer, dpi=dpi)
