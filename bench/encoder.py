"""Encoder settings side by side: libx264 presets, tunes, crf and key-frame interval, and how holds
(a static ``wait``) are written, on the frames manim draws for a scene at -q h.

    .venv/bin/python bench/encoder.py capture --scene layers --plays 40     # draw once, keep the frames
    .venv/bin/python bench/encoder.py measure --repeats 3                   # encode them every way, interleaved

``capture`` renders the scene as ``nnanim render`` does today (manim's libx264, crf 23, preset
medium) and keeps, for each segment (one ``play`` or ``wait``), the RGBA frames drawn and manim's
own encoded segment ("today's output"). ``measure`` encodes the same frames with each setting, in
rounds (every setting once per round, so load changes hit them alike), and reports CPU seconds of
the encoding alone (user + system of this process, x264's threads included), the bytes, and the
PSNR of every frame (on the yuv420p planes, as ffmpeg's psnr filter) against today's output and
against the drawn frames (converted to yuv420p as the encoder does). Results are appended to
bench/work/encoder.jsonl and printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = ROOT / "bench" / "work" / "encoder"

#: name -> (x264 options, hold mode). Hold modes: "frames" encodes a hold frame by frame as manim
#: does; "once" converts the held picture to YUV once and encodes it n times (same bytes);
#: "vfr" writes it as one frame lasting the hold, at nnanim.encoding.HOLD_QP (HoldingSegmentEncoder).
SETTINGS: dict[str, tuple[dict[str, str], str]] = {
    "today (medium, crf 23)": ({"crf": "23", "preset": "medium"}, "frames"),
    "medium crf 23, holds once": ({"crf": "23", "preset": "medium"}, "once"),
    "veryfast crf 23": ({"crf": "23", "preset": "veryfast"}, "frames"),
    "veryfast crf 20": ({"crf": "20", "preset": "veryfast"}, "frames"),
    "veryfast crf 20 animation": ({"crf": "20", "preset": "veryfast", "tune": "animation"}, "frames"),
    "veryfast crf 20 stillimage": ({"crf": "20", "preset": "veryfast", "tune": "stillimage"}, "frames"),
    "veryfast crf 18 animation": ({"crf": "18", "preset": "veryfast", "tune": "animation"}, "frames"),
    "faster crf 20 animation": ({"crf": "20", "preset": "faster", "tune": "animation"}, "frames"),
    "veryfast crf 20 animation keyint 600": (
        {"crf": "20", "preset": "veryfast", "tune": "animation", "g": "600"},
        "frames",
    ),
    "medium crf 23, holds vfr": ({"crf": "23", "preset": "medium"}, "vfr"),
    "veryfast crf 20 animation, holds vfr": ({"crf": "20", "preset": "veryfast", "tune": "animation"}, "vfr"),
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> float:
    return os.getloadavg()[0]


# --- capture ------------------------------------------------------------------------------------


def capture(scene: str, plays: int, quality: str) -> None:
    from manim import tempconfig
    from manim.renderer.cairo_renderer import CairoRenderer
    from manim.scene.scene_file_writer import SceneFileWriter
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from scenes.registry import scene_class
    from scenes.base import SceneOptions
    from scenes.render import QUALITIES

    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "frames").mkdir(parents=True)
    segments: list[dict] = []

    class Keeping(VideoSegmentEncoder):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.index = len(segments)
            self.frames: list[np.ndarray] = []
            self.repeats: list[int] = []
            segments.append({"today": str(self.target), "frames": f"frames/{self.index:04d}.npy"})

        def write_frame(self, pixels, *, repeat=1):
            self.frames.append(pixels[..., :3].copy())
            self.repeats.append(repeat)
            super().write_frame(pixels, repeat=repeat)

        def finish(self):
            super().finish()
            np.save(WORK / segments[self.index]["frames"], np.stack(self.frames))
            segments[self.index]["repeats"] = self.repeats
            self.frames = []

    class Writer(SceneFileWriter):
        def _create_segment_encoder(self, target):
            return Keeping(target=target, spec=self.video_encoder)

    settings = {
        "quality": QUALITIES[quality],
        "media_dir": str(WORK / "media"),
        "verbosity": "WARNING",
        "progress_bar": "none",
        "disable_caching": True,
        "upto_animation_number": plays - 1,
    }
    started = time.perf_counter()
    with tempconfig(settings):
        instance = scene_class(scene)(renderer=CairoRenderer(file_writer_class=Writer), options=SceneOptions(theme="dark"))
        instance.render()
        spec = instance.renderer.file_writer.video_encoder
    for segment in segments:  # today's segments kept beside the frames
        kept = WORK / "today" / Path(segment["today"]).name
        kept.parent.mkdir(exist_ok=True)
        shutil.copy(segment["today"], kept)
        segment["today"] = str(kept.relative_to(WORK))
    shutil.rmtree(WORK / "media", ignore_errors=True)
    info = {
        "scene": scene,
        "quality": quality,
        "plays": plays,
        "width": spec.width,
        "height": spec.height,
        "fps": str(spec.frame_rate),
        "segments": segments,
        "seconds": time.perf_counter() - started,
    }
    (WORK / "capture.json").write_text(json.dumps(info, indent=1))
    frames = sum(sum(s["repeats"]) for s in segments)
    held = sum(sum(r for r in s["repeats"] if r > 1) for s in segments)
    print(f"captured {len(segments)} segments, {frames} frames ({held} in holds) of {scene} in {info['seconds']:.0f} s")


# --- measure ------------------------------------------------------------------------------------


def _encode(info: dict, options: dict[str, str], hold: str, out: Path) -> dict:
    import av
    from manim._config.video_encoder import VideoEncoderSpec
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from nnanim.encoding import HoldingSegmentEncoder

    spec = VideoEncoderSpec(
        "mp4", "libx264", "yuv420p", info["width"], info["height"], Fraction(info["fps"]), tuple(sorted(options.items()))
    )
    out.mkdir(parents=True, exist_ok=True)
    cpu = {"motion": 0.0, "hold": 0.0}
    frames = {"motion": 0, "hold": 0}
    size = 0
    for index, segment in enumerate(info["segments"]):
        drawn = np.load(WORK / segment["frames"])
        rgba = np.empty(drawn.shape[:-1] + (4,), np.uint8)
        rgba[..., :3] = drawn
        rgba[..., 3] = 255
        kind = "hold" if any(r > 1 for r in segment["repeats"]) else "motion"
        target = out / f"{index:04d}.mp4"
        encoder_class = HoldingSegmentEncoder if hold == "vfr" else VideoSegmentEncoder
        before = _cpu()
        encoder = encoder_class(target=target, spec=spec)
        for picture, repeat in zip(rgba, segment["repeats"]):
            if hold == "once" and repeat > 1:
                _encode_once(encoder, picture, repeat, av)
            else:
                encoder.write_frame(picture, repeat=repeat)
        encoder.finish()
        cpu[kind] += _cpu() - before
        frames[kind] += sum(segment["repeats"])
        size += target.stat().st_size
    return {"cpu_motion": cpu["motion"], "cpu_hold": cpu["hold"], "frames_motion": frames["motion"], "frames_hold": frames["hold"], "bytes": size}


def _encode_once(encoder, picture, repeat, av) -> None:
    """A hold as manim encodes it, but with the picture converted to YUV once."""
    frame = av.VideoFrame.from_ndarray(picture, format="rgba").reformat(format="yuv420p")
    time_base = Fraction(encoder.spec.frame_rate.denominator, encoder.spec.frame_rate.numerator)
    for _ in range(repeat):
        frame.pts = encoder._next_pts
        frame.time_base = time_base
        encoder._next_pts += 1
        for packet in encoder._stream.encode(frame):
            encoder._container.mux(packet)


def decoded_frames(path: Path, fps: Fraction, pixels: str = "yuv420p"):
    """Every frame period's picture of ``path`` (as ``pixels``: yuv420p planes one above the other,
    or rgb24), a frame lasting n periods given n times."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        pictures = [(frame.pts * stream.time_base, frame.to_ndarray(format=pixels)) for frame in container.decode(stream)]
        end = Fraction(container.duration or 0, 1_000_000) if container.duration else None
    for position, (start, picture) in enumerate(pictures):
        stop = pictures[position + 1][0] if position + 1 < len(pictures) else end
        count = max(1, round((stop - start) * fps)) if stop is not None else 1
        for _ in range(count):
            yield picture


def as_yuv(rgb: np.ndarray) -> np.ndarray:
    """A drawn RGB frame converted to yuv420p as the encoder converts it (swscale)."""
    import av

    return av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24").reformat(format="yuv420p").to_ndarray()


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """PSNR in dB over every sample of the two pictures. On yuv420p planes this is ffmpeg's psnr
    filter's "average" (Y, U and V samples weighted by their count), the usual figure for video."""
    error = np.mean((a.astype(np.int16) - b.astype(np.int16)) ** 2, dtype=np.float64)
    return float("inf") if error == 0 else 10 * np.log10(255**2 / error)


def _quality(info: dict, out: Path, every: int = 1) -> dict:
    fps = Fraction(info["fps"])
    to_today: list[float] = []
    to_drawn: list[float] = []
    for index, segment in enumerate(info["segments"]):
        drawn = np.load(WORK / segment["frames"])
        expanded = [picture for picture, repeat in zip(drawn, segment["repeats"]) for _ in range(repeat)]
        ours = list(decoded_frames(out / f"{index:04d}.mp4", fps))
        today = list(decoded_frames(WORK / segment["today"], fps))
        if not (len(ours) == len(today) == len(expanded)):
            raise RuntimeError(f"segment {index}: {len(ours)} frames, today {len(today)}, drawn {len(expanded)}")
        for number in range(0, len(ours), every):
            to_today.append(psnr(ours[number], today[number]))
            to_drawn.append(psnr(ours[number], as_yuv(expanded[number])))
    finite = lambda values: [v for v in values if np.isfinite(v)] or [99.0]  # noqa: E731
    return {
        "psnr_today_min": min(finite(to_today)),
        "psnr_today_mean": float(np.mean(finite(to_today))),
        "psnr_drawn_min": min(finite(to_drawn)),
        "psnr_drawn_mean": float(np.mean(finite(to_drawn))),
        "identical_to_today": all(not np.isfinite(v) for v in to_today),
    }


def measure(
    repeats: int, only: list[str] | None, segments: int | None = None, *, quality: bool = True, psnr_every: int = 1
) -> None:
    info = json.loads((WORK / "capture.json").read_text())
    if segments:  # the first N segments only (a shorter run on a busy machine)
        info["segments"] = info["segments"][:segments]
    names = [n for n in SETTINGS if not only or n in only]
    log = WORK / "encoder.jsonl"
    today_bytes = sum((WORK / s["today"]).stat().st_size for s in info["segments"])
    frames = sum(sum(s["repeats"]) for s in info["segments"])
    for round_ in range(repeats):
        for name in names:
            options, hold = SETTINGS[name]
            out = WORK / "out" / f"{names.index(name):02d}"
            shutil.rmtree(out, ignore_errors=True)
            load_before = _load()
            row = {"setting": name, "options": options, "hold": hold, "round": round_, "load_start": load_before, "frames": frames}
            row.update(_encode(info, options, hold, out))
            row["load_end"] = _load()
            if quality and round_ == 0:  # the encodes are deterministic: the pictures are the same every round
                row.update(_quality(info, out, psnr_every))
                row["psnr_every"] = psnr_every
            row["today_bytes"] = today_bytes
            row["when"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            with log.open("a") as handle:
                handle.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
    report()


def report() -> None:
    rows = [json.loads(line) for line in (WORK / "encoder.jsonl").read_text().splitlines()]
    info = json.loads((WORK / "capture.json").read_text())
    by: dict[str, list[dict]] = {}
    for row in rows:
        by.setdefault(row["setting"], []).append(row)
    first = rows[0]
    print(
        f"\n{info['scene']} at {info['width']}x{info['height']}, {info['fps']} fps: {first['frames_motion']} frames moving, "
        f"{first['frames_hold']} frames in holds\n"
    )
    print("| setting | ms CPU per moving frame | ms CPU per held frame | ms CPU per frame, all | size vs today | PSNR vs today, min / mean dB | PSNR vs drawn, min / mean dB | load |")
    print("|---|---|---|---|---|---|---|---|")
    for name, group in by.items():
        moving = [1000 * r["cpu_motion"] / r["frames_motion"] for r in group]
        held = [1000 * r["cpu_hold"] / max(r["frames_hold"], 1) for r in group]
        total = [1000 * (r["cpu_motion"] + r["cpu_hold"]) / (r["frames_motion"] + r["frames_hold"]) for r in group]
        quality = next((r for r in group if "psnr_today_min" in r), {})
        size = group[0]["bytes"] / group[0]["today_bytes"]
        loads = [r["load_start"] for r in group] + [r["load_end"] for r in group]
        fmt = lambda xs: f"{np.median(xs):.1f} ({min(xs):.1f}–{max(xs):.1f}, n={len(xs)})"  # noqa: E731
        same = " (identical)" if quality.get("identical_to_today") else ""
        print(
            f"| {name} | {fmt(moving)} | {fmt(held)} | {fmt(total)} | {size:.0%} | "
            f"{quality.get('psnr_today_min', float('nan')):.1f} / {quality.get('psnr_today_mean', float('nan')):.1f}{same} | "
            f"{quality.get('psnr_drawn_min', float('nan')):.1f} / {quality.get('psnr_drawn_mean', float('nan')):.1f} | "
            f"{min(loads):.1f}–{max(loads):.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("capture")
    c.add_argument("--scene", default="layers")
    c.add_argument("--plays", type=int, default=40, help="the first N plays/waits of the scene")
    c.add_argument("-q", "--quality", default="h")
    m = sub.add_parser("measure")
    m.add_argument("--repeats", type=int, default=3)
    m.add_argument("--only", action="append", help="a setting's name (repeatable); default all")
    m.add_argument("--segments", type=int, help="only the first N segments of the capture")
    m.add_argument("--no-quality", action="store_true", help="times and sizes only (no PSNR)")
    m.add_argument("--psnr-every", type=int, default=1, help="PSNR of every Nth frame only (faster)")
    sub.add_parser("report")
    args = parser.parse_args()
    if args.command == "capture":
        capture(args.scene, args.plays, args.quality)
    elif args.command == "measure":
        measure(args.repeats, args.only, args.segments, quality=not args.no_quality, psnr_every=args.psnr_every)
    else:
        report()


if __name__ == "__main__":
    main()
