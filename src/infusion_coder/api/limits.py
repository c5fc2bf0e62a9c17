"""The time limit on the heavier requests (coding, checking, text tools).

The work runs in a worker thread; when it takes longer than the server's ``timeout_seconds`` the
client gets a 503 in the error shape at once (the thread is left to finish on its own: Python
cannot stop it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import HTTPException, Request

T = TypeVar("T")


async def run_limited(request: Request, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    seconds = float(request.app.state.settings.timeout_seconds)
    call = functools.partial(func, *args, **kwargs)
    with anyio.move_on_after(seconds) as scope:
        return await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
    assert scope.cancelled_caught
    raise HTTPException(503, f"the request took longer than {seconds:g} seconds")
