"""Sending the attempts an LRS has not acknowledged yet, in batches, over plain xAPI HTTP.

An attempt counts as sent only once the LRS answered 2xx for its batch; anything else (down,
refused, 4xx, 5xx) leaves it unsent for the next sync, with one line saying why. Statement ids
are derived from the attempts, so a batch sent again after a lost answer is not stored twice.
"""

from __future__ import annotations

import base64
import json
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib import error, request
from urllib.parse import urlsplit, urlunsplit

from simulator.training.store import Store
from simulator.training.xapi import XAPI_VERSION, XapiConfig, statement

ENV = {"url": "PHONESIM_LRS_URL", "user": "PHONESIM_LRS_USER", "password": "PHONESIM_LRS_PASSWORD"}
#: Statements per POST; the LRS's own limit may be lower (`--batch`).
DEFAULT_BATCH = 100
TIMEOUT_S = 30


class SyncError(Exception):
    """One line: why the LRS did not take the statements; the attempts stay unsent."""


@dataclass(frozen=True)
class LrsConfig:
    url: str
    """The xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/ (statements go to its `statements` resource)."""
    user: str | None = None
    password: str | None = None
    batch: int = DEFAULT_BATCH

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, batch: int | None = None, **flags: str | None) -> LrsConfig:
        """Flags first, then PHONESIM_LRS_URL / _USER / _PASSWORD."""
        env = os.environ if env is None else env
        values = {name: flags.get(name) or env.get(var) for name, var in ENV.items()}
        if not values["url"]:
            raise SyncError(f"no LRS given: use --lrs URL or set {ENV['url']}")
        return cls(values["url"], values["user"], values["password"], batch or DEFAULT_BATCH)

    @property
    def endpoint(self) -> str:
        """The endpoint without credentials, query or a trailing `statements`: the key of what was sent where."""
        parts = urlsplit(self.url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SyncError(f"the LRS address must be an http:// or https:// URL, got {self.url!r}")
        path = parts.path.rstrip("/")
        path = path.removesuffix("/statements")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, path + "/", "", ""))


def _detail(body: bytes) -> str:
    """The LRS's own reason, short: `detail` or `message` from a JSON body, else the first line of text."""
    text = body.decode("utf-8", "replace").strip()
    try:
        data: Any = json.loads(text)
    except ValueError:
        return text.splitlines()[0][:200] if text else ""
    if isinstance(data, dict):
        data = data.get("detail", data.get("message", data.get("error", data)))
    if isinstance(data, list) and data and isinstance(data[0], dict):
        first = data[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        more = f" (and {len(data) - 1} more)" if len(data) > 1 else ""
        return f"{where}: {first.get('msg', first)}{more}" if where else f"{first.get('msg', first)}{more}"
    return str(data)[:200]


def post(config: LrsConfig, statements: list[dict[str, Any]]) -> int:
    """POSTs one batch; returns the HTTP status (2xx) or raises SyncError with one line."""
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION}
    if config.user is not None:
        token = base64.b64encode(f"{config.user}:{config.password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    url = config.endpoint + "statements"
    req = request.Request(url, data=json.dumps(statements).encode(), headers=headers, method="POST")
    try:
        with request.urlopen(req, timeout=TIMEOUT_S) as answer:
            return answer.status
    except error.HTTPError as exc:
        detail = _detail(exc.read())
        said = f"{exc.code} {exc.reason}" + (f": {detail}" if detail else "")
        if exc.code in (401, 403):
            raise SyncError(f"the LRS at {url} refused the credentials ({said})") from None
        if 400 <= exc.code < 500:
            raise SyncError(f"the LRS at {url} rejected the statements ({said})") from None
        raise SyncError(f"the LRS at {url} failed ({said})") from None
    except (error.URLError, OSError) as exc:
        reason = exc.reason if isinstance(exc, error.URLError) else exc
        if isinstance(reason, socket.timeout | TimeoutError):
            reason = f"no answer within {TIMEOUT_S} s"
        elif isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        raise SyncError(f"cannot reach the LRS at {url}: {reason}") from None


def sync(store: Store, lrs: LrsConfig, xapi: XapiConfig, now: datetime | None = None) -> int:
    """Sends what this LRS has not acknowledged, oldest first, and returns how many went; raises SyncError
    (after keeping what went) at the first batch it does not take."""
    endpoint = lrs.endpoint
    pending = store.unsent(endpoint)
    sent = 0
    for start in range(0, len(pending), lrs.batch):
        batch = store.load(ids=pending[start : start + lrs.batch])
        statements = [statement(s, xapi) for s in batch]
        try:
            post(lrs, statements)
        except SyncError as exc:
            left = len(pending) - sent
            raise SyncError(
                f"{exc}; {left} attempt{'s' if left != 1 else ''} not sent, kept for the next sync"
            ) from None
        store.mark_sent(endpoint, [(s.id, st["id"]) for s, st in zip(batch, statements, strict=True)], now or _now())
        sent += len(batch)
    return sent


def _now() -> datetime:
    return datetime.now(UTC)
