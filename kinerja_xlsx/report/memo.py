"""The one rule of the report's process-wide caches (widths, parsed markup, broken lines,
font subsets): bounded, and emptied when full. A run's reports ask for the same few things
again and again, so starting over costs little and memory stays flat however many units."""

from __future__ import annotations


def remember(cache: dict, limit: int, key, value):
    """Store ``value`` under ``key`` in ``cache`` (emptied first when it holds ``limit``
    entries) and return it."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value
