"""`GenerationCache`: what a worker keeps in memory for one generation (rendered pages, search results, exports).

A cachetools LRU bounded in entries or in weight (`weigh(value)`, e.g. bytes), shared by threads, and tied to
the generation its entries were made from: asking with another generation's name empties it, so nothing made
from old content is ever served.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextlib import suppress
from typing import Any

from cachetools import LRUCache


class GenerationCache:
    def __init__(self, limit: int, weigh: Callable[[Any], int] | None = None) -> None:
        self.limit = limit
        self.hits = self.misses = 0
        self._cache: LRUCache = LRUCache(maxsize=max(limit, 1), getsizeof=weigh)
        self._generation: str | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._cache)

    @property
    def weight(self) -> int:
        return self._cache.currsize

    def get(self, key: Hashable, generation: str | None) -> Any | None:
        with self._lock:
            self._follow(generation)
            found = self._cache.get(key)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
            return found

    def put(self, key: Hashable, value: Any, generation: str | None) -> None:
        if self.limit <= 0:
            return
        with self._lock:
            self._follow(generation)
            with suppress(ValueError):  # heavier than the whole cache: not kept
                self._cache[key] = value

    def _follow(self, generation: str | None) -> None:
        if generation != self._generation:
            self._cache.clear()
            self._generation = generation
