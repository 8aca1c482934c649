"""OBS Studio and the browser overlays."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from livehelper import config
from livehelper.cli.common import (
    AMOUNT,
    ID,
    MINUTES,
    PORT,
    SECONDS,
    Command,
    emit,
    open_store,
)

log = logging.getLogger("livehelper")


def _overlay_bank(store: Any, args: argparse.Namespace) -> int:
    from livehelper import vietqr
    from livehelper.overlays.server import save_bank_account, saved_bank_account

    if args.bank or args.account:
        if not (args.bank and args.account):
            print("livehelper: give both --bank and --account", file=sys.stderr)
            return 2
        bin_ = vietqr.bank_bin(args.bank)
        account = vietqr.BankAccount(bin_, args.account.replace(" ", ""), args.holder.strip())
        vietqr.payload(account)  # refuse what no banking app could scan
        save_bank_account(store, account)
    saved = saved_bank_account(store)
    emit(
        None
        if saved is None
        else {
            "bin": saved.bin,
            "bank": saved.bank_name,
            "account": saved.number,
            "holder": saved.holder,
        }
    )
    return 0


def _obs_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    obs_common = argparse.ArgumentParser(add_help=False, parents=[common])
    obs_common.add_argument(
        "--obs-url",
        default=argparse.SUPPRESS,
        help="OBS WebSocket address (default $LIVEHELPER_OBS_URL or ws://127.0.0.1:4455)",
    )
    obs_common.add_argument(
        "--obs-password",
        default=argparse.SUPPRESS,
        help="OBS WebSocket password (default $LIVEHELPER_OBS_PASSWORD)",
    )
    obs = p.add_subparsers(dest="action", required=True)
    p = obs.add_parser("status", parents=[obs_common], help="is OBS reachable? versions, scenes")
    p.add_argument("--json", action="store_true")
    obs.add_parser("scenes", parents=[obs_common], help="scene names, top to bottom")
    p = obs.add_parser("switch", parents=[obs_common], help="make a scene live")
    p.add_argument("scene")
    p = obs.add_parser(
        "setup", parents=[obs_common], help="create the livehelper inputs if missing"
    )
    p.add_argument(
        "--overlay-url",
        default="http://127.0.0.1:8765",
        help="the overlay server the browser sources show (default http://127.0.0.1:8765)",
    )
    p.add_argument("--scene", default=None, help="scene to add them to (default: the live one)")
    p = obs.add_parser(
        "refresh-overlays",
        parents=[obs_common],
        help="reload the browser sources that show livehelper overlay pages",
    )
    p.add_argument("--overlay-url", default="http://127.0.0.1:8765")
    p = obs.add_parser("feature", parents=[obs_common], help="feature a product, update OBS texts")
    p.add_argument("code")
    p.add_argument("--session", type=ID, required=True)


def cmd_obs(args: argparse.Namespace) -> int:
    from livehelper.overlays.obs import ObsConnection, ObsSettings

    url = getattr(args, "obs_url", None) or config.env("LIVEHELPER_OBS_URL")
    password = getattr(args, "obs_password", None) or config.env("LIVEHELPER_OBS_PASSWORD")
    settings = ObsSettings.from_url(url, password)
    with ObsConnection(settings) as obs:
        if args.action == "status":
            status = obs.status()
            if args.json:
                emit(
                    {
                        "connected": True,
                        "obs_version": status.obs_version,
                        "websocket_version": status.websocket_version,
                        "program_scene": status.program_scene,
                        "scenes": list(status.scenes),
                        "text_kind": status.text_kind,
                    }
                )
            else:
                print(
                    f"connected: OBS {status.obs_version}, obs-websocket "
                    f"{status.websocket_version}, live scene {status.program_scene!r}"
                )
        elif args.action == "scenes":
            for name in obs.scenes():
                print(name)
        elif args.action == "switch":
            obs.switch(args.scene)
            print(args.scene)
        elif args.action == "setup":
            for name, state in obs.setup(args.overlay_url, args.scene).items():
                print(f"{name}: {state}")
        elif args.action == "refresh-overlays":
            for name in obs.refresh_overlays(args.overlay_url):
                print(name)
        else:
            store = open_store(args)
            session = store.feature(args.session, args.code)
            product = store.product(session.featured_code or args.code)
            texts = obs.show_product(product)
            print(" | ".join(texts.values()))
    return 0


OBS = Command("obs", "control OBS Studio", _obs_arguments, cmd_obs)


def _overlay_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    overlay = p.add_subparsers(dest="action", required=True)
    p = overlay.add_parser("serve", parents=[common], help="serve the overlay pages for a session")
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--port", type=PORT, default=config.env("LIVEHELPER_OVERLAY_PORT"))
    p.add_argument("--for", dest="seconds", type=SECONDS, default=None, help="stop after SECONDS")
    p = overlay.add_parser(
        "countdown", parents=[common], help="start or stop a flash-sale countdown"
    )
    p.add_argument("--session", type=ID, required=True)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--minutes", type=MINUTES, help="ends this many minutes from now")
    when.add_argument("--stop", action="store_true", help="take the countdown off the stream")
    p.add_argument("--label", default="", help='shown above the clock (default "FLASH SALE")')
    p = overlay.add_parser("qr", parents=[common], help="show or hide the bank-transfer QR")
    p.add_argument("--session", type=ID, required=True)
    shown = p.add_mutually_exclusive_group(required=True)
    shown.add_argument("--show", action="store_true")
    shown.add_argument("--hide", action="store_true")
    p.add_argument("--amount", type=AMOUNT, default=None, help="VND to ask for (default: any)")
    p = overlay.add_parser(
        "bank", parents=[common], help="the account the QR pays into (no options: show it)"
    )
    p.add_argument("--bank", help="bank name from the list (e.g. Vietcombank) or its 6-digit BIN")
    p.add_argument("--account", help="account number")
    p.add_argument("--holder", default="", help="account holder, shown under the QR")


def cmd_overlay(args: argparse.Namespace) -> int:
    import asyncio

    from livehelper.overlays.server import PAGES, OverlayServer

    store = open_store(args)
    if args.action == "bank":
        return _overlay_bank(store, args)
    store.session(args.session)
    if args.action == "countdown":
        until = None if args.stop else datetime.now(UTC) + timedelta(minutes=args.minutes)
        if args.minutes is not None and not 0 < args.minutes <= 24 * 60:
            print("livehelper: --minutes must be between 0 and 1440", file=sys.stderr)
            return 2
        session = store.set_countdown(args.session, until, args.label)
        emit(
            {
                "session": session.id,
                "countdown_until": None if until is None else until.isoformat(),
                "label": session.countdown_label,
            }
        )
        return 0
    if args.action == "qr":
        from livehelper.overlays.server import saved_bank_account

        if args.show and saved_bank_account(store) is None:
            print(
                "livehelper: no bank account yet: livehelper overlay bank --bank NAME "
                "--account NUMBER --holder 'NAME'",
                file=sys.stderr,
            )
            return 2
        session = store.set_qr(args.session, args.show, args.amount)
        emit({"session": session.id, "qr_shown": session.qr_shown, "amount": session.qr_amount})
        return 0
    server = OverlayServer(store, args.session, port=args.port)

    async def run() -> None:
        await server.start()
        print(f"overlays for session {args.session} at {server.base_url}/", flush=True)
        for name in PAGES:
            print(f"  {name}: {server.page_url(name)}", flush=True)
        try:
            await asyncio.sleep(args.seconds if args.seconds is not None else float("inf"))
        finally:
            await server.stop()

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a person stops it
        asyncio.run(run())
    return 0


OVERLAY = Command("overlay", "browser overlays for OBS", _overlay_arguments, cmd_overlay)


COMMANDS = [OBS, OVERLAY]
