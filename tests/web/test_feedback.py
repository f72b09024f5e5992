"""Rating answers in the widget (Debian's Chromium, the real bot): 👎, a reason, a reload."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from monitoring.feedback import feedback_table
from tests.support.bot import PROJECT_ROOT
from tests.web.conftest import WidgetSite
from tests.web.test_widget import ask, stored_session, wait_for_reply, wait_online

pytestmark = [pytest.mark.web, pytest.mark.bot, pytest.mark.timeout(600)]

SHOT = PROJECT_ROOT / "reports" / "widget-rating.png"


@pytest.fixture()
def page(browser: Any, widget_site: WidgetSite) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 900, "height": 1100})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    try:
        yield page
    finally:
        context.close()


def _stored(site: WidgetSite) -> list[Any]:
    engine = create_engine(site.bot.env["TRACKER_DB_URL"], future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(
                select(feedback_table).where(feedback_table.c.conversation_id.like("web-%"))
            ).all()
    finally:
        engine.dispose()


def test_thumbs_down_with_a_reason_is_stored_and_shown_after_a_reload(
    page: Any, widget_site: WidgetSite
) -> None:
    from playwright.sync_api import expect

    page.goto(widget_site.page_url)
    wait_online(page)
    wait_for_reply(page, "ML Career Guide")
    expect(page.locator(".rating")).to_have_count(0)  # no rating under the greeting

    answer = ask(page, "What skills do ML engineers need?", "Python")
    rated = page.locator(".message.from-bot").filter(has=page.locator(".rating")).last
    expect(rated.locator(".bubble")).to_contain_text("Python")
    assert rated.locator(".bubble").inner_text() in answer
    down = rated.get_by_role("button", name="Not helpful")
    up = rated.get_by_role("button", name="Helpful", exact=True)
    expect(down).to_have_attribute("aria-pressed", "false")

    down.click()
    reasons = rated.get_by_role("group", name="What was wrong? (optional)")
    expect(reasons.get_by_role("button")).to_have_text(
        ["Wrong", "Not what I asked", "Too long", "Outdated"]
    )
    expect(down).to_have_attribute("aria-pressed", "true")
    rated.screenshot(path=str(SHOT.with_name("widget-rating-reasons.png")))
    reasons.get_by_role("button", name="Too long").click()
    expect(rated.locator(".rating-note")).to_have_text("Thanks for the feedback (too long)!")
    expect(reasons).to_have_count(0)  # asked once
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    rated.screenshot(path=str(SHOT))

    [row] = _stored(widget_site)
    assert (row.rating, row.reason) == ("down", "too_long")
    assert row.question == "What skills do ML engineers need?" and "Python" in row.answer
    # The conversation id is the server's, not the token the browser holds.
    assert row.conversation_id != stored_session(page)["sessionId"]
    assert stored_session(page)["sessionId"].startswith(row.conversation_id)

    page.reload()
    wait_online(page)
    rated = page.locator(".message.from-bot").filter(has=page.locator(".rating")).last
    expect(rated.get_by_role("button", name="Not helpful")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(rated.locator(".rating-note")).to_have_text("Thanks for the feedback (too long)!")
    expect(rated.locator(".reasons")).to_have_count(0)

    # The keyboard alone changes it; on a phone the buttons are 44 px targets.
    up = rated.get_by_role("button", name="Helpful", exact=True)
    up.focus()
    page.keyboard.press("Enter")
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(rated.get_by_role("button", name="Not helpful")).to_have_attribute(
        "aria-pressed", "false"
    )
    [row] = _stored(widget_site)
    assert (row.rating, row.reason) == ("up", None)
    page.set_viewport_size({"width": 375, "height": 667})
    for button in (up, rated.get_by_role("button", name="Not helpful")):
        box = button.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, box
    assert not page.problems
