"""The site's search with a bounded cache of results, so popular searches are answered from memory.

Keyed on the normalised request (`search.SearchRequest`: parameters parsed, ordered and de-duplicated) and
the index generation: a new index empties the cache, so results never outlive the index they came from.
"""

from __future__ import annotations

import search
from catalogue.web.generation_cache import GenerationCache


class CachedSearch:
    """`search.SearchService` with the same `search()` and `generation()`, and a cache in front of `search()`."""

    def __init__(self, service: search.SearchService, entries: int) -> None:
        self.service = service
        self.cache = GenerationCache(entries)

    def generation(self):
        return self.service.generation()

    @property
    def degraded(self) -> str | None:
        return self.service.degraded

    def search(self, request: search.SearchRequest, generation: search.Generation | None = None) -> search.Results:
        generation = generation or self.service.generation()
        found = self.cache.get(request, generation.name)
        if found is None:
            found = self.service.search(request, generation)
            self.cache.put(request, found, generation.name)
        return found
