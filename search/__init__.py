"""Multilingual search of the method catalogue (all Whoosh code lives in this package).

build_index(catalogue, index_dir)   # `catalogue build` (catalogue/build.py): a new generation, swapped in atomically
service = SearchService(index_dir)  # the web process: read-only, reopens new generations itself
service.search(SearchRequest.from_args("sv", request.args.to_dict(flat=False)))
"""

from .building import IndexBuildError, build_index
from .request import PARAMETERS, BadParameter, SearchRequest
from .service import Generation, Hit, IndexUnavailable, Results, SearchService, results_json

__all__ = [
    "BadParameter",
    "Generation",
    "Hit",
    "IndexBuildError",
    "IndexUnavailable",
    "PARAMETERS",
    "Results",
    "SearchRequest",
    "SearchService",
    "build_index",
    "results_json",
]
