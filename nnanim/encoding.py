"""How nnanim encodes a scene's frames: libx264 settings for flat animated content, and holds
(a ``wait`` with nothing moving) written as one frame shown for the hold's duration.

manim 0.22 encodes each ``play``/``wait`` into its own short file (a *segment*, with its own
encoder, starting on a key frame) and joins the segments by stream copy. Two things here:

- :data:`X264_OPTIONS` go through manim's own ``video_encoder_options`` setting (the cleanest way:
  they reach every segment's encoder and manim validates them); :func:`encoder_settings` gives the
  config entries.
- :class:`HoldingFileWriter` is a ``SceneFileWriter`` whose segment encoder turns a frame repeated
  ``n`` times (manim's static ``wait``) into one frame lasting ``n`` frame periods, instead of
  converting RGB to YUV and encoding the same picture ``n`` times. MP4 and WebM store each frame's
  time, so the video shows the same pictures at the same times (a variable frame rate file);
  bench/RESULTS.md has what it saves.

Nothing here changes a frame that moves; the choice of settings and its numbers are in
bench/RESULTS.md ("Encoder").
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder

__all__ = ["HOLD_QP", "X264_OPTIONS", "HoldingFileWriter", "HoldingSegmentEncoder", "encoder_settings"]

#: libx264 options for the lecture's videos (manim's own default is crf 23, preset medium).
#: veryfast with tune animation at crf 20: 20% less encoding CPU per frame than manim's medium at
#: crf 23, frames closer to the drawn ones (53.5 against 52.5 dB), PSNR 52.3 dB (min 47.2) against
#: today's output, files 12% larger (bench/encoder.py; bench/RESULTS.md, "Encoder").
X264_OPTIONS: dict[str, str] = {"crf": "20", "preset": "veryfast", "tune": "animation"}


#: The quantizer of a held frame (a static ``wait``): as good as or better than manim's encode of the
#: hold frame by frame, and smaller (bench/RESULTS.md, "Encoder").
HOLD_QP = 20


def encoder_settings(video_format: str) -> dict[str, object]:
    """manim config entries for ``video_format``'s encoder (libx264 for mp4; others as manim's)."""
    return {"video_encoder_options": dict(X264_OPTIONS)} if video_format == "mp4" else {}


class HoldingSegmentEncoder(VideoSegmentEncoder):
    """A segment encoder that writes a repeated frame once, lasting as long as its repeats."""

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        if repeat == 1:
            super().write_frame(pixels, repeat=1)
            return
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        if self._next_pts == 0 and self.spec.codec == "libx264":
            # A held picture is shown longest of all (each beat's finished state): encoded frame by
            # frame, x264's look-ahead sees the same picture n times and gives it a low quantizer;
            # alone it would get crf's, 2-4 dB worse. A zone gives this frame HOLD_QP instead
            # (rate control only: the stream's headers stay those of every other segment).
            options = dict(self._stream.codec_context.options)
            extra = options.get("x264-params", "")
            options["x264-params"] = (extra + ":" if extra else "") + f"zones=0,0,q={HOLD_QP}"
            self._stream.codec_context.options = options
        try:
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
            frame.pts = self._next_pts
            frame.time_base = time_base
            frame.duration = repeat
            start = self._next_pts
            self._next_pts += repeat
            self._durations[start] = repeat
            for packet in self._stream.encode(frame):
                self._mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    @property
    def _durations(self) -> dict[int, int]:
        # pts of each held frame -> its length in frame periods; the packet of that frame may come
        # out of the encoder later (its look-ahead), so the length is looked up when it does.
        if not hasattr(self, "_held"):
            self._held: dict[int, int] = {}
        return self._held

    def _mux(self, packet) -> None:
        if packet.pts is not None:
            ticks_per_frame = int(1 / (packet.time_base * self.spec.frame_rate)) if packet.time_base else 1
            held = self._durations.get(int(packet.pts) // max(ticks_per_frame, 1))
            packet.duration = (held or 1) * ticks_per_frame
        self._container.mux(packet)

    def finish(self) -> None:
        if self._closed:
            return
        self._closed = True
        first_error: Exception | None = None
        try:
            try:
                for packet in self._stream.encode():
                    self._mux(packet)
            except Exception as error:
                first_error = error
        finally:
            try:
                self._container.close()
            except Exception as error:
                if first_error is None:
                    first_error = error
        if first_error is not None:
            raise self._operation_error("finish", first_error) from first_error


class HoldingFileWriter(SceneFileWriter):
    """manim's file writer with :class:`HoldingSegmentEncoder` for every segment, joining segments
    with :func:`nnanim.join.join_clips`: manim's own join lets the muxer count frames for the
    decoding times, which would shorten a held frame to one frame period."""

    def combine_files(self, input_files, output_file, create_gif=False, includes_sound=False) -> None:
        if create_gif or includes_sound:
            super().combine_files(input_files, output_file, create_gif, includes_sound)
            return
        from nnanim.join import join_clips

        output_file.parent.mkdir(parents=True, exist_ok=True)
        join_clips([Path(f) for f in input_files], output_file)

    def _create_segment_encoder(self, target):
        if self.video_encoder is None:
            raise RuntimeError("Video segment encoding requires resolved settings.")
        return HoldingSegmentEncoder(target=target, spec=self.video_encoder)
