# The catalogue in one image: content validated and the index built at build time.
#   docker build -t method-catalogue . && docker run -p 8000:8000 method-catalogue
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CATALOGUE_CONTENT_DIR=/app/content CATALOGUE_INDEX_DIR=/app/instance/index \
    GUNICORN_BIND=0.0.0.0:8000

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
RUN pybabel compile -d translations \
    && catalogue validate --content content \
    && catalogue index --content content --index instance/index \
    && chown -R catalogue:catalogue /app/instance

USER catalogue
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "catalogue.wsgi:app"]
