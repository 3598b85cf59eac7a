"""Content files → a validated model: reading, checking, the model and its rendering. No Flask, no search."""

LANGUAGES = ("sv", "fi", "en")
"""The site's languages, in the order they are offered."""

FACTS_LANGUAGE = "en"
"""The file that holds a method's language-neutral facts; the others inherit them."""

PARENT_LANGUAGES = ("ar", "so", "fa", "uk", "ru")
"""The languages of the parents' pages only (issue 14): parent summaries (`content/parents/<lang>.yaml`) and the
parents' interface; the professionals' pages stay in LANGUAGES."""
