"""The web site and API (Flask): reads generations built by `catalogue build`, never content files."""
