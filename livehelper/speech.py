"""Reading confirmed orders aloud in Vietnamese (pyttsx3, espeak-ng on Linux).

* ``announcement`` turns an order line into what a person would say: "Chị Lan chốt
  hai ký khoai sâm" — numbers as Vietnamese words, units as spoken, and nothing a
  buyer typed that should not be read out (phone numbers, links, symbols).
* ``Announcer`` speaks on its own thread; when orders pour in faster than speech, it
  drops the stale ones and says how many it skipped ("Thêm ba đơn nữa"), so what is
  heard stays current.
* ``render`` writes speech to a WAV file (``livehelper speak TEXT --out FILE.wav``).

No engine, no voice, no sound player or no sound card is reported once; the app
carries on. On Linux livehelper plays the voice itself (``aplay``/``paplay``/``pw-play``):
pyttsx3 there runs ``aplay`` through the shell and ignores its failure, so a laptop with
no player or no sound card would stay silent without anyone knowing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from livehelper.errors import SpeechUnavailable as SpeechUnavailable  # re-exported

log = logging.getLogger(__name__)

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SPOKEN_UNITS = {
    "kg": "ký",
    "g": "gam",
    "gr": "gam",
    "ml": "mi li lít",
    "l": "lít",
    "sp": "sản phẩm",
}
MAX_NAME = 40
DEFAULT_RATE = 170  # words a minute: a little slower than espeak's 200, easier to follow


def number_words(value: int | Decimal) -> str:
    """A number as Vietnamese speaks it: 21 -> "hai mươi mốt", 105 -> "một trăm linh
    năm", 1.5 -> "một phẩy năm", 35000 -> "ba mươi lăm nghìn"."""
    value = Decimal(value)
    if value < 0:
        return "âm " + number_words(-value)
    whole = int(value)
    fraction = value - whole
    words = _whole(whole)
    if fraction:
        digits = format(fraction.normalize(), "f").split(".")[1]
        words += " phẩy " + " ".join(DIGITS[int(d)] for d in digits)
    return words


def _whole(n: int) -> str:
    if n == 0:
        return "không"
    groups = []
    scales = ("", "nghìn", "triệu", "tỷ")
    index = 0
    while n > 0:
        groups.append((n % 1000, scales[index % 4] if index < 4 else "tỷ"))
        n //= 1000
        index += 1
    parts: list[str] = []
    for position, (group, scale) in enumerate(reversed(groups)):
        if group == 0:
            continue
        leading = position == 0
        parts.append(_hundreds(group, leading) + (f" {scale}" if scale else ""))
    return " ".join(parts)


def _hundreds(n: int, leading: bool) -> str:
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("linh")  # 105: một trăm linh năm
        if ones:
            words.append(DIGITS[ones])
        return " ".join(words)
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if ones == 1:
        words.append("mốt" if tens > 1 else "một")
    elif ones == 5:
        words.append("lăm")
    elif ones == 4 and tens > 1:
        words.append("tư")
    elif ones:
        words.append(DIGITS[ones])
    return " ".join(words)


def spoken_name(name: str) -> str:
    """A buyer's display name, safe to read out: no phone numbers, links, symbols."""
    text = re.sub(r"https?://\S+|www\.\S+", " ", name)
    text = re.sub(r"\d[\d\s.\-]{5,}\d", " ", text)  # phone-like runs of digits
    text = "".join(c if c.isalpha() or c.isspace() or c in "'-" else " " for c in text)
    text = " ".join(text.split())
    return text[:MAX_NAME].strip() or "Khách"


def announcement(buyer: str, items: list[tuple[Decimal, str, str]]) -> str:
    """``items``: (quantity, unit, product name). "Chị Lan chốt hai ký khoai sâm"."""
    said = ", ".join(
        f"{number_words(qty)} {SPOKEN_UNITS.get(unit.lower(), unit)} {_clean(name)}"
        for qty, unit, name in items
    )
    return f"{spoken_name(buyer)} chốt {said}"


def _clean(text: str) -> str:
    return " ".join("".join(c if c.isalnum() or c.isspace() else " " for c in text).split())


# ------------------------------------------------------------------------- engine
def vietnamese_voices(engine: Any) -> list[Any]:
    return [
        v
        for v in engine.getProperty("voices")
        if any(str(lang).lower().startswith("vi") for lang in (v.languages or []))
        or "vietnam" in str(v.name).lower()
    ]


def open_engine(voice: str | None = None, rate: int | None = None) -> Any:
    """A pyttsx3 engine with a Vietnamese voice (``voice``: an id or a name part).
    Raises SpeechUnavailable when there is no engine or no Vietnamese voice."""
    try:
        import pyttsx3

        engine = pyttsx3.init()
    except Exception as exc:  # no espeak-ng / SAPI / driver
        raise SpeechUnavailable(
            f"no speech engine on this computer ({exc}); on Linux install espeak-ng",
            "no_engine",
        ) from exc
    voices = vietnamese_voices(engine)
    if voice:
        voices = [
            v for v in engine.getProperty("voices") if voice.lower() in (v.id + v.name).lower()
        ] or voices
    if not voices:
        raise SpeechUnavailable("the speech engine has no Vietnamese voice", "no_voice")
    engine.setProperty("voice", voices[0].id)
    # pyttsx3 hands out one engine per driver: set everything, every time
    engine.setProperty("rate", rate or DEFAULT_RATE)
    return engine


def render(text: str, out: Path, voice: str | None = None, rate: int | None = None) -> Path:
    """Speak ``text`` into a WAV file with the configured voice."""
    engine = open_engine(voice, rate)
    out.parent.mkdir(parents=True, exist_ok=True)
    _save(engine, text, out)
    return out


def _save(engine: Any, text: str, out: Path) -> None:
    with contextlib.redirect_stdout(sys.stderr):  # pyttsx3 prints "Audio saved to …"
        engine.save_to_file(text, str(out))
        engine.runAndWait()
    if not out.exists() or out.stat().st_size == 0:
        raise SpeechUnavailable(f"the speech engine wrote nothing to {out}", "wrote_nothing")


# the Linux programs that play a WAV, in the order tried: ALSA's (also through PulseAudio
# or PipeWire), then PulseAudio's and PipeWire's own
PLAYERS = (("aplay", "-q"), ("paplay",), ("pw-play",))


def sound_player() -> list[str] | None:
    """The command that plays a WAV file here, or None where pyttsx3 plays itself
    (Windows, macOS). Raises SpeechUnavailable on a Linux with no player."""
    if not sys.platform.startswith("linux"):
        return None
    for program, *options in PLAYERS:
        found = shutil.which(program)
        if found:
            return [found, *options]
    raise SpeechUnavailable(
        "no program to play sound with (aplay); on Linux install alsa-utils", "no_player"
    )


def play(player: list[str], wav: Path) -> None:
    """Plays ``wav``; a player that fails (no sound card, device busy) raises."""
    try:
        done = subprocess.run(
            [*player, str(wav)], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechUnavailable(f"the sound could not be played ({exc})", "cannot_play") from exc
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        said = lines[-1].strip()[:200] if lines else f"exit status {done.returncode}"
        raise SpeechUnavailable(f"the sound could not be played ({said})", "cannot_play")


# ---------------------------------------------------------------------- announcer
@dataclass(frozen=True)
class Spoken:
    text: str
    at: float


class Announcer:
    """Speaks announcements one after another on its own thread. At most ``keep``
    wait their turn; older ones are dropped and counted ("Thêm ba đơn nữa")."""

    def __init__(
        self,
        speak: Callable[[str], None] | None = None,
        keep: int = 2,
        stale_after: float = 20.0,
        on_problem: Callable[[SpeechUnavailable], None] | None = None,
    ) -> None:
        self.muted = False
        self.unavailable = False  # no engine or no Vietnamese voice on this computer
        self.rate: int | None = None
        self.voice: str | None = None
        self._speak = speak
        self._keep = keep
        self._stale_after = stale_after
        self._on_problem = on_problem
        self._queue: queue.Queue[Spoken | None] = queue.Queue()
        self._lock = threading.Lock()
        self._pending: list[Spoken] = []
        self.skipped = 0
        self.spoken: list[str] = []  # what was said, for the window's log and tests
        self._reasons_said: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="livehelper-speech", daemon=True)
        self._thread.start()

    def say(self, text: str) -> None:
        if self.muted:
            return
        with self._lock:
            self._pending.append(Spoken(text, time.monotonic()))
        self._queue.put(None)  # wake the thread

    def close(self) -> None:
        self._queue.put(Spoken("", -1))
        self._thread.join(5)

    def _next(self) -> str | None:
        with self._lock:
            now = time.monotonic()
            fresh = [s for s in self._pending if now - s.at <= self._stale_after]
            dropped = len(self._pending) - len(fresh)
            if len(fresh) > self._keep:
                dropped += len(fresh) - self._keep
                fresh = fresh[-self._keep :]
            self._pending = fresh[1:]
            self.skipped += dropped
            if not fresh:
                return None
            text = fresh[0].text
        # what could not be said in time is counted, not lost from the queue of orders
        return f"Thêm {number_words(dropped)} đơn nữa. {text}" if dropped else text

    def _run(self) -> None:
        engine_speak = self._speak
        opened_voice = self.voice
        while True:
            item = self._queue.get()
            if item is not None and item.at < 0:
                return
            text = self._next()
            if text is None or self.unavailable:
                continue
            if self._speak is None and opened_voice != self.voice:
                engine_speak, opened_voice = None, self.voice  # another voice was chosen
            try:
                if engine_speak is None:
                    engine_speak = self._engine_speaker()
                engine_speak(text)
                self.spoken.append(text)
            except SpeechUnavailable as exc:
                if exc.reason != "cannot_play":  # nothing to speak with: stop trying
                    self.unavailable = self.muted = True
                    with self._lock:
                        self._pending.clear()
                self._problem(exc)
            except Exception as exc:
                log.warning("speech failed: %s", exc)
                self._problem(SpeechUnavailable(f"speech failed: {exc}", "cannot_play"))

    def _problem(self, exc: SpeechUnavailable) -> None:
        """Each kind of problem is said once (a sound card that fails each order would
        otherwise bury the window in the same message); the log keeps every one."""
        log.warning("%s", exc)
        if exc.reason in self._reasons_said:
            return
        self._reasons_said.add(exc.reason)
        if self._on_problem:
            self._on_problem(exc)

    def _engine_speaker(self) -> Callable[[str], None]:
        player = sound_player()
        engine = open_engine(self.voice, self.rate)

        def speak(text: str) -> None:
            engine.setProperty("rate", self.rate or DEFAULT_RATE)
            if player is None:
                engine.say(text)
                engine.runAndWait()
                return
            handle, name = tempfile.mkstemp(prefix="livehelper-", suffix=".wav")
            os.close(handle)
            wav = Path(name)
            try:
                _save(engine, text, wav)
                play(player, wav)
            finally:
                wav.unlink(missing_ok=True)

        return speak
