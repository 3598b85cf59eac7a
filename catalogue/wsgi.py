"""The production entry point: `gunicorn -c deploy/gunicorn.conf.py catalogue.wsgi:app`.

Configuration comes from CATALOGUE_* environment variables (see catalogue/settings.py); a wrong
one stops the start with a message naming it.
"""

import os

from .app import create_app
from .settings import from_environment

app = create_app(from_environment(os.environ))
