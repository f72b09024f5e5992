"""The widget embedded on another site with one script tag, in Debian's Chromium, against the bot.

The host site (http://localhost:<port>, another origin than the widget's server) is as hostile
as a real careers site can be by accident: it resets every element (``all: unset``), styles
``div``, ``button``, ``.message``, ``#chat``… with ``!important``, sets a tiny root font size,
defines globals with the widget's names (``io``, ``DEFAULTS``, an AMD ``define``) and serves a
strict Content-Security-Policy (no inline styles). The widget must work there, look like itself,
and leave the page exactly as it was. Then: the keyboard alone, a phone, and axe-core.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.bot import PROJECT_ROOT
from tests.web.conftest import WidgetSite, emoji_font_installed
from tests.web.test_widget import REPLY_TIMEOUT

pytestmark = [pytest.mark.web, pytest.mark.bot, pytest.mark.timeout(600)]

AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = PROJECT_ROOT / "reports"

HOST_CSS = """
html { font-size: 8px; }
body, body * { all: unset; display: block; }
body { margin: 40px; background: rgb(250, 240, 230); color: rgb(120, 0, 0);
       font: 22px/3 Georgia, serif; }
div { border: 5px solid red !important; padding: 30px !important; background: yellow !important; }
button { background: black !important; color: lime !important; font-size: 40px !important;
         width: 12px !important; height: 12px !important; position: static !important; }
input, form, section, ol, li, span, h2 { font-size: 50px !important; display: inline !important; }
#chat, .chat, .message, .bubble, .launcher, [hidden] { display: block !important;
         visibility: visible !important; color: blue !important; }
.message { margin-left: 333px !important; }
"""

HOST_JS = """
window.io = "the host's io";
window.DEFAULTS = "the host's DEFAULTS";
window.WIDGET_CSS = "the host's WIDGET_CSS";
window.ML_CAREER_GUIDE = { socketUrl: "http://evil.example" };
window.define = function () { window.hostDefineCalled = true; };
window.define.amd = {};
window.hostClicks = 0;
document.addEventListener("DOMContentLoaded", function () {
  document.getElementById("host-button").addEventListener("click", function () {
    window.hostClicks += 1;
  });
});
"""

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Careers at Example</title>
  <link rel="stylesheet" href="/host.css">
  <script src="/host.js"></script>
</head>
<body>
  <h1 id="host-title">Careers at Example</h1>
  <p class="message" id="host-message">We are hiring machine learning engineers.</p>
  <button id="host-button" type="button">Apply</button>
  <!-- The one line a site owner adds: -->
  <script src="{widget}/embed.js" data-socket-url="{socket}" data-title="Example Careers bot"
          data-primary-color="#0b6e4f" defer></script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def host_site(widget_site: WidgetSite) -> Iterator[str]:
    """Another site (another origin) with the embed snippet and a strict CSP."""
    page = HOST_PAGE.format(widget=widget_site.origin, socket=widget_site.socket_url).encode()
    rasa = urlsplit(widget_site.socket_url).netloc
    policy = (
        f"default-src 'self'; script-src 'self' {widget_site.origin}; style-src 'self'; "
        f"connect-src 'self' http://{rasa} ws://{rasa}; img-src 'self' https:"
    )
    files = {
        "/": (page, "text/html; charset=utf-8"),
        "/other-page": (page, "text/html; charset=utf-8"),
        # The same site without its hostile style sheet: a mobile-friendly page (the hostile
        # one overflows a phone's width by itself, so the phone zooms the whole page out).
        "/plain": (page.replace(b'href="/host.css"', b'href="/none.css"'), "text/html"),
        "/none.css": (b"body { margin: 8px; }", "text/css"),
        "/host.css": (HOST_CSS.encode(), "text/css"),
        "/host.js": (HOST_JS.encode(), "text/javascript"),
        "/favicon.ico": (b"\0", "image/x-icon"),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body, content_type = files.get(urlsplit(self.path).path, (b"", ""))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", content_type or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", widget_site.host_port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{widget_site.host_origin}/"
    finally:
        server.shutdown()
        server.server_close()


def new_page(browser: Any, **context_args: Any) -> Any:
    context = browser.new_context(**({"viewport": {"width": 1280, "height": 800}} | context_args))
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    return page


@pytest.fixture()
def page(browser: Any, host_site: str) -> Iterator[Any]:
    page = new_page(browser)
    try:
        yield page
    finally:
        page.context.close()


def in_widget(page: Any, script: str) -> Any:
    """Evaluate ``script`` (a function of the widget's shadow root) in the page."""
    return page.evaluate(
        f"() => ({script})(document.querySelector('ml-career-guide-widget').shadowRoot)"
    )


LAST_REPLY = """root => {
  const items = [...root.querySelectorAll('.chat-messages > li:not(.typing)')];
  const lastUser = items.map(li => li.classList.contains('from-user')).lastIndexOf(true);
  return items.slice(lastUser + 1).map(li => li.querySelector('.bubble').innerText).join('\\n');
}"""


def wait_for_reply(page: Any, *expected: str) -> str:
    """The bot's reply to the last user message, once it has ``expected`` and nothing more came."""
    deadline = time.monotonic() + REPLY_TIMEOUT
    text, stable_since = "", time.monotonic()
    while time.monotonic() < deadline:
        current = in_widget(page, LAST_REPLY)
        if current != text:
            text, stable_since = current, time.monotonic()
        elif text and all(e in text for e in expected) and time.monotonic() - stable_since > 1:
            return str(text)
        time.sleep(0.2)
    raise AssertionError(f"no reply containing {expected!r}; got {text!r}")


def focused(page: Any) -> str:
    """The focused element: inside the widget as ``widget:<class>``, else the page's tag#id."""
    return str(
        page.evaluate(
            """() => {
      const active = document.activeElement;
      if (active && active.tagName === 'ML-CAREER-GUIDE-WIDGET') {
        const inner = active.shadowRoot.activeElement;
        return 'widget:' + (inner ? inner.className : '');
      }
      return active ? active.tagName.toLowerCase() + '#' + active.id : '';
    }"""
        )
    )


HOST_LOOK = """() => {
  const body = getComputedStyle(document.body);
  const message = getComputedStyle(document.getElementById('host-message'));
  return {
    bodyMargin: body.marginTop, bodyBackground: body.backgroundColor, bodyFont: body.fontFamily,
    bodyColor: body.color, messageMargin: message.marginLeft, messageColor: message.color,
    rootFont: getComputedStyle(document.documentElement).fontSize,
    io: window.io, defaults: window.DEFAULTS, css: window.WIDGET_CSS,
    defineCalled: window.hostDefineCalled || false,
    widgets: document.querySelectorAll('ml-career-guide-widget').length,
  };
}"""


def test_one_script_tag_on_a_hostile_site(
    page: Any, host_site: str, widget_site: WidgetSite
) -> None:
    from playwright.sync_api import expect

    page.goto(host_site)
    before = page.evaluate(HOST_LOOK)
    launcher = page.locator(".launcher")
    expect(launcher).to_be_visible()
    assert page.locator(".chat").is_hidden()  # closed until asked
    box = launcher.bounding_box()
    assert box["width"] == 60 and box["height"] == 60  # the host's 12 px buttons did not apply
    assert box["x"] + 60 == 1280 - 20 and box["y"] + 60 == 800 - 20  # in the corner

    launcher.click()
    expect(page.locator(".chat")).to_be_visible()
    expect(page.locator(".chat-status")).to_have_attribute("data-state", "online")
    greeting = wait_for_reply(page, "ML Career Guide")
    assert "which source" in greeting
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "widget-embedded-greeting.png"))
    assert focused(page) == "widget:chat-input"

    # The widget looks like itself: the host's rules for div, button, .message… did not apply.
    look = in_widget(
        page,
        """root => {
      const style = selector => getComputedStyle(root.querySelector(selector));
      const panel = root.querySelector('.chat').getBoundingClientRect();
      return {
        panelWidth: panel.width, inputFont: style('.chat-input').fontSize,
        replyFont: style('.quick-reply').fontSize, replyBackground: style('.quick-reply').backgroundColor,
        bubbleBackground: style('.from-bot .bubble').backgroundColor,
        bubbleBorder: style('.from-bot .bubble').borderTopWidth,
        messageMargin: style('.message').marginLeft, bubbleColor: style('.from-bot .bubble').color,
        header: style('.chat-header').backgroundColor, font: style('.widget').fontFamily,
      };
    }""",
    )
    assert look["panelWidth"] == 390
    assert look["inputFont"] == "16px" and look["replyFont"] == "15px"
    assert look["replyBackground"] == "rgb(255, 255, 255)"
    assert look["bubbleBackground"] == "rgb(241, 243, 247)" and look["bubbleBorder"] == "0px"
    assert look["messageMargin"] == "0px" and look["bubbleColor"] == "rgb(29, 35, 48)"
    assert look["header"] == "rgb(11, 110, 79)"  # data-primary-color
    assert "system-ui" in look["font"]

    # A conversation: a quick reply, a question and its follow-up.
    page.get_by_role("button", name="Salaries").click()
    assert focused(page) == "widget:chat-input"  # back in the input, not on <body>
    wait_for_reply(page)
    page.locator(".chat-input").fill("How much do ML engineers earn in France?")
    page.locator(".chat-input").press("Enter")
    wait_for_reply(page, "€50,000", "Bessand")
    page.locator(".chat-input").fill("and in the UK?")
    page.locator(".chat-input").press("Enter")
    wait_for_reply(page, "£60,500")
    expect(page.locator(".message.from-user .delivery").last).to_have_text("Delivered")
    shown = page.locator(".chat-messages > li").all_inner_texts()

    # The host page is untouched, and its own button still works.
    after = page.evaluate(HOST_LOOK)
    assert after == before and after["widgets"] == 1
    assert before["io"] == "the host's io" and not after["defineCalled"]
    assert before["bodyMargin"] == "40px" and before["messageMargin"] == "333px"
    page.locator("#host-button").click(force=True)
    assert page.evaluate("() => window.hostClicks") == 1

    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "widget-embedded-open.png"))

    # Reload, then another page of the site: the conversation and the open panel are there.
    for url in (host_site, host_site + "other-page"):
        page.goto(url)
        expect(page.locator(".chat")).to_be_visible()
        expect(page.locator(".chat-status")).to_have_attribute("data-state", "online")
        assert page.locator(".chat-messages > li").all_inner_texts() == shown
    page.locator(".chat-input").fill("what about seniors?")
    page.locator(".chat-input").press("Enter")
    assert "single range" in wait_for_reply(page, "£60,500")

    # Closed stays closed.
    page.locator(".chat-close").click()
    page.reload()
    expect(page.locator(".launcher")).to_be_visible()
    assert page.locator(".chat").is_hidden()
    page.screenshot(path=str(REPORTS / "widget-embedded-closed.png"))

    # Everything came from the host, the widget's server and Rasa; the CSP was never violated.
    hosts = {urlsplit(url).netloc for url in page.requests}
    assert hosts <= {
        f"localhost:{widget_site.host_port}",
        f"127.0.0.1:{widget_site.web_port}",
        f"127.0.0.1:{widget_site.rasa_port}",
    }
    assert page.problems == []


def test_keyboard_only(page: Any, host_site: str) -> None:
    page.goto(host_site)
    page.locator(".launcher").wait_for()
    for _ in range(10):  # the host's own button first, then the launcher
        page.keyboard.press("Tab")
        if focused(page) == "widget:launcher":
            break
    assert focused(page) == "widget:launcher"
    page.keyboard.press("Enter")
    assert focused(page) == "widget:chat-input"
    wait_for_reply(page, "ML Career Guide")

    page.keyboard.type("What skills do ML engineers need?")
    page.keyboard.press("Enter")
    wait_for_reply(page, "Python")
    # Back from the input to the answer's last quick reply, and choose it.
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "widget:quick-reply"
    chosen = page.evaluate(
        "() => document.querySelector('ml-career-guide-widget').shadowRoot.activeElement.textContent"
    )
    page.keyboard.press("Enter")
    assert focused(page) == "widget:chat-input"
    wait_for_reply(page)
    assert page.locator(".message.from-user .bubble").last.inner_text() == chosen

    # Escape closes the panel and gives the focus back to the launcher.
    page.keyboard.press("Escape")
    assert page.locator(".chat").is_hidden()
    assert focused(page) == "widget:launcher"
    page.keyboard.press("Enter")
    assert page.locator(".chat").is_visible() and focused(page) == "widget:chat-input"
    assert page.problems == []


def test_a_phone(browser: Any, host_site: str, widget_site: WidgetSite) -> None:
    """375×667: the panel takes the screen, the input is on it, every target is 44 px."""
    page = new_page(browser, viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    try:
        page.goto(host_site + "plain")
        page.screenshot(path=str(REPORTS / "widget-phone-closed.png"))
        page.locator(".launcher").tap()
        wait_for_reply(page, "ML Career Guide")
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / "widget-phone-greeting.png"))
        panel = page.locator(".chat").bounding_box()
        assert panel == {"x": 0, "y": 0, "width": 375, "height": 667}
        input_box = page.locator(".chat-input").bounding_box()
        assert input_box["y"] + input_box["height"] <= 667 and input_box["height"] >= 44
        header = page.locator(".chat-header").bounding_box()
        assert header["height"] <= 64  # one line: the header does not wrap
        for selector in (".quick-reply", ".chat-send", ".chat-reset", ".chat-close"):
            for box in (b.bounding_box() for b in page.locator(selector).all()):
                assert box["height"] >= 44 and box["width"] >= 44, selector

        # A long answer: its start is in view, with the question above it.
        page.locator(".chat-input").fill("What does an ML engineer do?")
        page.locator(".chat-input").press("Enter")
        wait_for_reply(page)
        view = in_widget(
            page,
            """root => {
          const log = root.querySelector('.chat-log').getBoundingClientRect();
          const users = root.querySelectorAll('.message.from-user');
          const question = users[users.length - 1];
          const answer = question.nextElementSibling.getBoundingClientRect();
          const all = root.querySelector('.chat-messages').lastElementChild.getBoundingClientRect();
          return {logTop: log.top, logBottom: log.bottom, answerTop: answer.top,
                  answerEnd: all.bottom, questionTop: question.getBoundingClientRect().top};
        }""",
        )
        assert view["answerEnd"] - view["answerTop"] > view["logBottom"] - view["logTop"], (
            "the answer should be longer than the screen for this check"
        )
        assert view["logTop"] <= view["answerTop"] < view["logBottom"]
        assert view["logTop"] <= view["questionTop"]
        page.screenshot(path=str(REPORTS / "widget-phone-open.png"))
        page.locator(".chat-close").tap()

        # The standalone page at phone size: the input is on the first screen.
        page.goto(widget_site.page_url)
        page.locator(".chat-status[data-state=online]").wait_for()
        box = page.locator(".chat-input").bounding_box()
        assert box["y"] + box["height"] <= 667
        assert page.problems == []
    finally:
        page.context.close()


AXE_RUN = """async selector => {
  const result = await axe.run(selector ? { include: [[selector]] } : document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  });
  return result.violations.map(v => ({ id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => n.target.join(' ')) }));
}"""


@pytest.mark.parametrize("where", ["embedded", "standalone"])
def test_axe_finds_no_a_or_aa_violation(
    browser: Any, host_site: str, widget_site: WidgetSite, where: str
) -> None:
    assert AXE.exists(), "axe-core is a pinned devDependency in web/package.json: run `make web`"
    for viewport in ({"width": 1280, "height": 800}, {"width": 375, "height": 667}):
        page = new_page(browser, viewport=viewport)
        try:
            if where == "embedded":
                page.goto(host_site)
                page.locator(".launcher").click()
            else:
                page.goto(widget_site.page_url)
            wait_for_reply(page, "ML Career Guide")
            page.locator(".chat-input").fill("salary in france")
            page.locator(".chat-input").press("Enter")
            wait_for_reply(page, "Bessand")
            # Injected through the DevTools protocol: the pages' CSPs do not apply to it.
            page.evaluate(AXE.read_text(encoding="utf-8"))
            selector = "ml-career-guide-widget" if where == "embedded" else None
            violations = page.evaluate(AXE_RUN, selector)
            assert violations == [], json.dumps(violations, indent=1)
        finally:
            page.context.close()


def test_with_storage_disabled_the_conversation_still_works(browser: Any, host_site: str) -> None:
    """A browser that refuses localStorage: nothing survives a reload, but nothing breaks."""
    from playwright.sync_api import expect

    page = new_page(browser)
    page.add_init_script(
        """for (const name of ['getItem', 'setItem', 'removeItem']) {
      Storage.prototype[name] = () => { throw new DOMException('denied', 'SecurityError'); };
    }"""
    )
    try:
        page.goto(host_site)
        page.locator(".launcher").click()
        wait_for_reply(page, "ML Career Guide")
        page.locator(".chat-input").fill("How much do ML engineers earn in France?")
        page.locator(".chat-input").press("Enter")
        wait_for_reply(page, "€50,000")
        page.locator(".chat-input").fill("and in the UK?")
        page.locator(".chat-input").press("Enter")
        wait_for_reply(page, "£60,500")
        expect(page.locator(".message.from-user")).to_have_count(2)
        texts = page.locator(".message.from-bot .bubble").all_inner_texts()
        assert "ML Career Guide" in texts[0] and any("€50,000" in t for t in texts)
        expect(page.locator(".message.from-user .delivery").last).to_have_text("Delivered")
        assert page.problems == []
    finally:
        page.context.close()


def test_the_greetings_emoji_is_drawn_in_colour(browser: Any) -> None:
    """An emoji font is installed (``ensure-system-packages.sh emoji-font``) and Chromium uses it:
    the greeting's 👋 is drawn in colour, not as an empty box."""
    if not emoji_font_installed():
        pytest.skip("no emoji font installed (fonts-noto-color-emoji needs root and apt-get)")
    page = browser.new_page()
    try:
        coloured = page.evaluate(
            """() => {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 64;
          const context = canvas.getContext('2d');
          context.font = '48px sans-serif';
          context.textBaseline = 'top';
          context.fillText('👋', 4, 4);
          const pixels = context.getImageData(0, 0, 64, 64).data;
          let coloured = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            const [r, g, b, a] = pixels.slice(i, i + 4);
            if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
          }
          return coloured;
        }"""
        )
    finally:
        page.close()
    assert coloured > 200, f"👋 drawn with {coloured} coloured pixels: no colour emoji font"
