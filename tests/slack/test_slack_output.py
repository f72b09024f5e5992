"""The Slack channel without a bot: mrkdwn, the output channel, settings, dedupe record."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from channels import slack
from channels.seen import RecentKeys
from channels.slack import SlackInput, SlackOutput, split_text, to_mrkdwn
from runtime.settings import SettingsError, reset
from tests.slack.fake_slack import FakeSlackApi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Salaries** in France", "*Salaries* in France"),
        ("__Salaries__ and *median* pay", "*Salaries* and _median_ pay"),
        ("~~old~~ figure", "~old~ figure"),
        ("R&D <teams> & more", "R&amp;D &lt;teams&gt; &amp; more"),
        (
            "see [the guide](https://example.com/a?b=1&c=2)",
            "see <https://example.com/a?b=1&amp;c=2|the guide>",
        ),
        ("ask <@U123> in <#C456>", "ask <@U123> in <#C456>"),
        ("no <!channel> pings", "no &lt;!channel&gt; pings"),
        ("# Salaries\n- junior\n* senior", "*Salaries*\n• junior\n• senior"),
        (
            "Salaries:\n• Junior: €50,000\n• Senior: £81,750",
            "Salaries:\n• Junior: €50,000\n• Senior: £81,750",
        ),
        ("2 * 3 * 4 = 24", "2 * 3 * 4 = 24"),
        ("`a<b && **c**`", "`a&lt;b &amp;&amp; **c**`"),
        ("> a quote\nx > y", "> a quote\nx &gt; y"),
    ],
)
def test_to_mrkdwn(text: str, expected: str) -> None:
    assert to_mrkdwn(text) == expected


def test_split_text_keeps_lines_whole_and_pieces_short() -> None:
    lines = [f"• line {i} " + "x" * 80 for i in range(100)]
    pieces = split_text("\n".join(lines), limit=1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert "\n".join(pieces) == "\n".join(lines)
    assert split_text("short") == ["short"]
    assert all(len(p) <= 50 for p in split_text("word " * 100, limit=50))


async def test_more_than_five_buttons_keeps_five_and_lists_the_rest(
    fake_slack: FakeSlackApi,
) -> None:
    output = SlackOutput("xoxb-test", "C1", api_url=fake_slack.url)
    buttons = [{"title": f"Option {i}", "payload": f'/choose{{"n": {i}}}'} for i in range(1, 8)]
    await output.send_response("C1", {"text": "Which **one**?", "buttons": buttons})

    [message] = fake_slack.messages("C1")
    section, actions = message["blocks"]
    assert section["text"] == {"type": "mrkdwn", "text": "Which *one*?\n• Option 6\n• Option 7"}
    assert [b["text"]["text"] for b in actions["elements"]] == [f"Option {i}" for i in range(1, 6)]
    assert actions["elements"][0]["value"] == '/choose{"n": 1}'
    assert len({b["action_id"] for b in actions["elements"]}) == 5
    assert message["text"] == section["text"]["text"]  # the notification text
    assert "thread_ts" not in message


async def test_replies_go_to_the_thread_and_stay_one_message(fake_slack: FakeSlackApi) -> None:
    output = SlackOutput("xoxb-test", "D1", "1700000000.000100", api_url=fake_slack.url)
    await output.send_response("D1", {"text": "First paragraph.\n\nSecond paragraph & more."})
    [message] = fake_slack.messages("D1")
    assert message["thread_ts"] == "1700000000.000100"
    assert message["text"] == "First paragraph.\n\nSecond paragraph &amp; more."
    assert message["mrkdwn"] is True
    assert fake_slack.calls[0].authorization == "Bearer xoxb-test"


async def test_long_button_titles_are_shortened(fake_slack: FakeSlackApi) -> None:
    output = SlackOutput("xoxb-test", "C2", api_url=fake_slack.url)
    await output.send_text_with_buttons("C2", "Pick", [{"title": "x" * 100, "payload": "/p"}])
    [button] = fake_slack.messages("C2")[0]["blocks"][1]["elements"]
    assert len(button["text"]["text"]) == 75


def test_slack_is_off_without_its_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLACK_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "")
    reset()
    assert slack.credentials_block() is None
    assert slack.credentials_block({"SLACK_TOKEN": "", "SLACK_SIGNING_SECRET": ""}) is None
    # One secret without the other: the settings refuse it, so no process starts half-configured.
    for one in ({"SLACK_SIGNING_SECRET": "secret"}, {"SLACK_TOKEN": "xoxb-1"}):
        with pytest.raises(SettingsError, match="Slack"):
            slack.credentials_block(one)


def test_credentials_name_the_secrets_and_rasa_resolves_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import rasa.shared.utils.io

    monkeypatch.setenv("SLACK_TOKEN", "xoxb-123")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cr3t")
    monkeypatch.setenv("SLACK_CHANNEL", "C0BOT")
    monkeypatch.setenv("SLACK_USE_THREADS", "true")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")
    reset()
    block = slack.credentials_block()
    assert block is not None
    path = tmp_path / "credentials.yml"
    path.write_text(yaml.safe_dump(block, sort_keys=False))
    text = path.read_text()
    assert "xoxb-123" not in text and "s3cr3t" not in text  # references, not secrets, on disk

    settings = rasa.shared.utils.io.read_config_file(path)["channels.slack.SlackInput"]
    assert settings["slack_token"] == "xoxb-123"
    channel = SlackInput.from_credentials(settings)
    assert isinstance(channel, SlackInput)
    assert (channel.slack_token, channel.slack_signing_secret) == ("xoxb-123", "s3cr3t")
    assert (channel.slack_channel, channel.use_threads) == ("C0BOT", True)
    output = channel.get_output_channel("D1", "1.2")
    assert isinstance(output, SlackOutput)
    assert output.client.base_url == "http://127.0.0.1:9/api/"
    assert output.thread_id == "1.2"


def test_recent_keys_answers_each_key_once_and_stays_bounded() -> None:
    seen = RecentKeys(max_size=3)
    assert seen.add_if_new(["event:1", "message:C:1.0"])
    assert not seen.add_if_new(["event:2", "message:C:1.0"])  # same message, other event id
    assert "event:2" not in seen  # nothing of a duplicate is recorded
    assert seen.add_if_new(["event:3"]) and seen.add_if_new(["event:4"])
    assert "event:1" not in seen and "event:4" in seen  # the oldest key was forgotten
