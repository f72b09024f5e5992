"""The chat widget: the real bot with the widget page served beside it, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from serving.launcher import page_service
from tests.support.bot import MODEL, PROJECT_ROOT, RunningBot, _http_ok, running_bot
from tests.support.postgres import free_port

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# The network is closed: nothing in the background may try to reach Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WEB_DIR = PROJECT_ROOT / "web"
SOCKET_IO_CLIENT = WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "web: the website chat widget (socket.io channel, page, Debian's Chromium)"
    )


@dataclass
class WidgetSite:
    """The bot, its socket.io endpoint and the widget page, all on loopback."""

    bot: RunningBot
    page_url: str  # http://127.0.0.1:<web port>/ — an origin the socket accepts
    origin: str
    socket_url: str
    web_port: int
    rasa_port: int
    host_origin: str  # http://localhost:<host port>: another site, embedding the widget
    host_port: int


def _require(what: str, hint: str) -> None:
    if os.environ.get("REQUIRE_CHROMIUM"):
        pytest.fail(f"REQUIRE_CHROMIUM is set but {what}")
    pytest.skip(f"{what} — {hint}")


def emoji_font_installed() -> bool:
    """Whether fontconfig knows an emoji font (Chromium falls back to it for emoji)."""
    if shutil.which("fc-list") is None:
        return False
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    return "emoji" in fonts.lower()


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium, installed on the spot when missing and possible (root + apt-get).

    With it an emoji font (``fonts-noto-color-emoji``): without one the greeting's emoji is an
    empty box in the screenshots.
    """
    if not CHROMIUM.exists() or not emoji_font_installed():
        subprocess.run(
            [str(PROJECT_ROOT / "scripts" / "ensure-system-packages.sh"), "chromium", "emoji-font"],
            cwd=PROJECT_ROOT,
            timeout=900,
            check=False,
        )
    if not CHROMIUM.exists():
        _require(
            f"{CHROMIUM} is missing and could not be installed",
            "install it with `sudo apt-get install chromium`; the widget tests are skipped",
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def widget_assets() -> Path:
    """The socket.io client from the npm registry (`make web`; installed here when missing)."""
    if not SOCKET_IO_CLIENT.exists():
        if shutil.which("npm") is None:
            _require(
                "npm is not installed, so the widget's JavaScript is missing",
                "install Node.js and npm, then run `make web`",
            )
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=WEB_DIR,
            timeout=300,
            check=True,
        )
    return SOCKET_IO_CLIENT


@pytest.fixture(scope="session")
def widget_site(widget_assets: Path) -> Iterator[WidgetSite]:
    """The trained bot (socket.io limited to the page's origin) and the page server."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: `make test` trains it first (make train)")
    web_port, host_port = free_port(), free_port()
    origin = f"http://127.0.0.1:{web_port}"
    # The page's own origin and one other site's (tests/web/test_embed.py serves it).
    host_origin = f"http://localhost:{host_port}"
    allowed = f"{origin},{host_origin}"
    with running_bot(extra_env={"WEB_ALLOWED_ORIGINS": allowed, "WEB_PORT": str(web_port)}) as bot:
        rasa_port = urlsplit(bot.url).port
        assert rasa_port is not None and bot.settings is not None
        log = bot.log_dir / "web.log"
        server = subprocess.Popen(
            page_service(bot.settings).command,  # the launcher's page server, as make run starts it
            cwd=PROJECT_ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 30
            while not _http_ok(f"{origin}/config.js"):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the widget page server did not start:\n{log.read_text()}")
                time.sleep(0.2)
            yield WidgetSite(
                bot, f"{origin}/", origin, bot.url, web_port, rasa_port, host_origin, host_port
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download: `executable_path`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            yield browser
        finally:
            browser.close()
