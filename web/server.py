"""Serve the chat widget (``python web/server.py``; ``make run`` starts it).

A few fixed files and nothing else (no directory listing, no ``node_modules`` browsing):

* ``/embed.js`` — the loader a site adds with one ``<script>`` tag. Small and revalidated on
  every load (``no-cache`` + ``ETag``), it adds the widget bundle below to the page.
* ``/widget.<hash>.js`` — the widget: ``public/widget.js``, ``public/widget.css`` and the
  socket.io client installed from the npm registry (``npm ci`` in ``web/``), wrapped into one
  script that defines no global name. Its name carries a hash of its content, so it is cached
  for a year. Both scripts may be loaded by pages of any origin (``WEB_ALLOWED_ORIGINS`` gates
  the socket, not the scripts).
* ``/`` — the standalone chat page, built on the same bundle; ``/page.css``, ``/favicon.svg``;
  ``/config.js``, where the Rasa socket.io endpoint is (kept for pages written before
  ``/embed.js``).

Text responses are gzip-compressed when the browser accepts it. Standard library only, so it
runs before and beside Rasa.

Environment (or the matching options): ``WEB_HOST`` (default ``127.0.0.1``), ``WEB_PORT``
(``8080``), ``RASA_PORT`` (``5005``; the widget then opens its socket on the host name it was
loaded from, at that port) or ``WEB_SOCKET_URL`` (the full URL of the Rasa server as the
browser reaches it). Nothing served depends on the request's ``Host`` header, which a client
chooses.

Slow clients cannot hold the server: a connection has ``REQUEST_SECONDS`` in all to send its
request (a byte at a time no longer keeps it open), and at most ``MAX_CONNECTIONS`` are served
at once; more are closed at once.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WEB_DIR = Path(__file__).resolve().parent
if str(WEB_DIR.parent) not in sys.path:  # `python web/server.py` puts web/, not the project, first
    sys.path.insert(0, str(WEB_DIR.parent))

from runtime.settings import current  # noqa: E402 (needs the path above)

logger = logging.getLogger("web.server")

SOCKET_IO_CLIENT = WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
PUBLIC = WEB_DIR / "public"
JAVASCRIPT = "text/javascript; charset=utf-8"
FILES: dict[str, tuple[Path, str]] = {
    "/": (PUBLIC / "index.html", "text/html; charset=utf-8"),
    "/index.html": (PUBLIC / "index.html", "text/html; charset=utf-8"),
    "/page.css": (PUBLIC / "page.css", "text/css; charset=utf-8"),
    "/favicon.svg": (PUBLIC / "favicon.svg", "image/svg+xml"),
}
BUNDLE_SOURCES = (SOCKET_IO_CLIENT, PUBLIC / "widget.css", PUBLIC / "widget.js")
CACHE_FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Settings:
    """Where the page is served and where its socket goes."""

    host: str
    port: int
    rasa_port: int
    socket_url: str | None

    @classmethod
    def from_args(cls, argv: list[str] | None = None) -> Settings:
        """Options override the settings (``runtime.settings``)."""
        settings = current()
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--host", default=settings.WEB_HOST)
        parser.add_argument("--port", type=int, default=settings.WEB_PORT)
        parser.add_argument("--rasa-port", type=int, default=settings.RASA_PORT)
        parser.add_argument("--socket-url", default=settings.WEB_SOCKET_URL)
        args = parser.parse_args(argv)
        return cls(args.host, args.port, args.rasa_port, args.socket_url)


REQUEST_SECONDS = 10
MAX_CONNECTIONS = 64


def page_config(settings: Settings) -> dict[str, object]:
    """What ``/config.js`` tells the page: the socket URL, or the port to use on its own host."""
    if settings.socket_url:
        return {"socketUrl": settings.socket_url.rstrip("/"), "socketPath": "/socket.io"}
    return {"socketUrl": None, "rasaPort": settings.rasa_port, "socketPath": "/socket.io"}


def connect_sources(settings: Settings) -> str:
    """The page's allowed connections (CSP): the configured socket URL, or any host at the port."""
    if settings.socket_url:
        url = settings.socket_url.rstrip("/")
        return f"{url} ws{url[len('http') :]}"
    return f"http://*:{settings.rasa_port} ws://*:{settings.rasa_port}"


def _json_for_script(value: object) -> str:
    """JSON inside JS: "<" escaped so the value can never close a <script> element."""
    return json.dumps(value).replace("<", "\\u003c")


def build_bundle(settings: Settings) -> tuple[str, bytes]:
    """The widget script and its content-hashed path (``/widget.<hash>.js``).

    The socket.io client is UMD: given a local ``module``, it exports itself there instead of
    setting ``window.io`` (or calling a host page's AMD ``define``). ``widget.js`` then runs
    with ``io``, ``WIDGET_CSS`` and ``DEFAULTS`` as local names: the host page's globals are
    neither read nor written.
    """
    client, css, widget = (path.read_text(encoding="utf-8") for path in BUNDLE_SOURCES)
    client = client.replace("//# sourceMappingURL=socket.io.min.js.map", "")
    body = (
        "/*! ML Career Guide chat widget. Includes socket.io-client (MIT License). */\n"
        "(function () {\n"
        "var module = { exports: {} }, exports = module.exports, define;\n"
        f"{client}\n"
        ";var io = module.exports;\n"
        f"var WIDGET_CSS = {_json_for_script(css)};\n"
        f"var DEFAULTS = {_json_for_script(page_config(settings))};\n"
        f"(function () {{\n{widget}\n}})();\n"
        "})();\n"
    ).encode()
    return f"/widget.{hashlib.sha256(body).hexdigest()[:16]}.js", body


def build_loader(bundle_path: str) -> bytes:
    """``/embed.js``: adds the bundle, with the loader's ``data-*`` attributes, to the page."""
    return (
        "/*! ML Career Guide chat widget loader */\n"
        "(function () {\n"
        '  "use strict";\n'
        "  var me = document.currentScript;\n"
        "  if (!me) return;\n"
        "  var script = document.createElement('script');\n"
        f"  script.src = new URL({_json_for_script(bundle_path)}, me.src).href;\n"
        "  for (var i = 0; i < me.attributes.length; i += 1) {\n"
        "    var attribute = me.attributes[i];\n"
        "    if (attribute.name.indexOf('data-') === 0) {\n"
        "      script.setAttribute(attribute.name, attribute.value);\n"
        "    }\n"
        "  }\n"
        "  if (me.nonce) script.nonce = me.nonce;\n"
        "  (document.head || document.documentElement).appendChild(script);\n"
        "})();\n"
    ).encode()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def make_handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to these settings."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "MLCareerGuideWidget"
        sys_version = ""
        timeout = REQUEST_SECONDS  # each read; the whole request is bounded in handle()

        def handle(self) -> None:
            # A deadline for the whole exchange: a client sending a byte now and then would
            # otherwise reset the read timeout forever.
            deadline = threading.Timer(REQUEST_SECONDS, self._hang_up)
            deadline.start()
            try:
                super().handle()
            except OSError:
                pass  # hung up on, or the client went away
            finally:
                deadline.cancel()

        def _hang_up(self) -> None:
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._respond(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(with_body=False)

        def _respond(self, *, with_body: bool) -> None:
            path = urlsplit(self.path).path
            cache = "no-cache"
            shared = False  # may another origin's page load it (the widget's scripts)
            if path == "/config.js":
                body = (
                    "window.ML_CAREER_GUIDE = " + _json_for_script(page_config(settings)) + ";\n"
                ).encode()
                content_type = JAVASCRIPT
            elif path == "/embed.js" or (path.startswith("/widget.") and path.endswith(".js")):
                try:
                    bundle_path, bundle = build_bundle(settings)
                except FileNotFoundError as error:
                    logger.error("%s is missing (run the set-up: make run)", error.filename)
                    self.send_error(500, "Widget files missing: run the set-up (make run)")
                    return
                if path == "/embed.js":
                    body = build_loader(bundle_path)
                elif path == bundle_path:
                    body, cache = bundle, CACHE_FOREVER
                else:
                    self.send_error(404)  # an older bundle: /embed.js names the current one
                    return
                content_type, shared = JAVASCRIPT, True
            elif path in FILES:
                file, content_type = FILES[path]
                try:
                    body = file.read_bytes()
                except FileNotFoundError:
                    logger.error("%s is missing (run the set-up: make run)", file)
                    self.send_error(500, "Widget files missing: run the set-up (make run)")
                    return
            else:
                self.send_error(404)
                return
            encoding = None
            if len(body) > 512 and "gzip" in self.headers.get("Accept-Encoding", ""):
                body, encoding = gzip.compress(body, compresslevel=9, mtime=0), "gzip"
            etag = _etag(body)
            if etag in self.headers.get("If-None-Match", ""):
                self.send_response(304)
                self._common_headers(etag, cache, shared)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self._common_headers(etag, cache, shared)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            # A second line of defence behind the widget's text-only rendering: no inline
            # script, no script or connection anywhere but here and the Rasa server.
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
                f"connect-src 'self' {connect_sources(settings)}; base-uri 'none'; "
                "form-action 'none'; frame-ancestors 'none'",
            )
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _common_headers(self, etag: str, cache: str, shared: bool) -> None:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", cache)
            self.send_header("Vary", "Accept-Encoding")
            if shared:
                # Any site may embed the widget: its scripts load cross-origin (and under
                # Cross-Origin-Embedder-Policy); the socket still checks WEB_ALLOWED_ORIGINS.
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Cross-Origin-Resource-Policy", "cross-origin")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            logger.debug("%s %s", self.address_string(), format % args)

    return Handler


class BoundedServer(ThreadingHTTPServer):
    """A thread per connection, at most ``MAX_CONNECTIONS`` at once; the rest closed at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own, if one is free; else close it."""
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve, then free the connection's slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_args(argv)
    if not SOCKET_IO_CLIENT.exists():
        logger.error("%s is missing: run `npm ci` in web/ (make run does)", SOCKET_IO_CLIENT)
        return 1
    server = BoundedServer((settings.host, settings.port), make_handler(settings))
    server.daemon_threads = True
    shown = "localhost" if settings.host in ("127.0.0.1", "0.0.0.0", "::") else settings.host
    print(f"Chat widget: http://{shown}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
