"""Joining video clips into one video without re-encoding, and the subtitles of a joined video.

Each clip is a whole encoded video (manim starts every segment on a key frame), so clips of the
same settings join by copying their packets one after another (ffmpeg's concat demuxer through
PyAV, as manim joins its own segments): no frame is decoded or encoded again, so the joined video
shows exactly the clips' frames. A clip's length is its container's duration, which counts a frame
held for n frame periods (nnanim.encoding) n times.

This module does not import manim.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Sequence
from fractions import Fraction
from io import BytesIO
from pathlib import Path

__all__ = ["clip_seconds", "join_clips", "subtitles"]


def _concat_list(clips: Sequence[Path]) -> bytes:
    # The concat format is one quoted path a line: a path holding a newline cannot be written in it,
    # so join_clips lists plain links to the clips (quotes are escaped all the same).
    lines = ["ffconcat version 1.0"]
    for clip in clips:
        quoted = os.path.abspath(clip).replace("'", "'\\''")
        lines.append(f"file 'file:{quoted}'")
    return ("\n".join(lines) + "\n").encode("utf-8")


def join_clips(clips: Sequence[Path], target: Path) -> None:
    """Write ``clips`` one after another into ``target`` (same container), copying their packets."""
    if not clips:
        raise ValueError("no clips to join")
    with tempfile.TemporaryDirectory(prefix="nnanim-join-") as plain:
        links = []
        for number, clip in enumerate(clips):
            links.append(Path(plain) / f"{number:04d}{Path(clip).suffix}")
            links[-1].symlink_to(os.path.abspath(clip))
        _copy_packets(BytesIO(_concat_list(links)), target)


def _copy_packets(listing: BytesIO, target: Path) -> None:
    import av

    with av.open(listing, format="concat", options={"safe": "0"}) as source:
        stream = source.streams.video[0]
        with av.open(str(target), mode="w") as output:
            output.metadata["comment"] = "Rendered with nnanim (manim Community), beats joined"
            copy = output.add_stream_from_template(template=stream)
            last_dts = None
            for packet in source.demux(stream):
                if packet.dts is None:  # the demuxer's flushing packets
                    continue
                # The demuxer shifts each clip's times by the clips before it. A clip with B-frames
                # starts decoding a frame or two before its first picture, which can fall on the
                # previous clip's last decoding time: nudge it a tick later (still before its
                # picture's time). manim drops the decoding times instead and lets the muxer count
                # frames, which loses the length of a held frame.
                if last_dts is not None and packet.dts <= last_dts:
                    packet.dts = last_dts + 1
                last_dts = packet.dts
                packet.stream = copy
                output.mux(packet)


def clip_seconds(clip: Path) -> Fraction:
    """The length of ``clip`` in seconds: from its first frame's time to the end of its last frame.

    Read from the packets' times and durations (no decoding): the container's own duration is
    rounded to its edit list's milliseconds."""
    import av

    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        first = end = None
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            first = packet.pts if first is None else min(first, packet.pts)
            end = packet.pts + packet.duration if end is None else max(end, packet.pts + packet.duration)
        if first is None:
            return Fraction(0)
        return Fraction(end - first) * stream.time_base


def subtitles(captions: Sequence[str], seconds: Sequence[Fraction]) -> str:
    """An .srt file's text: caption i spans clip i of a video made of clips of these lengths."""
    import srt

    entries = []
    start = Fraction(0)
    for number, (caption, length) in enumerate(zip(captions, seconds, strict=True)):
        end = start + length
        entries.append(
            srt.Subtitle(
                index=number,
                content=caption,
                start=datetime.timedelta(seconds=float(start)),
                end=datetime.timedelta(seconds=float(end)),
            )
        )
        start = end
    return srt.compose(entries)
