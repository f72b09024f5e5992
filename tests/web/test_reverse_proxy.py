"""Debian's nginx with deploy/nginx.conf.template in front of the bot and the widget page.

What the README's deployment section promises: only the public paths, the body limit, the
per-client rate limit, the socket.io upgrade, and Rasa's HTTP API out of reach.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from string import Template

import pytest

from tests.conftest import PROJECT_ROOT
from tests.support.postgres import free_port
from tests.web.conftest import WidgetSite

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx.conf.template"


def _request(url: str, body: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, body, {"content-type": "application/json"} if body else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def proxy(widget_site: WidgetSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (apt-get install nginx) — skipped")
    root = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        LISTEN=f"127.0.0.1:{port}",
        SERVER_NAME="localhost",
        RASA=f"127.0.0.1:{widget_site.rasa_port}",
        PAGE=f"127.0.0.1:{widget_site.web_port}",
        TEMP=str(root),
    )
    # pytest's folders are private to this user: nginx's workers run as it too (as root,
    # nginx would otherwise switch them to "nobody", who cannot write the temp folder).
    user = "user root;\n" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(user + config, encoding="utf-8")
    process = subprocess.Popen(
        [
            nginx,
            "-p",
            str(root),
            "-c",
            str(root / "nginx.conf"),
            "-g",
            f"daemon off; pid {root / 'nginx.pid'}; error_log {root / 'error.log'};",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if _request(f"{url}/config.js")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, (root / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def _message(text: str, sender: str | None = None) -> bytes:
    return json.dumps({"sender": sender or f"px-{uuid.uuid4().hex[:8]}", "message": text}).encode()


def test_the_bot_and_the_page_answer_through_the_proxy(proxy: str) -> None:
    status, body = _request(f"{proxy}/webhooks/rest/webhook", _message("salary in france"))
    assert status == 200 and b"Bessand" in body
    assert _request(f"{proxy}/")[0] == 200
    # The embed script and the bundle it names, as another site loads them.
    status, loader = _request(f"{proxy}/embed.js")
    assert status == 200
    bundle = re.search(rb'"(/widget\.[0-9a-f]{16}\.js)"', loader)
    assert bundle is not None
    status, body = _request(f"{proxy}{bundle[1].decode()}")
    assert status == 200 and b"session_request" in body
    status, body = _request(f"{proxy}/socket.io/?EIO=4&transport=polling")
    assert status == 200 and b'"sid"' in body  # the socket.io handshake reaches Rasa


def test_rasa_api_and_other_paths_are_out_of_reach(proxy: str) -> None:
    for path in ("/status", "/conversations/someone/tracker", "/model", "/server.py", "/web/"):
        assert _request(f"{proxy}{path}")[0] == 404, path


def test_an_oversized_body_is_refused_by_the_proxy(proxy: str) -> None:
    status, _ = _request(f"{proxy}/webhooks/rest/webhook", _message("x" * 40_000))
    assert status == 413


def test_a_burst_from_one_address_is_limited_and_the_bot_still_answers(proxy: str) -> None:
    url = f"{proxy}/webhooks/rest/webhook"
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: _request(url, _message("hello"))[0], range(40)))
    assert 429 in statuses and 200 in statuses
    time.sleep(3)  # the per-client rate refills (2 a second)
    status, body = _request(url, _message("salary in france"))
    assert status == 200 and b"Bessand" in body
