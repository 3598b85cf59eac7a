"""gunicorn settings for the catalogue (`make serve-prod`; `gunicorn -c deploy/gunicorn.conf.py catalogue.web.wsgi:app`).

Search and page rendering are pure Python under the GIL, so throughput comes from processes, not threads:
one worker per core plus one, each with its own open index and page cache, and a few threads per worker so
a slow client or a page being rendered does not hold a whole process. The app (content, taxonomy) is
loaded once in the master, so a broken setting stops the start before any worker is forked, and workers
share that memory. Every value can be overridden with a GUNICORN_* environment variable.

Graceful reload after deploying code: `kill -HUP <master pid>` (systemd: `systemctl reload catalogue`).
New content needs no reload: `catalogue build` swaps a new generation in, workers follow.
"""

import logging
import multiprocessing
import os
import sys
import threading

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Memory is bounded by the page and search caches, so workers are not recycled (each restart empties them).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# Request limits: a request line (the address) up to 8 kB, gunicorn's maximum. The app answers addresses with
# a query string over 6 kB itself, with a friendly page in the reader's language (MAX_QUERY_BYTES).
# gunicorn believes X-Forwarded-Proto (https) only from these addresses: none unless the site is told a proxy is in
# front (CATALOGUE_TRUSTED_PROXIES > 0); then the proxy's address, loopback by default (`make serve-prod`), or
# GUNICORN_FORWARDED_ALLOW_IPS (e.g. the proxy container's network in docker compose).
_proxies = os.environ.get("CATALOGUE_TRUSTED_PROXIES", "0").strip()
forwarded_allow_ips = (
    os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if _proxies not in ("", "0") else ""
)
control_socket_disable = True  # gunicorn 27 control socket: not used, and it would write into $HOME
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
# The app's own log lines (content errors, index swaps, server errors) go to stderr like gunicorn's, in its format.
# Set here, not with logconfig_dict (which would also take over the access log and ignore `accesslog`).
# gunicorn reads this file again on HUP: the handler is added once.
if not any(handler.get_name() == "catalogue" for handler in logging.getLogger().handlers):
    _app_log = logging.StreamHandler(sys.stderr)
    _app_log.set_name("catalogue")
    _app_log.setFormatter(
        logging.Formatter("%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s", "[%Y-%m-%d %H:%M:%S %z]")
    )
    logging.getLogger().addHandler(_app_log)
    logging.getLogger().setLevel(logging.INFO)


def post_worker_init(worker):
    """Render the pages readers start from into this worker's cache, beside serving (needs CATALOGUE_BASE_URL)."""
    from catalogue.web.http.cache import warm_up

    threading.Thread(target=warm_up, args=(worker.wsgi,), name="warm-up", daemon=True).start()
