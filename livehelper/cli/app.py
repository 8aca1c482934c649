"""The window, the demo, the voice and the benchmarks."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from livehelper.cli.common import (
    COUNT,
    RATE,
    SPEED,
    WORDS_PER_MINUTE,
    Command,
    emit,
)

log = logging.getLogger("livehelper")


def _gui_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["vi", "en"], default=None)


def cmd_gui(args: argparse.Namespace) -> int:
    from livehelper.ui.app import run

    return run(db=getattr(args, "db", None), demo=False, lang=getattr(args, "lang", None))


GUI = Command("gui", "open the window (the default)", _gui_arguments, cmd_gui)


def _demo_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--headless", action="store_true", help="no window: run the stream, print a summary"
    )
    p.add_argument("--speed", type=SPEED, default=1.0, help="replay speed (2 = twice as fast)")
    p.add_argument("--lang", choices=["vi", "en"], default=None)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.headless:
        from livehelper import demo

        emit(demo.run_headless(getattr(args, "db", None), speed=args.speed))
        return 0
    from livehelper.ui.app import run

    return run(db=getattr(args, "db", None), demo=True, lang=args.lang, speed=args.speed)


DEMO = Command(
    "demo",
    "try livehelper with a demo catalogue and a scripted comment stream",
    _demo_arguments,
    cmd_demo,
)


def _speak_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("text")
    p.add_argument("--out", type=Path, help="write a WAV file instead of speaking")
    p.add_argument("--voice", help="voice id or name part (default: the first Vietnamese voice)")
    p.add_argument("--rate", type=WORDS_PER_MINUTE, help="words per minute (default: the engine's)")


def cmd_speak(args: argparse.Namespace) -> int:
    from livehelper import speech

    if args.out:
        speech.render(args.text, args.out, args.voice, args.rate)
        print(args.out)
    else:
        engine = speech.open_engine(args.voice, args.rate)
        engine.say(args.text)
        engine.runAndWait()
    return 0


SPEAK = Command(
    "speak",
    "say a text with the Vietnamese voice, or write it to a WAV file",
    _speak_arguments,
    cmd_speak,
)


def _bench_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    bench = p.add_subparsers(dest="action", required=True)
    p = bench.add_parser("ingest", parents=[common], help="full pipeline on a fresh SQLite file")
    p.add_argument("--count", type=COUNT, default=20000)
    p.add_argument(
        "--rate",
        type=RATE,
        default=None,
        help="arrival rate for the latency phase (default: 40%% of the flood's rate)",
    )
    p.add_argument("--runs", type=COUNT, default=3, help="floods, each on a fresh database")
    p.add_argument("--json", action="store_true")
    p = bench.add_parser("export", parents=[common], help="write N orders to a file")
    p.add_argument("--orders", type=COUNT, default=10_000)
    p.add_argument("--format", choices=["csv", "xlsx", "json"], default="xlsx")
    p.add_argument("--template", default="generic", help="csv/xlsx columns (templates list)")
    p.add_argument("--json", action="store_true")
    p = bench.add_parser("parse", parents=[common], help="parser only, one core")
    p.add_argument("--count", type=COUNT, default=100000)
    p.add_argument("--repeat", type=COUNT, default=3, help="runs; the best is reported")
    p.add_argument("--json", action="store_true")


def cmd_bench(args: argparse.Namespace) -> int:
    from livehelper import bench

    if args.action == "ingest":
        figures = bench.bench_ingest(args.count, rate=args.rate, runs=args.runs)
    elif args.action == "export":
        figures = bench.bench_export(args.orders, args.format, args.template)
    else:
        figures = bench.bench_parse(args.count, args.repeat)
    if args.json:
        emit(figures)
    else:
        for key, value in figures.items():
            print(f"{key:>22}: {value}")
    return 0


BENCH = Command("bench", "benchmarks (figures, not tests)", _bench_arguments, cmd_bench)


COMMANDS = [GUI, DEMO, SPEAK, BENCH]
