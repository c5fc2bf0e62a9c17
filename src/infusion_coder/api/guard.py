"""One small ASGI middleware in front of every route: the API key, the body size limit and the
last-resort 500.

Pure ASGI (no per-request task or response buffering), so it costs microseconds.
- API key: when the server has one, every request but ``/health`` and ``/api/v1/health`` must
  send it in ``X-API-Key`` (compared in constant time), else 401.
- Body size: a ``Content-Length`` above the limit is refused at once with 413; a chunked body is
  counted as it arrives and refused with 413 when it passes the limit.
- Anything unexpected becomes a 500 in the error shape; only the exception's type is logged
  (its message may quote request data).
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infusion_coder.api.errors import body

log = logging.getLogger("infusion_coder.api")

OPEN_PATHS = frozenset({"/health", "/api/v1/health"})


class _TooLarge(HTTPException):
    """Raised from ``receive`` when a chunked body passes the limit (FastAPI lets an
    HTTPException through its body parsing, so the route answers 413 in the error shape)."""


class Guard:
    def __init__(self, app: ASGIApp, *, api_key: str | None, max_body_bytes: int) -> None:
        self.app = app
        self.api_key = api_key.encode() if api_key else None
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.api_key is not None and scope["path"] not in OPEN_PATHS:
            sent = _header(scope, b"x-api-key")
            if sent is None or not hmac.compare_digest(sent, self.api_key):
                message = "missing X-API-Key header" if sent is None else "wrong API key"
                await _send_error(send, 401, "unauthorized", message, "X-API-Key")
                return
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                too_large = int(length) > self.max_body_bytes
            except ValueError:
                await _send_error(send, 400, "bad_request", "bad Content-Length", "Content-Length")
                return
            if too_large:
                await _send_error(send, 413, "payload_too_large", self._limit_message(), None)
                return
        started = False
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _TooLarge(413, self._limit_message())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive if length is None else receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_error(send, 413, "payload_too_large", self._limit_message(), None)
        except Exception as exc:  # the last resort: never a traceback to the client
            log.error(
                "internal error %s on %s %s",
                type(exc).__name__,
                scope.get("method"),
                scope.get("path"),
            )
            if not started:
                await _send_error(send, 500, "internal_error", "internal error", None)

    def _limit_message(self) -> str:
        return f"the request body is larger than {self.max_body_bytes} bytes"


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value)
    return None


async def _send_error(send: Send, status: int, kind: str, message: str, field: Any) -> None:
    payload = body(status, [{"kind": kind, "field": field, "message": message}])
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
    ]
    if status == 401:
        headers.append((b"www-authenticate", b'APIKey header="X-API-Key"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
