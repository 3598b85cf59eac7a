"""Method catalogue for Nordic family centres.

Data flows one way: content files → `catalogue.content` (read, validate, model) → `catalogue.build` (one
generation: the validated catalogue and its search index) → `catalogue.web` (the Flask site and API, which
read generations only). `search` (Whoosh) sits beside it and depends on `catalogue.content` alone.
"""
