"""Split a message into the questions it asks and the statements around them.

People ask two things at once ("what do they earn in the uk and what degree do i need?") and
paste a few lines about themselves before their question. A classifier gives one intent per
message, so the message is split first: sentences, then clauses that start a new question
("… and what …", "… and also …", "; …"). Statements ("I'm 40, ten years in accounting") are
kept apart: they are context for the answers, not questions.

Plain functions on text, shared by the NLU component (which routes a message with several
questions to the answer that handles them) and the channels (which classify each question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUESTIONS = 3
# The intent a message that asks several questions is given (the answer action splits it).
SEVERAL_INTENT = "ask_several"
QUESTION_WORDS = (
    r"what|what's|whats|how|how's|hows|which|where|when|why|who|do|does|did|is|are|can|could|should|"
    r"would|will|am(?=\s+i\b)|any|tell me|explain|quel|quelle|quels|quelles|comment|combien|"
    r"est-ce|faut-il|pourquoi|où"
)
# A question may open with a word of reaction ("fine, what does it pay in france then").
_OPENERS = (
    r"(?:(?:ok|okay|fine|so|right|alright|hmm|ugh|well|cool|great|nice|thanks|bon|ah|oh)\W+){0,2}"
)
_STARTS_QUESTION = re.compile(
    rf"^\s*{_OPENERS}(?:and\s+|also\s+|plus\s+|et\s+)?"
    # "from when is that", "in which countries": a preposition before the question word
    r"(?:(?:from|since|for|in|with|by|to|at|of)\s+(?=(?:when|what|which|whom|who|where|how)\b))?"
    rf"(?:{QUESTION_WORDS})\b",
    re.I,
)
# Sentences end at ?, ! or . before a space, at a line break, and before a number that
# enumerates ("1) is maths a good base 2) what should i learn next").
# A colon ends a sentence when a question follows it ("3 quick ones: can u work remote, …").
_SENTENCE_END = re.compile(
    rf"(?<=[?!.])\s+|\n+|\s+(?=\(?\d{{1,2}}\)\s)|(?<=:)\s+(?=(?:{QUESTION_WORDS})\b)", re.I
)
# "…kids are grown up now. Q: is it too late for me": a label, not part of the question.
_QUESTION_LABEL = re.compile(r"(?<!\w )(?<!\w)\b(q|question)\s*:\s*", re.I)
_ENUMERATOR = re.compile(r"^\(?\d{1,2}[).]\s+")
# A clause boundary that starts a new question: "and what…", "and also…", "; how…", ", also…".
_CLAUSE_BOUNDARY = re.compile(
    # ("is it all about tools or also how i think?" is one question: "or also" offers a choice)
    rf"(?<!\bor)(?:\s*[;,]\s*|\s+)(?:and\s+also|and|also|plus|et)\s+(?=(?:{QUESTION_WORDS})\b)"
    r"|\s*;\s*(?=(?:what|how|which|where|when|why|is|are|do|does|can|should)\b)"
    # After a comma only a wh-question starts anew: ", is that a separate job?" is about the
    # same thing as the clause before it.
    r"|\s*,\s*(?=(?:what|how|which|where|when|why)\b)"
    # "what maths does ml need, do i need a degree", "is coursera legit, am i too old": the
    # person asking about themselves starts a question of their own.
    r"|\s*,\s*(?=(?:do|am|should|can|could|will|must)\s+i\s)"
    # "…, what about the uk, and in the us?": after a comma, "and in/for" asks again.
    r"|\s*,\s*and\s+(?=(?:in|for)\s)"
    r"|\s+and\s+also\s+"
    # "what languages should i learn + which cloud platforms matter?"
    rf"|\s+[+&]\s+(?=(?:{QUESTION_WORDS})\b)",
    re.I,
)
# "I'd like to know…", "tell me…": a request is a question without a question mark.
# ("I'd like to become an ML engineer." says who is asking: a wish, not a request.)
_REQUEST = re.compile(
    r"\b(?:want|like|need|love) to (?:know|understand|learn)\b|\bwonder"
    # ("i brew beer in munich and im curious" asks nothing more)
    r"|\bcurious (about|what|how|if|whether|why|to|as to|which|where|when)\b"
    r"|\btell me\b|\bexplain\b|(\bi'?d like\b|\bj'aimerais\b|\bje voudrais\b)"
    r"(?! (to )?(become|be|get into|move|switch|work|transition|change|devenir|être|travailler"
    r"|me reconvertir|changer)\b)",
    re.I,
)
MIN_QUESTION_CHARS = 8
# How to answer, not what: "explain like im not technical", "in simple terms please", "eli5".
STYLE_REQUEST = re.compile(
    r"[,;:(]?\s*\b(please\s+|pls\s+|can you\s+|could you\s+)?"
    r"(explain\s+(it\s+|this\s+|that\s+)?(to me\s+)?(like|as if|as though)\s+(i'?m|im|i am|i was"
    r"|i were|you'?re talking to)\s+[\w\s'-]{1,30}?"
    r"|(in|using)\s+(simple|plain|layman'?s?|basic|easy|non[- ]technical)\s+(terms|english|words"
    r"|language)"
    r"|eli5|keep it (simple|short|brief)|(simply|briefly) put"
    r"|for (a|an)\s+(non[- ]?techie|layman|layperson|beginner|complete beginner|dummy|dummies"
    r"|5[- ]year[- ]old|five[- ]year[- ]old)"
    r"|(i'?m|im|i am) not (very |that |really )?(technical|techy|a techie|a tech person))"
    r"(\s+(please|pls|thanks|thx))?\s*[).!?]*\s*$",
    re.I,
)


# What the person drops before asking: "ok forget the visa, what's the pay there".
DISMISSAL = re.compile(
    r"^\W*((ok|okay|fine|alright|right|so)\b[,\s]*)?(forget|never ?mind|nvm|skip|drop|leave)"
    r"( about)?( the| that| this| my)?[\w\s'-]{0,30}?[,.;!:]\s*(then\s+)?",
    re.I,
)


def without_asides(text: str) -> str:
    """``text`` less what it says besides its question.

    A closing request about how to answer ("… explain like im not technical") and an opening
    dismissal of the last subject ("ok forget the visa, …") name nothing to answer.
    """
    stripped = DISMISSAL.sub("", STYLE_REQUEST.sub("", text)).strip()
    return stripped or text


# Below this many characters, sentences before a question are small talk ("ok. and in the
# uk?"), not context worth a separate reading.
MIN_CONTEXT_CHARS = 40
# A clause that sets a condition for the question after it, not a question of its own.
# A clause about the person ("i've been a backend dev for years, how…") is context.
_ABOUT_ME = re.compile(
    r"^\s*((hey|hi|hello|ok|okay|so|well|bonjour|salut)\b[,!.]?\s*)?"
    r"((i|i'm|im|i've|ive|i am|my|je|j'ai|je suis|we|we're|we are|we've|our)\b"
    # "just finished my degree and got an offer in manchester, what do juniors get?"
    r"|(just |recently )?(finished|graduated|got|been|worked|working|studying|started|moved"
    r"|living|retired|quit)\b"
    # "thinking of contracting in the UK, what's a typical day rate?"
    r"|(thinking|considering|planning|looking|hoping|trying|wanting|aiming)"
    r" (of|about|to|at|into)\b)",
    re.I,
)
# ... and after a comma, a yes/no question: "i'm a nurse, is it too late for me?".
_ABOUT_ME_THEN_ASKS = re.compile(
    r"^(?P<me>[^,]+?),\s*(?P<question>(is|are|am|can|could|should|would|will|do|does)\b.*)$",
    re.I,
)
_CONDITION = re.compile(
    r"^\s*(if|as|since|being|given|assuming|for someone|once|si|quand|une fois)\b", re.I
)


@dataclass(frozen=True)
class SplitMessage:
    """The questions a message asks, in order (at most three), and its other sentences."""

    questions: tuple[str, ...]
    statements: tuple[str, ...]
    left: tuple[str, ...] = ()
    """The questions past the third: named in the reply, to be asked on their own."""

    @property
    def several(self) -> bool:
        """True when the message asks more than one question."""
        return len(self.questions) > 1

    @property
    def has_context(self) -> bool:
        """True when a single question comes with sentences about the person."""
        return len(self.questions) == 1 and bool(self.statements)

    @property
    def answered_apart(self) -> bool:
        """True for several questions, or one question after some context about the person."""
        if self.several:
            return True
        return self.has_context and sum(len(s) for s in self.statements) >= MIN_CONTEXT_CHARS


def starts_as_question(text: str) -> bool:
    """True when ``text`` opens with a question word ("so what should they own?")."""
    return bool(_STARTS_QUESTION.match(text))


def is_question(sentence: str) -> bool:
    """A sentence that asks something: a question mark, or a question word first."""
    stripped = sentence.strip()
    return (
        stripped.endswith("?")
        or bool(_STARTS_QUESTION.match(stripped))
        or bool(_REQUEST.search(stripped))
    )


def split_message(text: str) -> SplitMessage:
    """The questions and statements of ``text``."""
    questions: list[str] = []
    statements: list[str] = []
    said_before = ""  # the sentence before the first question, if it was a statement
    sentences = _SENTENCE_END.split(_QUESTION_LABEL.sub("", without_asides(text or "")))
    items = [
        (bool(_ENUMERATOR.match(s.strip())), _ENUMERATOR.sub("", s.strip())) for s in sentences
    ]
    # Numbered items some of which ask are a list of questions ("1) uk midpoint salary 2) where
    # does the data come from"); numbered lines that all state are who is asking.
    numbered_questions = any(numbered and is_question(item) for numbered, item in items)
    for numbered, sentence in items:
        if not re.search(r"[^\W\d_]", sentence):
            continue  # nothing but a number or punctuation ("1." alone on its line)
        asks_after_context = bool(_ABOUT_ME.match(sentence)) and any(
            is_question(clause) for clause in _CLAUSE_BOUNDARY.split(sentence)[1:]
        )  # "just finished my degree…, what do juniors get in the uk"
        # "3 qs: 1) uk midpoint salary 2) …": a numbered item is one question, however worded
        if numbered and numbered_questions and not _ABOUT_ME.match(sentence):
            if not questions:
                said_before = statements[-1] if statements else ""
            questions.append(sentence)
            continue
        if not is_question(sentence) and not asks_after_context:
            statements.append(sentence)
            continue
        about_me = _ABOUT_ME_THEN_ASKS.match(sentence) if _ABOUT_ME.match(sentence) else None
        if about_me:
            # "im in my second year of a maths degree, is it a good path for me?"
            statements.append(about_me.group("me"))
            sentence = about_me.group("question")
        clauses = [c.strip(" ,;") for c in _CLAUSE_BOUNDARY.split(sentence)]
        clauses = [c for c in clauses if len(c) >= MIN_QUESTION_CHARS]
        pending = ""  # a leading condition ("if I'm junior,") belongs to the question after it
        for position, clause in enumerate(clauses):
            asks = is_question(clause) or clause.endswith("?")
            if not asks and position == 0 and len(clauses) > 1 and ":" in clause:
                # "doing background for an article: once someone is an ml engineer, where…":
                # what comes before the colon is who is asking.
                said, _, clause = clause.rpartition(":")
                statements.append(said.strip())
                clause = clause.strip()
            if not asks and position == 0 and len(clauses) > 1 and _CONDITION.match(clause):
                pending = f"{clause}, "
            elif not asks and position == 0 and len(clauses) > 1 and _ABOUT_ME.match(clause):
                # "i've been a backend developer for years, how do i switch?": who is asking.
                statements.append(clause)
            elif questions and not asks:
                questions[-1] = f"{questions[-1]} {clause}"
            else:
                if not questions:
                    said_before = statements[-1] if statements else ""
                questions.append(pending + clause)
                pending = ""
    if (
        questions
        and said_before
        and (points_back(questions[0]) or _BARE_JUDGEMENT.match(questions[0].strip()))
    ):
        # "my son wants to be an ML engineer. what is that exactly?", "i'm a nurse thinking of
        # retraining. realistic?": the question is about the sentence before it, read with it.
        questions[0] = f"{said_before} {questions[0]}"
    joined = _with_short_ones_joined(questions)
    return SplitMessage(
        tuple(joined[:MAX_QUESTIONS]), tuple(statements), tuple(joined[MAX_QUESTIONS:])
    )


# A short question that only points at the sentence before it: "what is that exactly?",
# "is that crazy?", "where do i start?".
_POINTS_BACK = re.compile(
    r"^\W*(what|who)\s*(is|'s)\s+(that|this|it|he|she)\b"
    r"|^\W*(is|was|would|could|does|do|isn't|am)\s+(that|this|it|i)\b"
    r"|^\W*(where|how)\s+(do|should|would|can|could)\s+(i|he|she|we)\s+(even\s+)?(start|begin)\b"
    r"|^\W*(thoughts|any advice|advice|ideas|possible|realistic|doable|feasible|c'est possible"
    r"|est-ce possible)\W*$",
    re.I,
)
POINTING_WORDS_MAX = 6
# "how do i explain it to her", "should he take that job": a question about someone or
# something the sentence before it named.
_POINTS_AT_SOMEONE = re.compile(r"\b(it|that|this|he|she|him|her|his|them)\b", re.I)
POINTING_AT_SOMEONE_WORDS_MAX = 10


# "in this job", "that career": the field the bot is about, not the sentence before.
_THE_FIELD = re.compile(
    r"\b(this|that|the) (job|role|career|field|line of work|profession|work|path)\b", re.I
)


# "an ML job that's about images": "that" opening a relative clause points at nothing before.
_RELATIVE_THAT = re.compile(
    r"\b(jobs?|roles?|ones?|kinds?|types?|things?|careers?|fields?|paths?|positions?) that\b", re.I
)


def points_back(question: str) -> bool:
    """True for a short question that only points at what was said before it."""
    words = len(question.split())
    rest = _RELATIVE_THAT.sub(" ", _THE_FIELD.sub("", question))
    return (words <= POINTING_WORDS_MAX and bool(_POINTS_BACK.search(rest))) or (
        words <= POINTING_AT_SOMEONE_WORDS_MAX and bool(_POINTS_AT_SOMEONE.search(rest))
    )


# A judgement asked in a word or two ("Realistic?", "Worth it?") leans on the question after it
# ("Where would I even begin?"); alone it would be searched for the word itself.
_BARE_JUDGEMENT = re.compile(
    r"^(is it |is that |it's |that's )?(realistic|possible|feasible|doable|achievable|viable"
    r"|worth it|worth|true|really|seriously|too late|ok|okay|right|wise|smart)\s*\??$",
    re.I,
)


# "where is it from", "who says that": where what the question before it asks about comes from.
_ASKS_WHERE_FROM = re.compile(
    r"^\W*(and |so |but )?(where('s| is| does| do| did)?|who says|says who|how do you know)\b"
    r"[^?]{0,20}\b(it|that|this|these|those|they)\b[^?]{0,12}\b(from|come from|say|says|know)\b"
    r"|^\W*(and |so |but )?what('s| is| are)? (it|that|this|these|they)( all)? based on\b",
    re.I,
)
# "mlops vs ml eng, what's the diff?": the difference between what the clause before named.
_ASKS_THE_DIFFERENCE = re.compile(
    r"^\W*(so |and )?(what'?s|what is|whats) the (diff|difference)( between (them|the two))?\W*$",
    re.I,
)
# "and france, how does that look?": how the thing the clause before named looks, one question.
_ASKS_HOW_IT_LOOKS = re.compile(
    r"^\W*(and |so |but )?(how|what)('s| is| does| do| about| are)? (that|it|this|things|they)"
    r"( look| looks| looking| like| compare| there| over there)*\W*$",
    re.I,
)
# A question that only says the one before it again in other words: "whats the next step up
# after a few yrs, where do ppl go", "les maths c'est nécessaire ? lesquelles surtout ?",
# "why's the top so high? who pays that".
_SAYS_IT_AGAIN = re.compile(
    r"^\W*(and |so )?where (do|does|did) (ppl|people|they|most( people)?|folks|mles|ml engineers"
    r"|one|you|u) (usually |typically |normally |then )?(go|end up|move|head)( from there| next"
    r"| after( that)?| then)?\W*$"
    r"|^\W*(et )?(lesquel(le)?s?|laquelle|lequel)( surtout| exactement| en particulier| alors)?\W*$"
    r"|^\W*(and |so )?(which ones?|what ones?)( mostly| especially| exactly| in particular)?\W*$"
    # "which part of that is about ethics? is there any"
    r"|^\W*(and |so )?(is|are) there (any|some)( at all| of it)?\W*$"
    r"|^\W*(and |so |but )?who (pays|would pay|is paying|actually pays|offers) (that|this|those"
    r"|these|it|so much|that much)( much| kind of money)?\W*$"
    # "do they work alone or in teams? who with?": the same question, narrowed.
    r"|^\W*(and |so |but )?(who|what|where)( \w+)? (with|for|by|to)\W*$",
    re.I,
)
# "bootcamp names then? is le wagon any good": a judgement of one thing the question before it
# asks about, answered with it.
_JUDGES_ONE_OF_THEM = re.compile(
    r"^\W*(and |so |but )?(is|are) (?!(it|that|this|they|there|i|you)\b)[\w' .&-]{2,30}?"
    r" (any good|good|worth it|legit|recognised|recognized|respected|reputable|decent)\W*$",
    re.I,
)
# A question that only gives examples of the one before it ("like aws or google ones?").
_EXAMPLE_OF_PREVIOUS = re.compile(r"^\s*(like|e\.?g\.?|such as|say|i mean|for example|or)\b", re.I)


def _with_short_ones_joined(questions: list[str]) -> list[str]:
    """Questions with each very short one joined to the question after it."""
    joined: list[str] = []
    carried = ""
    for position, question in enumerate(questions):
        last = position == len(questions) - 1
        if not last and _BARE_JUDGEMENT.match(question.strip()):
            carried += f"{question} "
            continue
        if joined and (
            _EXAMPLE_OF_PREVIOUS.match(question)
            or _ASKS_WHERE_FROM.match(question)
            or _ASKS_THE_DIFFERENCE.match(question)
            or _ASKS_HOW_IT_LOOKS.match(question)
            or _SAYS_IT_AGAIN.match(question)
            or _JUDGES_ONE_OF_THEM.match(question)
        ):
            # "…should i get? like aws or google ones?", "can i trust ur data, where is it
            # from": about the question before it.
            joined[-1] = f"{joined[-1]} {question}"
            continue
        joined.append(carried + question)
        carried = ""
    return joined


def needs_splitting(text: str) -> bool:
    """True when ``text`` asks several questions, or one after some context (see SplitMessage)."""
    return split_message(text).answered_apart
