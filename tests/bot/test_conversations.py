"""Conversations with the real bot over its REST channel, checking what the answers say."""

from __future__ import annotations

import uuid

import pytest

from tests.support.bot import RunningBot

pytestmark = pytest.mark.bot

# Each conversation: list of (user message, facts the reply must contain, facts it must not).
CONVERSATIONS: dict[str, list[tuple[str, list[str], list[str]]]] = {
    "greeting": [("hey there", ["ML Career Guide"], [])],
    # Bare place names after a salary answer: the classifier alone reads them as small talk.
    "bare city follow-ups": [
        ("what do ml engineers earn in france", ["€50,000"], []),
        ("ok london", ["£60,500", "UK careers guide"], ["Good luck", "Hi!"]),
        ("mumbai", ["don't cover salaries in Mumbai", "India"], ["Hi!"]),
    ],
    "goodbye": [("ok bye for now", ["Good luck"], [])],
    "thanks": [("thanks a lot, that was useful", ["welcome"], [])],
    "bot challenge": [("am i talking to a real person?", ["bot"], [])],
    "capabilities": [("what can you help me with", ["salaries", "career paths"], [])],
    "role": [("so what exactly is a machine learning engineer", ["Bluecoders", "model"], [])],
    "duties": [("what are the main responsibilities of an ml engineer", ["duties", "models"], [])],
    "typical day": [
        ("describe a normal workday for an ML engineer", ["Morning", "CBT Nuggets"], [])
    ],
    "skills": [("which skills do i need to become an ML engineer?", ["Python"], ["Sources:"])],
    "soft skills": [("what soft skills matter in this job", ["Communication"], [])],
    "maths": [("how much math do ml engineers need", ["linear algebra"], [])],
    "languages": [
        ("which programming languages should i learn for ml engineering", ["Python", "SQL"], [])
    ],
    "tools": [("what frameworks and tools do ml engineers use", ["PyTorch", "TensorFlow"], [])],
    "cloud": [("do ml engineers need cloud skills like aws", ["Azure", "GCP"], [])],
    "big data": [("is big data like hadoop or spark needed", ["Hadoop", "Spark"], [])],
    "education": [("what degree do I need to be an ml engineer", ["Master", "bachelor"], [])],
    "no degree": [("can i become an ML engineer without a degree", ["not the only route"], [])],
    "online courses": [("are online courses like coursera enough", ["Coursera"], [])],
    "certifications": [
        (
            "which certifications should an ml engineer get",
            ["no specific", "CBT Nuggets"],
            ["AWS Certified", "TensorFlow Developer"],
        )
    ],
    "salary overview": [
        ("how much do ml engineers earn", ["€50,000", "$80,000", "£60,500", "Bluecoders"], [])
    ],
    "salary france": [
        (
            "what's the salary of an ML engineer in France",
            ["€50,000", "Bessand", "Bluecoders", "different figures"],
            [],
        )
    ],
    "salary london": [
        (
            "ml engineer pay in london?",
            ["£60,500", "£103,000", "£81,750", "UK careers guide"],
            ["€"],
        )
    ],
    "salary unknown country": [
        (
            "how much does an ml engineer make in germany",
            ["Germany", "France", "United Kingdom", "United States"],
            ["€", "$", "£"],
        )
    ],
    "salary factors": [("what affects how much an ML engineer gets paid", ["sector"], [])],
    "career path": [
        ("what's the career progression for an ml engineer", ["Head of AI", "AI CTO"], [])
    ],
    "specialisations": [
        (
            "what kinds of ml engineers are there",
            ["Computer Vision Engineer", "Deep Learning Engineer"],
            [],
        )
    ],
    "one specialisation": [
        (
            "tell me about computer vision engineers",
            ["Computer Vision Engineer", "image recognition"],
            ["Deep Learning Engineer"],
        )
    ],
    "vs data scientist": [
        (
            "what's the difference between an ml engineer and a data scientist",
            ["A Data Scientist may spend more time"],
            [],
        )
    ],
    "vs mlops": [
        ("ml engineer vs mlops engineer?", ["An MLOps Engineer keeps ML systems reliable"], [])
    ],
    "getting started": [
        ("how do i get into machine learning engineering", ["learning Python"], [])
    ],
    "from finance": [
        ("I work in finance, how can I switch to ML engineering?", ["finance", "transition"], [])
    ],
    "industries": [("which industries hire ml engineers", ["healthcare"], [])],
    "workplace": [("can ml engineers work remotely", ["remotely"], [])],
    "outlook": [("is there demand for ml engineers, what's the job outlook", ["outlook"], [])],
    "suitability": [
        ("would this career suit me?", ["UK careers guide", "suit you if", "not suit you if"], [])
    ],
    "sources": [
        ("where does your information come from", ["Bessand", "CBT Nuggets", "Danielle Antosz"], [])
    ],
    "out of scope weather": [("what's the weather in paris tomorrow", ["only cover"], ["€"])],
    "out of scope other job": [
        ("how much does a nurse earn in the uk", ["only cover"], ["£60,500"])
    ],
    "out of scope recipe": [("give me a recipe for pancakes", ["only cover"], [])],
    "salary follow-ups": [
        ("salary for ml engineers in france?", ["€50,000", "Bessand"], []),
        ("and in the UK?", ["£60,500", "UK careers guide"], ["€50,000"]),
        ("what about seniors?", ["£60,500", "single range"], []),
        ("same for the US", ["$140,000", "CBT Nuggets"], ["$80,000"]),
    ],
    "compare follow-ups": [
        (
            "how is an ml engineer different from a data scientist",
            ["A Data Scientist may spend"],
            [],
        ),
        (
            "and from a software engineer?",
            ["software engineer", "UK careers guide"],
            [],
        ),
    ],
    "topic switch keeps working": [
        ("what does a typical day look like", ["Morning"], []),
        ("ok and what do juniors earn in the US", ["$80,000", "$110,000"], ["$140,000"]),
        ("thanks!", ["welcome"], []),
        ("what skills do they need", ["Python"], []),
        ("and soft skills?", ["Communication"], []),
    ],
    "typos and casual": [
        ("wat do ml enginers earn in the states", ["$80,000", "CBT Nuggets"], []),
        ("skils needed?? 🤔", ["Python"], []),
    ],
}


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_conversation(bot: RunningBot, name: str) -> None:
    sender = f"test-{uuid.uuid4().hex[:12]}"
    for message, must, must_not in CONVERSATIONS[name]:
        reply = bot.say(sender, message)
        for fact in must:
            assert fact.lower() in reply.lower(), f"{message!r}: missing {fact!r} in\n{reply}"
        for fact in must_not:
            assert fact.lower() not in reply.lower(), (
                f"{message!r}: unexpected {fact!r} in\n{reply}"
            )


def test_at_least_forty_conversations() -> None:
    assert len(CONVERSATIONS) >= 40


def test_buttons_are_offered_as_follow_ups(bot: RunningBot) -> None:
    replies = bot.send(f"test-{uuid.uuid4().hex[:8]}", "hello")
    buttons = [b for r in replies for b in r.get("buttons") or []]
    assert {"title": "Salaries", "payload": "/ask_salary"} in buttons


def test_a_button_payload_is_answered(bot: RunningBot) -> None:
    reply = bot.say(f"test-{uuid.uuid4().hex[:8]}", '/ask_salary{"country": "FR"}')
    assert "€50,000" in reply and "Bessand" in reply


def test_buttons_with_entities_carry_json_payloads_that_work(bot: RunningBot) -> None:
    """domain.yml doubles the braces so Rasa's template filling leaves the JSON intact."""
    sender = f"test-{uuid.uuid4().hex[:8]}"
    replies = bot.send(sender, "what is a machine learning engineer")
    buttons = {b["title"]: b["payload"] for r in replies for b in r.get("buttons") or []}
    assert buttons["vs data scientist"] == '/compare_role{"role": "data scientist"}'
    reply = bot.say(sender, buttons["vs data scientist"])
    assert "Data Scientist" in reply and "UK careers guide" in reply
    assert "interpolator" not in (bot.log_dir / "rasa.log").read_text(errors="replace")
