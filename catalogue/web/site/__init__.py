"""The HTML site: one blueprint per area."""
