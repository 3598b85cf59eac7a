# The catalogue in one image: content validated, message catalogs compiled and the search index built at build
# time; gunicorn serves it as an unprivileged user. Settings: CATALOGUE_* and GUNICORN_* variables (README).
# Run it behind nginx, never exposed directly: deploy/compose.yaml (README, Deployment).
# New content = a new image (the index is built from the content in it); run one or many replicas of it.
FROM python:3.11-slim-bookworm

# Finnish search needs Voikko (morphology) from Debian; Swedish compounds, the Hunspell dictionary.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libvoikko1 voikko-fi hunspell-sv \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CATALOGUE_INDEX_DIR=/app/instance/index \
    CATALOGUE_FEEDBACK_DIR=/app/instance/feedback \
    GUNICORN_BIND=0.0.0.0:8000
# 0.0.0.0 inside the container, for the proxy container to reach; compose publishes only nginx's port.

RUN useradd --system --create-home --home-dir /app catalogue
WORKDIR /app
COPY pyproject.toml README.md ./
COPY catalogue catalogue
COPY search search
# Editable: the app finds templates/, static/ and translations/ beside the package.
RUN pip install --no-cache-dir -e .
COPY babel.cfg ./
COPY translations translations
COPY templates templates
COPY static static
COPY content content
COPY deploy deploy
RUN pybabel -q compile -d translations \
    && catalogue validate --content content \
    && catalogue build --content content --index instance/index \
    && mkdir -p instance/feedback \
    && chown -R catalogue:catalogue /app/instance

USER catalogue
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "catalogue.web.wsgi:app"]
