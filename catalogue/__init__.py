"""Method catalogue for Nordic family centres: content model, validation, site and CLI."""

LANGUAGES = ("sv", "fi", "en")
"""The site's languages, in the order they are offered."""

FACTS_LANGUAGE = "en"
"""The file that holds a method's language-neutral facts; the others inherit them."""
