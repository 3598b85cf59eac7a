"""`BoundedCache`: a thread-safe least-recently-used cache with a limit on its total weight.

The weight of an entry is 1 by default (a limit on the number of entries), or what `weigh(value)` says
(e.g. its size in bytes). The entries are tied to a `stamp` (the content and index versions they were made
from): a new stamp empties the cache, so nothing made from old content is ever served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class BoundedCache:
    def __init__(self, limit: int, weigh: Callable[[Any], int] = lambda value: 1) -> None:
        self.limit = limit
        self.weigh = weigh
        self.weight = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._stamp: Any = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, stamp: Any) -> Any | None:
        with self._lock:
            if stamp != self._stamp:
                self._reset(stamp)
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, value: Any, stamp: Any) -> None:
        weight = self.weigh(value)
        if weight > self.limit:
            return
        with self._lock:
            if stamp != self._stamp:
                self._reset(stamp)
            old = self._entries.pop(key, None)
            if old is not None:
                self.weight -= old[1]
            self._entries[key] = (value, weight)
            self.weight += weight
            while self.weight > self.limit:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.weight -= dropped

    def _reset(self, stamp: Any) -> None:
        self._entries.clear()
        self.weight = 0
        self._stamp = stamp
