# nginx in front of the catalogue (deploy/compose.yaml): Debian's nginx with deploy/nginx/nginx.conf.template,
# its placeholders filled in at start from the environment; serves static/ itself and passes the rest to the app.
FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx gettext-base \
    && rm -rf /var/lib/apt/lists/*

COPY deploy/nginx/nginx.conf.template /etc/nginx/catalogue.conf.template
COPY deploy/nginx/pages /srv/catalogue/pages
COPY static /srv/catalogue/static

ENV LISTEN=8080 UPSTREAM=app:8000 STATIC_ROOT=/srv/catalogue/static PAGES_DIR=/srv/catalogue/pages RUN_DIR=/tmp/nginx
EXPOSE 8080
# SERVER_NAME is CATALOGUE_BASE_URL's host name.
CMD ["sh", "-c", "mkdir -p \"$RUN_DIR\" && export SERVER_NAME=\"$(echo \"$CATALOGUE_BASE_URL\" | sed -E 's#^[a-z]+://([^/:]+).*#\\1#')\" && envsubst '$LISTEN $SERVER_NAME $UPSTREAM $STATIC_ROOT $PAGES_DIR $RUN_DIR' < /etc/nginx/catalogue.conf.template > \"$RUN_DIR/nginx.conf\" && exec nginx -c \"$RUN_DIR/nginx.conf\" -p \"$RUN_DIR\" -g 'daemon off;'"]
