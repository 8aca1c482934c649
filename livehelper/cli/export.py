"""After the show: exports to files and shops, templates, the report."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from livehelper import config
from livehelper.cli.common import (
    ID,
    Command,
    emit,
    open_store,
)
from livehelper.errors import UsageError

log = logging.getLogger("livehelper")


def _export_remote(store: Any, args: argparse.Namespace) -> int:
    from livehelper.export.remote import send_orders
    from livehelper.export.validate import held_orders, validate

    if args.to == "webhook" and not (args.url and args.secret):
        raise UsageError("--to webhook needs --url and --secret")
    if not args.url:
        raise UsageError(f"--to {args.to} needs --url")
    if args.to == "webhook":
        from livehelper.export.webhook import send_orders as send_webhook

        if args.preview:
            emit({"orders": len(store.orders(args.session)), "problems": []})
            return 0
        result = send_webhook(store, args.session, args.url, args.secret)
    else:
        destination, judge_answer = _shop_destination(args)
        orders = store.orders(args.session)
        problems = validate(store, args.session, orders)
        hold = set() if args.force else held_orders(problems)
        _tell_problems(problems, hold)
        if args.preview:
            done = store.exported(destination.target, [o.id for o in orders])
            emit(
                {
                    "orders": len(orders),
                    "already_exported": len(done),
                    "held": sorted(hold),
                    "problems": [p.as_dict() for p in problems],
                }
            )
            return 0
        result = send_orders(
            store,
            args.session,
            destination,
            judge_answer,
            hold=hold,
        )
    for problem in result.problems:
        print(f"livehelper: {problem}", file=sys.stderr)
    summary: dict[str, Any] = result.as_dict()
    if args.to != "webhook":
        summary["held"] = result.held
    if args.json:
        summary["orders"] = result.results
    emit(summary)
    return 1 if result.failed else 0


def _shop_destination(args: argparse.Namespace) -> tuple[Any, Any]:
    from livehelper.export.shops import shop_destination
    from livehelper.secrets import FileFallback, load_secret, store_secret

    fallback = FileFallback()
    name = f"{args.to}:{args.url}"
    if args.to == "shopify":
        token = args.token or config.env("LIVEHELPER_SHOP_TOKEN") or load_secret(name, fallback)
        if not token:
            raise UsageError("--to shopify needs --token (or --save-credentials once)")
        if args.save_credentials and args.token:
            _tell_where_saved(store_secret(name, token, fallback))
        return shop_destination("shopify", args.url, token, auth=args.auth)
    pair = f"{args.key}:{args.secret}" if args.key and args.secret else load_secret(name, fallback)
    key, _, secret = pair.partition(":")
    if not key or not secret:
        raise UsageError("--to woocommerce needs --key and --secret (or --save-credentials once)")
    if args.save_credentials and args.key:
        _tell_where_saved(store_secret(name, pair, fallback))
    return shop_destination("woocommerce", args.url, key, secret)


def _tell_problems(problems: Sequence[Any], hold: set[int], verb: str = "sent") -> None:
    """The check before an export, one line each on stderr."""
    for problem in problems:
        who = f"order {problem.order_id} ({problem.buyer}): " if problem.order_id else ""
        held = f" — not {verb} (fix it, or --force)" if problem.order_id in hold else ""
        print(f"livehelper: check: {who}{problem.message}{held}", file=sys.stderr)


def _tell_where_saved(in_keyring: bool) -> None:
    where = "the OS keyring" if in_keyring else "livehelper's own settings file (no keyring here)"
    print(f"livehelper: credentials kept in {where}", file=sys.stderr)


def _export_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--format", choices=["csv", "xlsx", "json"])
    p.add_argument("--template", help="spreadsheet columns (see `livehelper templates list`)")
    p.add_argument("--out", type=Path)
    p.add_argument(
        "--to",
        choices=["webhook", "shopify", "woocommerce"],
        help="send each order instead of writing a file",
    )
    p.add_argument(
        "--url",
        help="webhook address; the shop's orders endpoint (shopify); the shop's site (woocommerce)",
    )
    p.add_argument("--secret", help="webhook: HMAC key; woocommerce: consumer secret")
    p.add_argument("--token", help="shopify: access token (or key:secret with --auth basic)")
    p.add_argument("--key", help="woocommerce: consumer key")
    p.add_argument("--auth", choices=["shopify", "bearer", "basic"], default=None)
    p.add_argument(
        "--save-credentials",
        action="store_true",
        help="keep the token/key in the OS keyring for next time",
    )
    p.add_argument(
        "--only-new",
        action="store_true",
        help="files: leave out orders already exported with this template",
    )
    p.add_argument("--force", action="store_true", help="send orders the check holds back too")
    p.add_argument("--preview", action="store_true", help="check and show, write and send nothing")
    p.add_argument("--history", action="store_true", help="the session's past exports")
    p.add_argument("--json", action="store_true", help="results per order as JSON")


def cmd_export(args: argparse.Namespace) -> int:
    from livehelper.export import choices, file_target, templates, write_file
    from livehelper.export.validate import held_orders, validate

    store = open_store(args)
    store.session(args.session)
    if args.history:
        emit(store.batches(args.session))
        return 0
    if args.to:
        return _export_remote(store, args)
    if not args.format or (not args.out and not args.preview):
        raise UsageError("give --format and --out (or --to webhook|shopify|woocommerce …)")
    if args.template and args.format == "json":
        raise UsageError("--template is for csv and xlsx; JSON has one documented shape")
    template = templates.load(args.template or "generic") if args.format != "json" else None
    target = file_target(template)
    orders = store.orders(args.session)
    before = store.exported(target, [o.id for o in orders])
    if args.only_new:
        orders = [o for o in orders if o.id not in before]
    problems = validate(store, args.session, orders)
    hold = set() if args.force else held_orders(problems)
    _tell_problems(problems, hold, verb="written")
    if template and template.unverified:
        print(
            f"livehelper: the {template.name} template has {len(template.unverified)} column(s) "
            f"not checked against {template.name}'s own sample: {', '.join(template.unverified)}",
            file=sys.stderr,
        )
    if args.preview:
        filling = choices.filling(store, template) if template else None
        kept = [o for o in orders if o.id not in hold]
        gaps = templates.gaps(template, kept, filling) if template and filling else []
        emit(
            {
                "orders": len(orders),
                "already_exported": sum(1 for o in orders if o.id in before),
                "held": sorted(hold),
                "problems": [p.as_dict() for p in problems],
                "columns": template.headers if template else None,
                "unverified_columns": template.unverified if template else [],
                "rows": list(templates.rows(template, orders, filling))[:20] if template else None,
                "gaps": [dataclasses.asdict(g) for g in gaps],
            }
        )
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    kept = [o for o in orders if o.id not in hold]
    written = write_file(store, args.session, kept, args.format, args.out, template)
    again = sum(1 for o in kept if o.id in before)
    note = f" ({again} of them were exported with this template before)" if again else ""
    print(f"{written} orders written to {args.out}{note}", file=sys.stderr)
    if hold:
        print(
            f"livehelper: {len(hold)} order(s) held back: fix them, or export again with --force",
            file=sys.stderr,
        )
    return 0


EXPORT = Command(
    "export",
    "write a session's confirmed orders to a file, or send them",
    _export_arguments,
    cmd_export,
)


def _report_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--session", type=ID, required=True)
    p.add_argument("--out", type=Path, help="FILE.html or FILE.pdf")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def cmd_report(args: argparse.Namespace) -> int:
    from livehelper import report

    if not args.out and not args.json:
        raise UsageError("give --out FILE.html|FILE.pdf, or --json")
    figures = report.build(open_store(args), args.session)
    if args.out:
        suffix = args.out.suffix.lower()
        if suffix not in (".html", ".htm", ".pdf"):
            raise UsageError("the report is written as .html or .pdf")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".pdf":
            from livehelper.ui.pdf import write_pdf

            write_pdf(report.render_html(figures, for_print=True), args.out)
        else:
            args.out.write_text(report.render_html(figures), encoding="utf-8")
        print(f"report written to {args.out}", file=sys.stderr)
    if args.json:
        emit(figures.as_dict())
    return 0


REPORT = Command(
    "report",
    "how the show went: figures, chart, picking slips (HTML or PDF)",
    _report_arguments,
    cmd_report,
)


def _templates_arguments(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    templates = p.add_subparsers(dest="action", required=True)
    p = templates.add_parser("list", parents=[common], help="templates, with unverified columns")
    p.add_argument("--json", action="store_true")
    p = templates.add_parser("copy", parents=[common], help="an editable copy in your folder")
    p.add_argument("name")


def cmd_templates(args: argparse.Namespace) -> int:
    from livehelper.export import choices, templates

    if args.action == "copy":
        print(templates.copy_to_user(args.name))
        return 0
    found = templates.available()
    if args.json:
        emit(
            [
                {
                    "name": t.name,
                    "title": t.title,
                    "rows": t.rows,
                    "columns": t.headers,
                    "unverified_columns": t.unverified,
                    "sources": list(t.sources),
                    "checked": t.checked,
                    "caution": t.caution,
                    "sheet": t.sheet,
                    "header_row": t.header_row,
                    "data_row": t.data_row,
                    "needs_weight": t.weighs,
                    "choices": [
                        {
                            "key": c.key,
                            "setting": choices.setting_key(t, c),
                            "label": c.label,
                            "default": c.default,
                            "required": c.required,
                            "codes": c.codes,
                        }
                        for c in t.choices
                    ],
                }
                for t in found
            ]
        )
        return 0
    for t in found:
        check = f" · {len(t.unverified)} column(s) unverified" if t.unverified else ""
        print(f"{t.name:12} {t.title}{check}")
        if t.caution:
            print(f"{'':12} caution: {t.caution}")
    return 0


TEMPLATES = Command(
    "templates", "spreadsheet column templates for export", _templates_arguments, cmd_templates
)


COMMANDS = [EXPORT, REPORT, TEMPLATES]
