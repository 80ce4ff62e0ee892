"""`phonesim report` and `phonesim sync`: the progress store as tables, charts and xAPI, and off to an LRS."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store (sqlite3, platformdirs) loads only when one of these commands runs
    from simulator.core import Catalog
    from simulator.training.store import Store

FORMATS = ("table", "csv", "json", "html", "xapi")


def _since(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text).astimezone()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-30 or 2026-11-30T14:00, got {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _xapi_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--home-page", help="the trainees' account home page (or PHONESIM_XAPI_HOME_PAGE)")
    p.add_argument("--base-iri", help="IRI under which activities and extensions are named (or PHONESIM_XAPI_BASE_IRI)")
    p.add_argument("--mbox-domain", help="name trainees by mailto:first.last@DOMAIN (or PHONESIM_XAPI_MBOX_DOMAIN)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="progress per trainee, model and goal, and exams, from the progress store")
    p.add_argument("--trainee", help="only this trainee")
    p.add_argument("--model", help="only this model (id or name)")
    p.add_argument("--since", type=_since, help="only attempts started on or after DATE (2026-11-30[T14:00])")
    p.add_argument("--format", choices=FORMATS, default="table", help="default %(default)s")
    p.add_argument("-o", "--output", help="write to FILE instead of the terminal")
    _xapi_flags(p)
    p = sub.add_parser("sync", help="send the attempts not yet sent to an xAPI LRS")
    p.add_argument("--lrs", help="the LRS's xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/ (or PHONESIM_LRS_URL)")
    p.add_argument("--user", help="basic-auth user (or PHONESIM_LRS_USER)")
    p.add_argument("--password", help="basic-auth password (or PHONESIM_LRS_PASSWORD)")
    p.add_argument("--batch", type=_positive, help="statements per request (default 100)")
    _xapi_flags(p)


def _open(create: bool) -> Store:
    """The store; an empty one in memory when there is none yet and the command only reads."""
    from simulator.training.schema import default_path
    from simulator.training.store import open_store

    path = default_path()
    return open_store(path if create or path.exists() else ":memory:")


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot write {output}: {exc.strerror}") from None


def _model(name: str | None, catalog: Catalog) -> str | None:
    """A model named as anywhere else (id or display name); a model no longer in the catalog by its id."""
    if name is None:
        return None
    try:
        return catalog.resolve(name)
    except LookupError:
        return name


def cmd_report(args: argparse.Namespace, catalog: Catalog) -> int:
    from simulator.training.report import build_report
    from simulator.training.store import Filter, StoreError
    from simulator.training.xapi import XapiConfig, statement

    where = Filter(args.trainee, _model(args.model, catalog), args.since)
    try:
        with _open(create=False) as store:
            if args.format == "xapi":
                config = XapiConfig.resolve(
                    home_page=args.home_page, base_iri=args.base_iri, mbox_domain=args.mbox_domain
                )
                statements = [statement(s, config) for s in store.load(where)]
                # A JSON array, one statement a line: as an LRS takes it, and greppable.
                lines = ",\n".join(json.dumps(st, ensure_ascii=False) for st in statements)
                _write(f"[\n{lines}\n]\n" if statements else "[]\n", args.output)
                if args.output:
                    print(f"{args.output}: {len(statements)} xAPI statements")
                return 0
            report = build_report(store, where)
            if args.format == "html":
                from simulator.training.report_html import as_html

                text = as_html(store, report)
            else:
                from simulator.training import report_text

                text = {"table": report_text.as_table, "csv": report_text.as_csv, "json": report_text.as_json}[
                    args.format
                ](report)
    except StoreError as exc:
        print(f"phonesim report: {exc}", file=sys.stderr)
        return 1
    _write(text, args.output)
    if args.output:
        print(f"{args.output}: {report.attempts} attempts, {len(report.groups)} trainee/model/goal groups")
    return 0


def cmd_sync(args: argparse.Namespace, catalog: Catalog) -> int:
    from simulator.training.lrs import LrsConfig, SyncError, sync
    from simulator.training.store import StoreError
    from simulator.training.xapi import XapiConfig

    try:
        lrs = LrsConfig.resolve(batch=args.batch, url=args.lrs, user=args.user, password=args.password)
        xapi = XapiConfig.resolve(home_page=args.home_page, base_iri=args.base_iri, mbox_domain=args.mbox_domain)
        with _open(create=False) as store:
            sent = sync(store, lrs, xapi)
    except (SyncError, StoreError) as exc:
        print(f"phonesim sync: {exc}", file=sys.stderr)
        return 1
    print(f"{sent} attempt{'s' if sent != 1 else ''} sent to {lrs.endpoint}" if sent else "nothing to send")
    return 0


COMMANDS = {"report": cmd_report, "sync": cmd_sync}
