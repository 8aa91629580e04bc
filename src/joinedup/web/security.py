"""Request-level protections shared by the survey and sign-in: the client address, rate limits
and the no-store header on signed-in pages.

The client address is read from `X-Forwarded-For` only when `JOINEDUP_TRUSTED_PROXY_COUNT` says
how many reverse proxies in front of the app append to it; otherwise anyone could write the header
and pick the address a limit counts against. Rate-limit counters live in Django's cache, keyed by a
keyed hash of the address, so no cache backend (a database table included) ever holds an address.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.checks import CheckMessage, Error, Tags, register
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac


def client_address(request: HttpRequest) -> str:
    """The address of the client as the last trusted proxy saw it.

    With N trusted proxies, each appends the address it received the request from, so the client is
    the Nth entry from the right of `X-Forwarded-For`; entries further left were written by the client
    and are ignored. A header with fewer entries did not pass through every proxy, so it is not
    believed. With no trusted proxy (the default) the socket's address is the only truth.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "JOINEDUP_TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def _hashed(value: str) -> str:
    return salted_hmac("joinedup.security.rate-limit", value).hexdigest()[:32]


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` events per hour for one key (a fixed one-hour window, counted in the cache)."""

    name: str
    limit: int

    def _key(self, *parts: str) -> str:
        window = int(time.time() // 3600)
        return f"joinedup:rl:{self.name}:{window}:{_hashed('|'.join(parts))}"

    def exceeded(self, *parts: str) -> bool:
        return int(cache.get(self._key(*parts), 0)) >= self.limit

    def count(self, *parts: str) -> None:
        key = self._key(*parts)
        if not cache.add(key, 1, timeout=3600):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=3600)


@register(Tags.security, deploy=True)
def check_rate_limit_cache(**kwargs: object) -> list[CheckMessage]:
    """The deployment check fails if the rate-limit cache cannot be written.

    Otherwise the first survey sent to a server with an unwritable cache folder, or a database
    cache whose table was never created, would be a server error instead of a clear start-up message.
    """
    probe = "joinedup:rl:deployment-check"
    try:
        cache.set(probe, 1, timeout=5)
        cache.delete(probe)
    except Exception as error:  # any backend failure is the finding itself
        return [
            Error(
                f"The cache that holds rate-limit counters does not work: {error}",
                hint="Make JOINEDUP_CACHE_DIR a folder the app can write to, or with JOINEDUP_CACHE=database "
                "run `joinedup-manage createcachetable`.",
                id="joinedup.E001",
            )
        ]
    return []


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in user.

    A partnership's pages show figures, names and comments: neither a shared computer's browser
    cache nor a proxy may keep them after the person signs out. Static files never reach this
    middleware (WhiteNoise answers them earlier), so they stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
