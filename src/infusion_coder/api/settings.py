"""Server settings: where it binds, the API key, the body size limit and the time limit."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from infusion_coder.errors import ConfigError

API_KEY_ENV = "INFUSION_CODER_API_KEY"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """How the app behaves; ``from_env`` is what ``infusion-coder serve`` uses."""

    api_key: str | None = None
    #: largest accepted request body, in bytes
    max_body_bytes: int = 1_000_000
    #: longest a coding or checking request may run, in seconds (then 503)
    timeout_seconds: float = 20.0
    #: build the search index when the server starts (not at the first search)
    warm_search: bool = True

    @classmethod
    def from_env(cls, host: str = DEFAULT_HOST, **overrides: object) -> Settings:
        """Settings for a server bound to ``host``; refuses a non-loopback host without a key."""
        key = os.environ.get(API_KEY_ENV) or None
        if not is_loopback(host) and not key:
            raise ConfigError(
                f"binding {host} (not a loopback address) requires an API key: set {API_KEY_ENV}; "
                "clients then send it in the X-API-Key header",
                field="host",
            )
        if key is not None and len(key) < 16:
            raise ConfigError(f"{API_KEY_ENV} must be at least 16 characters", field=API_KEY_ENV)
        return cls(api_key=key, **overrides)  # type: ignore[arg-type]
