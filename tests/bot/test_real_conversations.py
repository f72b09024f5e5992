"""Conversations as people have them, one per class of failure seen with real users.

Short composed answers, context that follows the person, questions about the last answer,
several questions at once, in-domain questions that are not refused, honest gaps, French.
Every reply is checked for length too: nothing over 1,200 characters unless asked for more.
"""

from __future__ import annotations

import uuid

import pytest

from tests.support.bot import RunningBot

pytestmark = pytest.mark.bot

MAX_REPLY = 1200
# (message, must contain, must not contain, length cap)
Turn = tuple[str, list[str], list[str], int]
CLASSES: dict[str, list[Turn]] = {
    "composition: short, sourced, more and shorter": [
        ("so what does an ML engineer actually do?", ["Bessand"], ["…(", "Sources:"], 900),
        ("go on", ["More on the duties"], [], MAX_REPLY),
        ("too long, sum it up", ["In short"], [], 400),
    ],
    "context: filters follow the topic, a new topic starts anew": [
        ("what's the pay like for ml engineers in the US?", ["$80,000", "CBT Nuggets"], [], 900),
        ("for someone with 8 years?", ["$140,000", "$180,000"], ["$80,000"], MAX_REPLY),
        ("and over in the uk", ["£60,500"], ["$"], MAX_REPLY),
        ("which programming languages should I pick up?", ["Python"], ["£60,500"], MAX_REPLY),
        ("how much in germany", ["don't cover", "Germany"], ["€", "$", "£"], MAX_REPLY),
        ("fine, frnace then", ["€50,000", "Bessand"], ["Good luck"], MAX_REPLY),
        ("what's a normal day like for them", ["Morning"], ["€"], MAX_REPLY),
        ("ok and roughly what would i make starting out in the uk?", ["£60,500"], [], MAX_REPLY),
    ],
    "about the last answer": [
        ("ml engineer salaries in france please", ["€50,000"], [], MAX_REPLY),
        ("are those figures gross?", ["gross", "Bessand", "Bluecoders"], ["only cover"], 700),
        ("do they include bonuses?", ["don't cover", "bonuses"], ["only cover"], 700),
        ("what salary data are those based on", ["don't cover"], [], 700),
        ("now the US figures", ["$80,000"], [], MAX_REPLY),
        ("where do these numbers come from?", ["Glassdoor", "December 2024"], [], 700),
        ("what skills do i need", ["Python"], [], MAX_REPLY),
        ("which of those matters most?", ["single out", "Python (priority)"], [], 500),
        ("what certifications should i get? like aws or google ones?", ["certification"], [], 900),
        ("are they worth it?", ["In short"], ["don't cover that ("], 500),
        ("who earns more, an ml engineer or a data scientist?", ["don't cover"], ["$"], 500),
    ],
    "two questions at once, and a pasted background": [
        (
            "what's the typical salary in the uk and do i need a masters degree?",
            ["£60,500", "Master"],
            [],
            1600,
        ),
        (
            "I'm 35 and have worked in banking in Paris for ten years, mostly Excel reports. "
            "How would I move into ML engineering?",
            ["finance", "transition"],
            ["only cover"],
            MAX_REPLY,
        ),
        (
            'my son is 17 and wants to be an "ML engineer". what is that exactly and does he '
            "need university?",
            ["in production", "degree"],
            ["don't cover"],
            MAX_REPLY,
        ),
        (
            "hi! i'm a nurse, 29, thinking about switching into machine learning. is that crazy?",
            ["nurse", "transition well"],
            ["only cover"],
            MAX_REPLY,
        ),
        (
            "what do ml engineers earn in france, what about the uk, and in the us?",
            ["€50,000", "£60,500", "$80,000"],
            ["on its own"],
            MAX_REPLY,
        ),
        (
            "three things: what is an ml engineer, what's the salary in france, and what do "
            "they do all day?",
            ["€50,000"],
            [],
            MAX_REPLY,
        ),
    ],
    "a question the last answer's own sentences answer": [
        ("ml engineer vs data scientist, whats the difference", ["Data Scientist"], [], 900),
        ("wait so which of the two writes more code", ["just quoted", "more code"], [], 500),
    ],
    "figures asked in few words": [
        ("us salary for an ml engineer with 0-2 yrs experience?", ["$80,000"], ["€", "£"], 700),
        ("what remote options are there for ml engineers", ["remote"], [], MAX_REPLY),
        ("ok thx. whats the uk range anyway", ["£60,500"], ["don't cover"], 700),
        ("and the low and high end", ["£60,500", "£103,000"], ["only cover"], 700),
        ("ml engineer pay in france by level?", ["€50,000"], [], MAX_REPLY),
        ("and seniors can go up to how much", ["€150,000"], ["€50,000"], MAX_REPLY),
        ("where were the us numbers from again", ["Glassdoor"], ["Bessand"], 500),
    ],
    "a slip, a specialist, a source question, a stable career": [
        ("waht dose a mlops enginer do", ["MLOps Engineer"], ["only cover"], MAX_REPLY),
        ("is it a stable career?", ["outlook"], [], MAX_REPLY),
        ("who wrote these guides", ["5 published pages"], [], MAX_REPLY),
        (
            "ok what do certs do for you then, according to your sources",
            ["certifications"],
            ["only cover", "published pages"],
            MAX_REPLY,
        ),
    ],
    "a student in French, figures kept for one more answer": [
        ("c'est quoi le salaire d'un ingé ML junior en France ?", ["€50,000"], [], MAX_REPLY),
        ("et il faut quelles compétences ?", ["Python"], [], MAX_REPLY),
        ("c'est brut ou net ?", ["gross", "Bessand"], ["only cover"], 500),
    ],
    "a career changer of 45, then a terse one": [
        (
            "I'm 45, spent 20 years in army logistics, no degree. is it too late?",
            ["age"],
            ["senior is 5+ years"],
            MAX_REPLY,
        ),
        ("what would the first step be", ["Python"], [], MAX_REPLY),
        ("any cheap ways to learn?", ["online courses"], ["only cover"], MAX_REPLY),
        ("mle pay us seniors", ["$140,000"], ["€"], MAX_REPLY),
        ("vs uk", ["$140,000", "£60,500"], ["only cover"], MAX_REPLY),
        ("src", ["Glassdoor", "Jobs247"], ["only cover"], 500),
    ],
    "a data scientist's CV: what differs from the job they hold": [
        (
            "Here's my CV summary: MSc Physics (2019), 3 years as a data scientist at a retail "
            "company building demand forecasting models in Python/scikit-learn, some SQL, no "
            "cloud experience. What gaps should I fill to become an ML engineer?",
            ["ML engineer vs data scientist", "production"],
            ["only cover"],
            MAX_REPLY,
        ),
    ],
    "a hiring manager, then the job market and a pasted CV": [
        (
            "I'm a product manager and we're thinking of hiring our first ML engineer. what "
            "should I expect them to own?",
            ["Typical tasks include"],
            ["How to get started"],
            MAX_REPLY,
        ),
        ("and what does a senior one cost in the UK roughly", ["£60,500"], ["only cover"], 700),
        ("ok but are companies actually hiring right now", ["outlook"], ["I'm a bot"], MAX_REPLY),
        (
            "Here's my background: 6 years Java backend at a bank, Spring, Kafka, some Python "
            "scripting, AWS certified. No ML experience. Want to move into ML engineering. "
            "What should I do first?",
            ["How to get started"],
            ["didn't quite get"],
            MAX_REPLY,
        ),
        ("what certifications should I get", ["certification"], [], MAX_REPLY),
        ("are they expensive?", ["don't say what certifications cost"], ["More on"], 300),
        ("how 2 start", ["How to get started"], ["only cover"], MAX_REPLY),
    ],
    "an offer judged: no page judges one, the figures to set beside it": [
        (
            "is 70k good for a junior in france?",
            ["don't judge a particular offer", "€50,000"],
            ["only cover"],
            MAX_REPLY,
        ),
    ],
    "one page's figures, kept by a follow-up": [
        (
            "what salary ranges does bluecoders give for ml engineers",
            ["€120,000"],
            ["Bessand"],
            600,
        ),
        ("and for mid-level profiles specifically?", ["€70,000"], ["Bessand", "$"], 600),
        ("what about in the uk", ["£60,500"], [], MAX_REPLY),
    ],
    "which country pays most: every country side by side": [
        (
            "which country pays the most?",
            ["No source ranks", "€50,000", "£60,500", "$80,000", "in EUR"],
            [],
            MAX_REPLY,
        ),
        # Questions about the answer, and a new level, are of every country it showed.
        ("and is that gross?", ["Bessand", "gross", "CBT Nuggets"], [], 500),
        ("what about seniors?", ["€150,000", "$140,000", "£60,500"], ["€50,000"], MAX_REPLY),
        ("salary in france", ["€50,000"], [], MAX_REPLY),
        ("which is higher, that or the US?", ["€50,000", "$80,000", "in EUR"], ["£"], MAX_REPLY),
    ],
    "slips of the keyboard": [
        ("waht skils do ml enigneers need", ["Python"], ["only cover"], MAX_REPLY),
        # A slip in "much" once made this a refusal; the slip is mended before the NLU.
        ("how mcuh does a senior earn in the uk", ["£60,500"], ["only cover"], MAX_REPLY),
        ("whats the typicl salry in frnace", ["€50,000"], [], MAX_REPLY),
    ],
    "lists both ways, leads kept": [
        ("is this career right for me?", ["may suit you if", "may not suit you if"], [], 1200),
        ("who do they work with", ["They work with: Data Scientists"], [], 900),
    ],
    "in-domain questions are never refused": [
        ("any advice for ml engineering job interviews?", ["Interviews"], ["only cover"], 900),
        # Read as "what can you do?" at 0.57: a question about interviews all the same.
        ("what interview questions do your sources suggest?", ["Interviews"], ["I can tell"], 900),
        ("how should I negotiate the offer", ["Negotiate"], ["only cover"], 900),
        (
            # who it suits and who it does not, side by side
            "is it a good fit if i hate talking to stakeholders lol",
            ["stakeholder"],
            ["only cover"],
            MAX_REPLY,
        ),
        ("how do i show impact on my cv", ["impact"], ["only cover"], 900),
    ],
    "honest gaps": [
        ("how much does google pay its ml engineers", ["individual employers"], ["$80"], 400),
        ("whats the diff between an ml engineer and an ai engineer", ["don't compare"], [], 400),
        ("do ML engineers get visa sponsorship for relocating?", ["don't cover"], ["€"], 400),
        ("what's the cost of living in Toronto", ["don't cover"], ["$"], 400),
        # A subject in everyday words ("gender", "pay", "gap" are each too common to name one).
        ("is there a gender pay gap in this job?", ["don't cover", "gender pay gap"], [], 900),
        ("do ML engineers need to know C++?", ["don't cover", "C++", "Python"], [], 900),
        ("do they get parental leave?", ["don't cover", "parental leave"], ["only cover"], 400),
        # Two fields, not two roles: said plainly, the roles the sources do compare offered.
        (
            "what's the difference between AI and machine learning?",
            ["don't explain how AI and machine learning differ"],
            ["Which role"],
            400,
        ),
        ("and what about the weather in toronto", ["only cover"], [], 400),
    ],
    "french": [
        ("combien gagne un ingénieur ML en France ?", ["€50,000", "Bessand"], [], MAX_REPLY),
        ("quelles compétences faut-il avoir ?", ["Python"], ["didn't quite get"], MAX_REPLY),
        ("et pour le MLOps ?", ["MLflow"], ["didn't quite get"], MAX_REPLY),
    ],
}


def _say_and_check(bot: RunningBot, sender: str, turn: Turn) -> None:
    """Send one turn and check its reply: the facts it must and must not hold, its length."""
    message, must, must_not, cap = turn
    reply = bot.say(sender, message)
    for fact in must:
        assert fact.lower() in reply.lower(), f"{message!r}: missing {fact!r} in\n{reply}"
    for fact in must_not:
        assert fact.lower() not in reply.lower(), f"{message!r}: {fact!r} in\n{reply}"
    assert len(reply) <= cap, f"{message!r}: {len(reply)} characters\n{reply}"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_conversation_class(bot: RunningBot, name: str) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    for turn in CLASSES[name]:
        _say_and_check(bot, sender, turn)


def test_the_same_long_reply_is_never_sent_twice_in_a_row(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    first = bot.say(sender, "what about working part-time?")
    second = bot.say(sender, "and freelancing on the side?")
    assert first != second or len(first) < 300


def test_a_gap_after_a_country_without_figures_names_the_countries_once(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    assert "don't cover salaries in Portugal" in bot.say(
        sender, "what do ML engineers make in Portugal?"
    )
    reply = bot.say(sender, "is there a gender pay gap in this field?")
    assert "gender pay gap" in reply and "France" in reply, reply
    assert "Portugal" not in reply, reply


def test_another_roles_pay_that_no_page_gives_is_said_before_the_ml_engineers(
    bot: RunningBot,
) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    reply = bot.say(sender, "what do data scientists earn in the uk?")
    assert "don't cover" in reply and "data scientists' pay" in reply, reply
    assert "£60,500" in reply, reply
    # The pair just compared is what "which one" means; no page gives the other role's pay.
    bot.say(sender, "ml engineer vs data scientist")
    reply = bot.say(sender, "which one earns more in the US?")
    assert "can't say who earns more" in reply, reply


def test_what_the_figures_rest_on_is_told_before_any_figures(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    reply = bot.say(sender, "are these salary numbers even up to date?")
    for fact in ("Glassdoor", "December 2024", "Jobs247", "Bessand"):
        assert fact in reply, reply


def test_a_fourth_question_is_named_not_dropped(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    texts = [
        message.get("text") or ""
        for message in bot.send(
            sender,
            "what do they do, what do they earn, what skills do they need and how do i start?",
        )
    ]
    reply = "\n".join(texts)
    assert "Ask me this one on its own" in reply and "how do i start" in reply, reply
    assert len(reply) <= MAX_REPLY, reply


def test_pay_among_other_questions_is_one_line_per_source(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    reply = bot.say(
        sender,
        "my son is 16 and obsessed with AI. what should he study, what does the job pay, "
        "and is it a safe career",
    )
    assert "computer science" in reply.lower(), reply
    assert "France: €50,000 (junior) to €150,000+ (senior) — Bessand" in reply
    assert "outlook" in reply and "Ask me this one" not in reply, reply


def test_a_place_or_level_said_in_passing_after_pay_keeps_to_pay(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    assert "don't cover salaries in Germany" in bot.say(
        sender, "I live in Munich. What is the usual salary for ML engineers in Germany?"
    )
    assert "€50,000" in bot.say(sender, "ok then france, it's next door")
    other = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(other, "moving to sydney next year. what do ML engineers earn in australia?")
    reply = bot.say(other, "what about the senior ones over there")
    assert "Australia" in reply and "career path" not in reply.lower(), reply


def test_questions_worded_away_from_the_pages_find_their_answer(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    for message, fact in (
        ("got my first ml engineer interview next week, what do they usually test", "ambiguity"),
        ("what sort of person does well in it then", "may suit you"),
        ("should my projects go on github", "GitHub"),
        ("im in year 12, what should i study at uni", "computer science"),
        ("do ml engineers have to care about ethics and bias", "bias"),
    ):
        reply = bot.say(sender, message)
        assert fact.lower() in reply.lower(), f"{message!r}: missing {fact!r} in\n{reply}"
        assert "only cover" not in reply and "(elses)" not in reply, reply


def test_french_follow_ups_on_pay(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(sender, "combien gagne un ingénieur ML débutant aux États-Unis ?")
    assert "Glassdoor" in bot.say(sender, "c'est quelle source ?")
    other = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(other, "combien gagne un ml engineer en france ?")
    reply = bot.say(other, "et le salaire médian ?")
    assert "India" not in reply and "Inde" not in reply, reply


def test_figures_asked_in_another_currency_are_converted(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(sender, "salaire ml engineer usa")
    reply = bot.say(sender, "et en euros ça fait combien ?")
    assert "European Central Bank" in reply and "$80,000–$110,000 ≈ €" in reply, reply
    assert "pour quel niveau" not in reply
    reply = bot.say(sender, "c'est pour quel niveau ?")
    assert "one range per level" in reply, reply


def test_questions_about_a_typical_day_stay_on_it(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(sender, "what does a typical day look like")
    reply = bot.say(sender, "is that the same everywhere?")
    assert "workplace" in reply and "didn't quite get" not in reply, reply
    reply = bot.say(sender, "is that for juniors too")
    assert "€" not in reply and "salar" not in reply.lower(), reply
    reply = bot.say(sender, "which part of that is the most boring")
    assert "don't cover a ranking" in reply and "only cover" not in reply, reply


def test_questions_about_two_sources_figures(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(sender, "junior ml engineer salary france")
    assert "€45,000" in bot.say(sender, "and bluecoders says what?")
    reply = bot.say(sender, "why are they different")
    assert "name no survey" in reply and "maximize earnings" not in reply, reply
    other = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(other, "what does a mid level mle make in the states")
    assert "Glassdoor, as of December 2024" in bot.say(other, "is glassdoor reliable")


def test_follow_ups_on_what_the_last_answer_singled_out_or_compared(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(sender, "which languages does an ml engineer code in")
    bot.say(sender, "which of those matters most")
    reply = bot.say(sender, "how come that one?")
    assert "don't say why" in reply and "Python (priority)" in reply, reply
    other = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(other, "ml engineer pay in marseille")
    reply = bot.say(other, "does toulouse pay more?")
    assert "can't say whether it pays more or less" in reply and "€50,000" not in reply, reply
    third = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(third, "what industries pay ml engineers the most in the us")
    reply = bot.say(third, "and the uk, how does that look?")
    assert "UK careers guide" in reply and "in their own words" not in reply, reply


def test_what_a_range_measures_and_who_pays_its_top(bot: RunningBot) -> None:
    sender = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(sender, "ml engineer salary in the uk")
    reply = bot.say(sender, "so those are advertised salaries, not what people actually earn?")
    assert "vacancies advertised" in reply, reply
    other = f"real-{uuid.uuid4().hex[:12]}"
    bot.say(other, "senior ml engineer pay in france")
    reply = bot.say(other, "wow why so high? who pays that much")
    assert "internationally" in reply and "don't cover" not in reply, reply


def test_wordings_of_the_nineteenth_session(bot: RunningBot) -> None:
    checks = [
        ("thinking of jumping to ml engineering from accounting, do people manage it", "finance"),
        ("is ml eng a bad idea for me if i really hate meetings with stakeholders", "stakeholder"),
        ("could i one day start my own company with this", "startup"),
        ("what would an ml engineer make in palo alto", "Silicon Valley"),
        ("les maths c'est utile ? lesquelles ?", "probabilit"),
    ]
    for message, fact in checks:
        reply = bot.say(f"real-{uuid.uuid4().hex[:12]}", message)
        assert fact.lower() in reply.lower(), f"{message!r}: missing {fact!r} in\n{reply}"
        assert "only cover" not in reply and "didn't quite get" not in reply, reply


def test_conversations_of_the_twentieth_session(bot: RunningBot) -> None:
    """Turns of the nineteenth set's kind, in fresh words: each checked as a person reads it."""
    conversations = [
        [
            ("where do ml engineers work? offices? labs?", ["tech companies"], ["only cover"]),
        ],
        [
            ("how much do ml engineers make in the us", ["$140,000"], []),
            ("what does the + at the end mean", ["or more", "$180,000+"], ["only cover"]),
            ("and the bluecoders figure?", ["Bluecoders", "€"], ["only cover"]),
        ],
        [
            ("mid-level ml engineer salary in france?", ["€60,000"], []),
            ("and if i got promoted to senior there", ["€150,000"], ["career path"]),
        ],
        [
            ("what's the salary like in the uk", ["£60,500"], []),
            ("is there a breakdown by seniority? juniors vs seniors?", ["single range"], []),
        ],
        [
            ("where do the french salary figures come from?", ["no survey"], ["only cover"]),
        ],
        [
            ("what does a typical day look like", ["Morning"], []),
            ("whose schedule is that btw", ["CBT Nuggets"], ["only cover"]),
        ],
        [
            ("which frameworks do they use", ["PyTorch"], []),
            ("which of those should i learn first", ["priority"], ["only cover"]),
        ],
        [
            (
                "i paint portraits and love anything visual. is there an ML job about images? "
                "what would it involve?",
                ["Computer Vision"],
                ["only cover"],
            ),
        ],
        [
            ("how much would someone starting out get in scotland", ["£60,500"], []),
        ],
        [
            ("honestly is ML engineer just a rebranded software engineer job", ["Unlike"], []),
            ("which of those differences matters most for getting hired", [], ["salary"]),
        ],
        [
            ("im a nurse in dublin. any salary info for ireland?", ["don't cover"], []),
            ("ok then whats the closest thing you have", ["£60,500", "€50,000"], []),
        ],
        [
            ("my son wants to be an ML engineer", [], []),
            ("what does he earn in the first year in the us", ["$80,000"], ["$140,000"]),
        ],
        [
            (
                "whats the difference between an ML engineer and a data engineer? which one do "
                "i need for building pipelines?",
                ["pipeline"],
                ["Degrees"],
            ),
        ],
        [
            ("any figures for kenya?", ["don't cover"], []),
            ("what are the cheapest ways to learn then", ["online courses"], ["only cover"]),
        ],
    ]
    for turns in conversations:
        sender = f"real-{uuid.uuid4().hex[:12]}"
        for message, must, must_not in turns:
            _say_and_check(bot, sender, (message, must, must_not, MAX_REPLY))


def test_conversations_of_the_twenty_first_session(bot: RunningBot) -> None:
    """Turns of the twentieth set's kind, in fresh words: each checked as a person reads it."""
    conversations = [
        [
            (
                "what's a normal workday for an ML engineer like? mine is all spreadsheets",
                ["Morning"],
                ["don't cover"],
            ),
            ("and in the uk?", ["UK careers guide"], ["£60,500"]),
            ("how much do they earn there", ["£60,500"], []),
        ],
        [
            ("what kinds of ML engineer are there", ["Computer Vision"], []),
            ("which one does the self-driving car stuff", ["Deep Learning"], ["ranking"]),
        ],
        [
            ("senior ml engineer pay, all the figures you have", ["$140,000"], []),
            ("which of those are in euros", ["€150,000", "Bessand"], ["$"]),
        ],
        [
            ("what maths do ml engineers need", ["probability"], []),
            ("is calculus in there too? not my strong point", ["calculus"], ["don't cover"]),
        ],
        [
            ("do ml engineers work alone? who with?", ["Data Scientists"], ["didn't quite get"]),
        ],
        [
            (
                "ok: welder, 44, self-taught in python. is it too late, and what jobs could i "
                "aim for first?",
                ["don't cover age", "analyst"],
                ["(welder)", "only cover"],
            ),
        ],
        [
            ("how much do ml engineers make in the us", ["$80,000"], []),
            ("can you convert the UK midpoint into euros", ["£81,750", "€"], ["only cover"]),
        ],
        [
            ("ml engineer or mlops engineer, whats the difference", ["MLOps"], []),
            ("which of the two suits me if i like building models", ["build"], ["suit you if"]),
        ],
        [
            ("which industries hire ml engineers", ["finance"], []),
            ("is it the same in france?", ["Bessand"], ["only cover", "€50,000"]),
        ],
        [
            ("what's the pay in germany", ["don't cover"], []),
            ("just a rough idea then?", ["€50,000", "France"], []),
        ],
        [
            (
                "namaste from kathmandu. average ml engineer salary in nepal?",
                ["Nepal"],
                ["namaste"],
            ),
        ],
        [
            ("where do your salary numbers come from?", ["Glassdoor"], []),
            ("and which of them is the most reliable?", ["None of my sources says"], []),
        ],
        [
            ("do ml engineers use C++ at all", ["C++"], []),
            ("what about for games", ["games"], ["only cover"]),
        ],
        [
            ("whats the typical day like", ["Morning"], []),
            ("does that change when youre senior?", ["by level"], ["$140,000"]),
        ],
        [
            (
                "I took 6 years off to raise kids, before that I was a data analyst. Can I get "
                "back in as an ML engineer? What should I refresh first?",
                ["analyst"],
                ["didn't quite get", "only cover"],
            ),
        ],
        [
            ("what does a senior ML engineer cost in the US vs France?", ["$140,000"], []),
            ("which source is the french one", ["Bessand"], ["CBT Nuggets"]),
        ],
        [
            ("where do ml engineers usually work", ["tech companies"], []),
            ("now cram all that into something tiny", [], ["only cover", "didn't quite get"]),
        ],
        [
            ("what does google pay its ml engineers", ["Google"], []),
            ("and Netflix in the US?", ["Netflix", "$80,000"], ["only cover"]),
        ],
        [
            ("are the american salaries gross or take-home", ["$80,000"], []),
            ("and the UK ones, gross?", ["UK careers guide"], ["only cover"]),
        ],
        [
            ("im 16. should i do computer science or maths at uni for ML?", [], []),
            ("and what gcses/a levels matter", ["don't cover"], ["salary", "€"]),
        ],
    ]
    for turns in conversations:
        sender = f"real-{uuid.uuid4().hex[:12]}"
        for message, must, must_not in turns:
            _say_and_check(bot, sender, (message, must, must_not, MAX_REPLY))
