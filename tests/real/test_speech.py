"""Orders read aloud: Vietnamese number words, safe names, and the real espeak-ng voice
behind pyttsx3 writing WAV files (no audio device needed)."""

from __future__ import annotations

import shutil
import threading
import time
import wave
from decimal import Decimal
from pathlib import Path

import pytest

from livehelper import speech
from tests.conftest import require_part
from tests.helpers import run_cli, wait_for


@pytest.fixture
def espeak() -> None:
    if not shutil.which("espeak-ng"):
        require_part("espeak-ng", "apt-get install espeak-ng")


def seconds_of(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "không"),
        (1, "một"),
        (10, "mười"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (105, "một trăm linh năm"),
        (1005, "một nghìn không trăm linh năm"),
        (35000, "ba mươi lăm nghìn"),
        (2_000_000, "hai triệu"),
        (Decimal("1.5"), "một phẩy năm"),
        (Decimal("0.25"), "không phẩy hai năm"),
    ],
)
def test_numbers_are_said_in_vietnamese(value: int | Decimal, words: str) -> None:
    assert speech.number_words(value) == words


def test_what_a_buyer_typed_is_read_safely() -> None:
    assert speech.spoken_name("Chị Lan 0912 345 678") == "Chị Lan"
    assert speech.spoken_name("<img src=x onerror=alert(1)>") == "img src x onerror alert"
    assert speech.spoken_name("Mua tại https://lừa.đảo/x 🔥🔥") == "Mua tại"
    assert speech.spoken_name("📞📞") == "Khách"
    assert len(speech.spoken_name("A" * 500)) == speech.MAX_NAME
    text = speech.announcement(
        "Chị Lan", [(Decimal(2), "kg", "Khoai sâm Lai Châu"), (Decimal("1.5"), "hộp", "Na")]
    )
    assert text == "Chị Lan chốt hai ký Khoai sâm Lai Châu, một phẩy năm hộp Na"


def test_real_vietnamese_voice_writes_a_wav(espeak, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine = speech.open_engine()
    names = [v.name for v in speech.vietnamese_voices(engine)]
    assert any("Vietnamese" in n for n in names)  # espeak-ng's vi, vi-vn-x-central, -south
    short = speech.render("Chị Lan chốt hai ký", tmp_path / "short.wav")
    long = speech.render(
        "Chị Lan chốt hai ký khoai sâm, anh Tuấn chốt ba hộp na Chi Lăng", tmp_path / "long.wav"
    )
    assert 0.5 < seconds_of(short) < seconds_of(long) < 15


def test_the_speed_setting_is_real(espeak, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # each in a fresh process: pyttsx3 shares one engine per process, and a rate set
    # between two renders in one process is not always applied (seen on this machine)
    run_cli("speak", "Chị Lan chốt hai ký", "--out", str(tmp_path / "normal.wav"))
    run_cli("speak", "Chị Lan chốt hai ký", "--rate", "90", "--out", str(tmp_path / "slow.wav"))
    assert seconds_of(tmp_path / "slow.wav") > seconds_of(tmp_path / "normal.wav") * 1.5


def test_speak_command_writes_the_file(espeak, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "cli.wav"
    done = run_cli("speak", "Cô Hoa chốt một hũ mật ong", "--out", str(out))
    assert done.stdout.strip() == str(out)  # stdout stays clean for scripts
    assert seconds_of(out) > 0.5


def test_announcer_drops_stale_announcements_and_counts_them() -> None:
    said: list[str] = []

    def slow_voice(text: str) -> None:
        time.sleep(0.2)
        said.append(text)

    announcer = speech.Announcer(speak=slow_voice, keep=2)
    try:
        for n in range(8):
            announcer.say(f"đơn {n}")
        assert wait_for(lambda: said and said[-1].endswith("đơn 7"), timeout=5)  # the newest
        time.sleep(0.3)
        assert len(said) < 8 and any(s.startswith("Thêm ") for s in said)
        assert len(said) + announcer.skipped == 8  # every order said or counted
        announcer.muted = True
        announcer.say("không nói")
        time.sleep(0.3)
        assert "không nói" not in said
    finally:
        announcer.close()


def test_announcer_with_the_real_engine_into_files(espeak, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files: list[Path] = []

    def to_file(text: str) -> None:
        files.append(speech.render(text, tmp_path / f"a{len(files)}.wav"))

    announcer = speech.Announcer(speak=to_file)
    try:
        announcer.say(speech.announcement("Chị Lan", [(Decimal(2), "kg", "khoai sâm")]))
        assert wait_for(lambda: len(files) == 1, timeout=10)
        assert seconds_of(files[0]) > 1.0
    finally:
        announcer.close()


def test_no_speech_engine_is_said_once_and_the_show_goes_on(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pyttsx3

    def no_engine(*_a: object, **_k: object) -> object:
        raise RuntimeError("libespeak-ng.so.1: cannot open shared object file")

    monkeypatch.setattr(pyttsx3, "init", no_engine)
    problems: list[str] = []
    announcer = speech.Announcer(on_problem=problems.append)
    try:
        announcer.say("một")
        announcer.say("hai")
        assert wait_for(lambda: len(problems) == 1, timeout=5)
        time.sleep(0.2)
        assert len(problems) == 1 and "espeak-ng" in str(problems[0]) and announcer.muted
        assert problems[0].reason == "no_engine"
    finally:
        announcer.close()
    assert threading.active_count() >= 1


@pytest.fixture
def aplay() -> str:
    found = shutil.which("aplay")
    if not found:
        require_part("aplay", "apt-get install alsa-utils")
    return str(found)


def _quiet_announcer(problems: list[speech.SpeechUnavailable]) -> speech.Announcer:
    announcer = speech.Announcer(on_problem=problems.append)
    announcer.muted = False
    return announcer


def test_the_voice_is_played_through_the_sound_player(espeak, aplay, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # ALSA's "null" device plays without a sound card: real espeak-ng, real aplay
    monkeypatch.setattr(speech, "PLAYERS", (("aplay", "-q", "-D", "null"),))
    problems: list[speech.SpeechUnavailable] = []
    announcer = _quiet_announcer(problems)
    try:
        announcer.say("Chị Lan chốt hai ký khoai sâm")
        assert wait_for(lambda: announcer.spoken or problems, timeout=20)
        assert announcer.spoken == ["Chị Lan chốt hai ký khoai sâm"] and not problems
    finally:
        announcer.close()


def test_a_sound_card_that_cannot_play_is_said_once(espeak, aplay, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # a device that is not there fails in the real aplay as a missing sound card does
    monkeypatch.setattr(speech, "PLAYERS", (("aplay", "-q", "-D", "hw:97,0"),))
    played: list[Path] = []
    real_play = speech.play

    def counted(player: list[str], wav: Path) -> None:
        played.append(wav)
        real_play(player, wav)

    monkeypatch.setattr(speech, "play", counted)
    problems: list[speech.SpeechUnavailable] = []
    announcer = _quiet_announcer(problems)
    try:
        for n in range(3):
            announcer.say(f"đơn số {n}")
            assert wait_for(lambda n=n: len(played) == n + 1, timeout=20)
        time.sleep(0.3)
        assert [p.reason for p in problems] == ["cannot_play"]  # three failures, one message
        assert "aplay" in str(problems[0]) and not announcer.spoken
        assert not announcer.unavailable  # a card plugged in later is used
    finally:
        announcer.close()


def test_no_sound_player_is_said_once(espeak, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))  # a Linux without aplay, paplay, pw-play
    problems: list[speech.SpeechUnavailable] = []
    announcer = _quiet_announcer(problems)
    try:
        announcer.say("một")
        announcer.say("hai")
        assert wait_for(lambda: problems, timeout=10)
        time.sleep(0.2)
        assert [p.reason for p in problems] == ["no_player"] and announcer.muted
        assert "alsa-utils" in str(problems[0])
    finally:
        announcer.close()
