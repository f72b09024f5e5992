"""The website chat widget in Debian's Chromium, against the real bot over socket.io.

One conversation as a person would have it (greeting, a topic button, a question and its
follow-up, a reload, the conversation going on), then the page's safety: bot text is never HTML,
links are built safely, only the configured origin may use the socket, nothing is loaded from
anywhere but the page's own server.
"""

from __future__ import annotations

import gzip
import http.client
import json
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.bot import PROJECT_ROOT
from tests.web.conftest import WidgetSite

pytestmark = [pytest.mark.web, pytest.mark.bot, pytest.mark.timeout(600)]

REPORT_SHOT = PROJECT_ROOT / "reports" / "widget.png"
REPLY_TIMEOUT = 60  # seconds; a turn takes ~1 s, but the machine is shared

# The bot's messages after the user's last one, as the person sees them.
# The widget lives in the shadow root of its one element (Playwright's CSS selectors pierce it).
LAST_REPLY_JS = """() => {
  const root = document.querySelector('ml-career-guide-widget').shadowRoot;
  const items = [...root.querySelectorAll('.chat-messages > li:not(.typing)')];
  const lastUser = items.map(li => li.classList.contains('from-user')).lastIndexOf(true);
  return items.slice(lastUser + 1).map(li => li.querySelector('.bubble').innerText).join('\\n');
}"""


@pytest.fixture()
def page(browser: Any, widget_site: WidgetSite) -> Iterator[Any]:
    """A fresh browser profile (empty localStorage) on the widget page; collects problems."""
    context = browser.new_context(viewport={"width": 900, "height": 1100})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.problems = []  # console errors (CSP violations included) and uncaught exceptions
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    try:
        yield page
    finally:
        context.close()


def wait_for_reply(page: Any, *expected: str, timeout: float = REPLY_TIMEOUT) -> str:
    """The bot's reply to the last user message once it contains ``expected`` and is complete."""
    deadline = time.monotonic() + timeout
    text, stable_since = "", time.monotonic()
    while time.monotonic() < deadline:
        current = page.evaluate(LAST_REPLY_JS)
        if current != text:
            text, stable_since = current, time.monotonic()
        # Rasa sends a turn's messages one by one: wait until nothing new came for a second.
        elif all(e in text for e in expected) and time.monotonic() - stable_since > 1.0:
            return text
        time.sleep(0.2)
    raise AssertionError(f"no reply containing {expected!r} within {timeout:.0f}s; got {text!r}")


def ask(page: Any, question: str, *expected: str) -> str:
    page.fill("#chat-input", question)
    page.press("#chat-input", "Enter")
    return wait_for_reply(page, *expected)


def wait_online(page: Any) -> None:
    page.wait_for_selector('.chat-status[data-state="online"]')


def stored_session(page: Any) -> dict[str, Any]:
    return json.loads(page.evaluate("() => localStorage.getItem('ml-career-guide:conversation')"))


def test_a_conversation_survives_a_reload(page: Any, widget_site: WidgetSite) -> None:
    from playwright.sync_api import expect

    page.goto(widget_site.page_url)
    wait_online(page)

    # The greeting comes from the bot, with its topics as quick-reply buttons.
    greeting = wait_for_reply(page, "ML Career Guide")
    assert "which source" in greeting
    quick_replies = page.locator(".quick-reply")
    expect(quick_replies).to_have_text(
        ["What does an ML engineer do?", "Salaries", "Skills needed", "How to get started"]
    )

    # A click on a quick reply sends its payload and shows its title.
    page.get_by_role("button", name="Skills needed").click()
    expect(page.locator(".message.from-user .bubble").last).to_have_text("Skills needed")
    skills = wait_for_reply(page, "Python", "Skills ML engineers need")
    assert "/ask_skills" not in skills
    expect(quick_replies).to_contain_text(["Soft skills", "Maths"])  # the new answer's buttons
    expect(page.get_by_role("button", name="How to get started")).to_have_count(0)

    # A question, then a follow-up that only makes sense in context.
    france = ask(page, "How much do ML engineers earn in France?", "€50,000", "Bessand")
    assert "Bluecoders" in france
    uk = ask(page, "and in the UK?", "£60,500", "UK careers guide")
    assert "€50,000" not in uk
    # Rasa acknowledged every message (its mark would otherwise change on reload).
    expect(page.locator(".message.from-user .delivery").last).to_have_text("Delivered")
    session_id = stored_session(page)["sessionId"]
    shown_before = page.locator(".chat-messages > li").all_inner_texts()

    # Reload: the same conversation is on screen and goes on with the same context (GB).
    page.reload()
    wait_online(page)
    expect(page.locator(".chat-messages > li")).to_have_count(len(shown_before))
    assert page.locator(".chat-messages > li").all_inner_texts() == shown_before
    assert stored_session(page)["sessionId"] == session_id
    seniors = ask(page, "what about seniors?", "£60,500", "single range")
    assert "€" not in seniors and "$" not in seniors
    # Without that context the same words get another answer: the context made the difference.
    fresh = widget_site.bot.say(f"fresh-{uuid.uuid4().hex}", "what about seniors?")
    assert "single range" not in fresh and "€" in fresh

    # The whole conversation came from the page's own server and Rasa: no CDN, no third party.
    hosts = {urlsplit(url).netloc for url in page.requests}
    assert hosts <= {f"127.0.0.1:{widget_site.web_port}", f"127.0.0.1:{widget_site.rasa_port}"}
    assert any(url.endswith("/embed.js") for url in page.requests)
    assert any(urlsplit(url).path.startswith("/widget.") for url in page.requests)
    assert page.problems == []

    REPORT_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(REPORT_SHOT), full_page=True)
    assert REPORT_SHOT.stat().st_size > 10_000

    # "New conversation" forgets it all: a new session, a new greeting, no old context.
    page.get_by_role("button", name="New conversation").click()
    wait_for_reply(page, "ML Career Guide")
    expect(page.locator(".message.from-user")).to_have_count(0)
    assert stored_session(page)["sessionId"] not in (None, session_id)
    again = ask(page, "what about seniors?", "Bessand", "CBT Nuggets")
    assert "single range" not in again


def test_bot_text_is_never_html_and_links_are_safe(page: Any, widget_site: WidgetSite) -> None:
    """A crafted bot message, injected into the real socket, is shown as plain text."""
    routes: list[Any] = []
    from_page: list[str] = []

    def route(ws: Any) -> None:
        server = ws.connect_to_server()  # messages from the server pass through untouched

        def forward(message: str | bytes) -> None:
            from_page.append(message if isinstance(message, str) else "")
            server.send(message)

        ws.on_message(forward)
        routes.append(ws)

    page.route_web_socket("**/socket.io/**", route)
    page.goto(widget_site.page_url)
    wait_online(page)
    wait_for_reply(page, "ML Career Guide")
    # socket.io starts on HTTP long-polling and upgrades: wait for the upgrade ("5").
    deadline = time.monotonic() + 20
    while "5" not in from_page:
        assert time.monotonic() < deadline, f"the socket never upgraded to WebSocket: {from_page}"
        page.wait_for_timeout(200)

    crafted = (
        'Salary <b>bold</b> & <img src=x onerror="window.__pwned=1"> '
        "<script>window.__pwned=2</script> see https://careers.example/guide. "
        "or [the guide](https://careers.example/a?b=1) but not [this](javascript:alert(1)) "
        "nor javascript:window.__pwned=3"
    )
    packet = "42" + json.dumps(
        [
            "bot_uttered",
            {
                "text": crafted,
                "quick_replies": [{"title": "<i>Click</i>", "payload": "/ask_salary"}],
            },
        ]
    )
    routes[-1].send(packet)

    bubble = page.locator(".message.from-bot .bubble").last
    bubble.wait_for()
    assert bubble.inner_text().startswith("Salary <b>bold</b> & <img src=x onerror=")
    assert "<script>window.__pwned=2</script>" in bubble.inner_text()
    assert bubble.locator("b, img, script, i").count() == 0
    assert page.evaluate("() => window.__pwned") is None

    links = bubble.locator("a")
    assert links.count() == 2
    first, second = links.nth(0), links.nth(1)
    assert first.get_attribute("href") == "https://careers.example/guide"  # no final "."
    assert first.inner_text() == "https://careers.example/guide"
    assert second.get_attribute("href") == "https://careers.example/a?b=1"
    assert second.inner_text() == "the guide"
    for link in (first, second):
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in (link.get_attribute("rel") or "")
    assert "[this](javascript:alert(1))" in bubble.inner_text()

    # Simple formatting, built as elements: bold, a bulleted list, lines; HTML still text.
    routes[-1].send(
        "42"
        + json.dumps(
            [
                "bot_uttered",
                {
                    "text": "**Salaries** in <b>France</b>:\n• Junior: **€45,000**\n"
                    "- Senior: see https://careers.example/s\n\nSource: Bessand",
                },
            ]
        )
    )
    formatted = page.locator(".message.from-bot .bubble").last
    formatted.locator("ul.bullets").wait_for()
    assert formatted.locator("strong").all_inner_texts() == ["Salaries", "€45,000"]
    assert formatted.locator("ul.bullets > li").all_inner_texts() == [
        "Junior: €45,000",
        "Senior: see https://careers.example/s",
    ]
    assert formatted.locator("ul.bullets a").get_attribute("href") == "https://careers.example/s"
    assert formatted.locator("b").count() == 0 and "<b>France</b>" in formatted.inner_text()
    # The hanging indent: a bullet's second line starts under its text, not under the bullet.
    indent = formatted.locator("ul.bullets").evaluate("e => getComputedStyle(e).paddingLeft")
    assert indent != "0px"

    button = page.locator(".quick-reply").last
    assert button.inner_text() == "<i>Click</i>"
    assert button.locator("i").count() == 0
    # The injected button still works as a quick reply.
    button.click()
    wait_for_reply(page, "€50,000")
    assert page.problems == []


def _handshake(
    site: WidgetSite, origin: str | None, transport: str
) -> tuple[int, dict[str, str], str]:
    """A raw engine.io handshake with the given Origin header (None: no header)."""
    connection = http.client.HTTPConnection("127.0.0.1", site.rasa_port, timeout=10)
    headers = {} if origin is None else {"Origin": origin}
    if transport == "websocket":
        headers |= {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        }
    try:
        connection.request("GET", f"/socket.io/?EIO=4&transport={transport}", headers=headers)
        response = connection.getresponse()
        body = response.read(200).decode(errors="replace") if response.status != 101 else ""
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def test_only_the_configured_origin_may_use_the_socket(
    browser: Any, widget_site: WidgetSite
) -> None:
    evil = "http://evil.example"
    for transport in ("polling", "websocket"):
        status, _, body = _handshake(widget_site, evil, transport)
        assert status == 400, transport
        assert "not an accepted origin" in body

    status, headers, body = _handshake(widget_site, widget_site.origin, "polling")
    assert status == 200 and '"sid"' in body
    assert headers["access-control-allow-origin"] == widget_site.origin
    status, _, _ = _handshake(widget_site, widget_site.origin, "websocket")
    assert status == 101

    # The same page from an origin not on the list (localhost instead of 127.0.0.1): the
    # browser's socket is refused and the widget says it can't reach the assistant.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://localhost:{widget_site.web_port}/")
        page.wait_for_selector('.chat-status[data-state="offline"]', timeout=30_000)
        assert "Can't reach" in page.locator(".chat-status").inner_text()
        assert page.locator(".message.from-bot:not(.typing)").count() == 0
    finally:
        context.close()


def page_server_get(
    site: WidgetSite, path: str, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    """One GET to the page server: status, lower-cased headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", site.web_port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_the_page_server_serves_only_the_widget(widget_site: WidgetSite) -> None:
    def get(path: str) -> tuple[int, dict[str, str], bytes]:
        return page_server_get(widget_site, path)

    status, headers, body = get("/")
    assert status == 200 and b'<script src="/embed.js" data-mode="inline"' in body
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and f"*:{widget_site.rasa_port}" in policy
    status, _, body = get("/config.js")
    # The page opens its socket on its own host at Rasa's port: nothing from the Host header.
    assert status == 200 and f'"rasaPort": {widget_site.rasa_port}'.encode() in body
    for path in (
        "/package.json",
        "/node_modules/socket.io-client/package.json",
        "/server.py",
        "/../README.md",
        "/public/",
        "/public/widget.js",
        "/widget.js",
        "/widget.0000000000000000.js",
    ):
        assert get(path)[0] == 404, path
    assert Path(PROJECT_ROOT / "web" / "package-lock.json").exists()


def test_the_embed_scripts_load_from_any_site_compressed_and_cached(
    widget_site: WidgetSite,
) -> None:
    """/embed.js: small, revalidated; the bundle it names: long-cached; both cross-origin."""

    def get(path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        return page_server_get(
            widget_site, path, **({"Origin": "https://careers.example"} | headers)
        )

    status, headers, loader = get("/embed.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert headers["cache-control"] == "no-cache" and headers["etag"]
    assert headers["access-control-allow-origin"] == "*"
    assert headers["cross-origin-resource-policy"] == "cross-origin"
    assert len(loader) < 1500
    assert get("/embed.js", **{"If-None-Match": headers["etag"]})[0] == 304

    bundle_path = json.loads(loader.split(b"new URL(")[1].split(b",")[0])
    assert bundle_path.startswith("/widget.") and bundle_path.endswith(".js")
    status, headers, gzipped = get(bundle_path, **{"Accept-Encoding": "gzip, br"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["access-control-allow-origin"] == "*"
    assert "accept-encoding" in headers["vary"].lower()
    bundle = gzip.decompress(gzipped)
    # The budget: the whole widget, socket.io client included, under 60 KB compressed.
    assert len(gzipped) < 60_000, len(gzipped)
    assert b"Socket.IO v4" in bundle and b"session_request" in bundle
    assert b"sourceMappingURL" not in bundle
    # The name is the content's: the same bytes, uncompressed, under the same name.
    status, _, plain = get(bundle_path)
    assert status == 200 and plain == bundle
    revalidate = {"If-None-Match": headers["etag"], "Accept-Encoding": "gzip"}
    assert get(bundle_path, **revalidate)[0] == 304


def test_a_forged_host_changes_nothing_served(widget_site: WidgetSite) -> None:
    for path in ("/config.js", "/"):
        connection = http.client.HTTPConnection("127.0.0.1", widget_site.web_port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": "evil.example:666"})
            response = connection.getresponse()
            served = response.read() + str(response.getheaders()).encode()
        finally:
            connection.close()
        assert response.status == 200 and b"evil" not in served


def test_slow_clients_cannot_hold_the_page_server(widget_site: WidgetSite) -> None:
    """Hundreds of half-sent requests: each is hung up on, and the page is still served."""
    import socket as sockets

    from web.server import MAX_CONNECTIONS, REQUEST_SECONDS

    slow = []
    for _ in range(MAX_CONNECTIONS + 40):
        client = sockets.create_connection(("127.0.0.1", widget_site.web_port), timeout=5)
        client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        slow.append(client)
    try:
        # Trickling one byte at a time does not keep a connection past the deadline.
        deadline = time.monotonic() + REQUEST_SECONDS + 5
        while time.monotonic() < deadline:
            for client in slow[:5]:
                try:
                    client.sendall(b"X")
                except OSError:
                    pass
            time.sleep(1)
        with urllib.request.urlopen(f"{widget_site.origin}/config.js", timeout=10) as response:
            assert response.status == 200
        for client in slow[:5]:
            client.settimeout(5)
            assert client.recv(1024) == b""  # hung up on
    finally:
        for client in slow:
            client.close()
