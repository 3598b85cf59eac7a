"""`make serve-prod`: the production pair on this machine: nginx on HOST:PORT in front, gunicorn behind it on a
unix socket (nothing but nginx can reach the app). Both stop together on Ctrl-C or SIGTERM, or when either exits.

    python deploy/serve_prod.py --port 8000 [--host 127.0.0.1] [--base-url https://metoder.example.fi]

Settings are the site's CATALOGUE_* variables (README, Deployment); this sets CATALOGUE_TRUSTED_PROXIES=1 and,
unless given, CATALOGUE_BASE_URL=http://HOST:PORT. nginx is Debian's (`apt install nginx`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "nginx.conf.template"
STARTUP_SECONDS = 60


def render(values: dict[str, str]) -> str:
    """The nginx configuration with its ${NAME} placeholders filled in (nginx's own $variables stay)."""
    return Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base-url", default=os.environ.get("CATALOGUE_BASE_URL"))
    parser.add_argument("--run-dir", type=Path, help="Default: a new folder in the system's temporary folder.")
    args = parser.parse_args()
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if nginx is None:
        print("serve-prod: nginx is not installed: apt install nginx", file=sys.stderr)
        return 1
    base_url = args.base_url or f"http://{args.host}:{args.port}"
    # nginx's workers run as nobody when started as root: everything they read or write (the socket, the request
    # buffers, static files, the error pages) is in a folder anyone may enter, whatever the checkout's modes are.
    run = args.run_dir.resolve() if args.run_dir else Path(tempfile.mkdtemp(prefix="catalogue-serve-prod-"))
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)
    for folder in ("static", "pages"):
        shutil.rmtree(run / folder, ignore_errors=True)
    shutil.copytree(ROOT / "static", run / "static")
    shutil.copytree(ROOT / "deploy" / "nginx" / "pages", run / "pages")
    app_socket = run / "gunicorn.sock"
    app_socket.unlink(missing_ok=True)
    config = run / "nginx.conf"
    config.write_text(
        render(
            {
                "LISTEN": f"{args.host}:{args.port}",
                "SERVER_NAME": urlsplit(base_url).hostname or args.host,
                "UPSTREAM": f"unix:{app_socket}",
                "STATIC_ROOT": str(run / "static"),
                "PAGES_DIR": str(run / "pages"),
                "RUN_DIR": str(run),
            }
        ),
        encoding="utf-8",
    )
    environ = {
        **os.environ,
        "CATALOGUE_BASE_URL": base_url,
        "CATALOGUE_TRUSTED_PROXIES": "1",
        "GUNICORN_BIND": f"unix:{app_socket}",
    }
    gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
    app = subprocess.Popen([*gunicorn, "catalogue.web.wsgi:app"], cwd=ROOT, env=environ)
    if not _wait_for_socket(app_socket, app):
        app.terminate()
        print("serve-prod: gunicorn did not start (its messages are above)", file=sys.stderr)
        return 1
    proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(run), "-g", "daemon off;"])
    print(f"serve-prod: {base_url} (nginx on {args.host}:{args.port} → gunicorn on {app_socket})", flush=True)
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and app.poll() is None and proxy.poll() is None:
        time.sleep(0.2)
    for process in (proxy, app):
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT if process is proxy else signal.SIGTERM)  # both: graceful
    for process in (proxy, app):
        process.wait(timeout=40)
    if args.run_dir is None:
        shutil.rmtree(run, ignore_errors=True)
    return 0 if stopping else 1


def _wait_for_socket(path: Path, app: subprocess.Popen) -> bool:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and app.poll() is None:
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(path))
            return True
        except OSError:
            time.sleep(0.1)
    return False


if __name__ == "__main__":
    sys.exit(main())
