"""What a question about the last answer asks about: gross or net, bonuses, a midpoint, ...

Shared by the dialogue state (a message the classifier was unsure of that asks about an aspect
of pay figures, right after pay figures, is about them) and by the answers to such questions.
"""

from __future__ import annotations

import difflib
import re

from knowledge.compose import question_words

# "Who earns more, an ML engineer or a data scientist?": the sources give ML engineers' pay only.
PAY_COMPARISON = re.compile(
    r"\bwho (earns|makes|gets paid|is paid|gets more)\b"
    r"|\b(earns?|makes?|paid|pays?) (more|better|less) than\b|\b(better|higher|worse)[- ]paid\b"
    # "and which pays more?" (but "which of those pays best?" ranks the last answer's list)
    r"|\bwhich( one| role| job| of the two)? (earns|makes|pays|is paid|gets paid) (more|better)\b"
    r"|\bqui gagne (le )?plus\b|\blequel (est|gagne|des deux)\b.*\b(mieux|plus)\b"
    r"|\b(le |la )?(mieux|plus) pay[ée]e?s?\b",
    re.I,
)

# "Which specialisation pays best?": no page gives pay by specialisation, let alone ranks them.
ASKS_BEST_PAID_SPECIALISATION = re.compile(
    r"\b(which|what) (specialis\w*|specializ\w*|specialt\w*|speciality|(type|kind|sort) of "
    r"(ml |machine learning )?(engineer\w*|engineering))"
    r"\b.*\b(pay|pays|paid|earn\w*|salar\w*|money)\b.*\b(most|best|highest|more|better|top)\b"
    r"|\b(best|highest|top)[- ](paying|paid) (specialis|specializ)",
    re.I,
)
# Stands for every specialisation in a salary plan's parameters: which of them pays best.
ANY_SPECIALISATION = "any"

# "Which country pays the most?", "where do ML engineers earn the most?": the figures of every
# country the sources cover, side by side in one currency (no page ranks countries itself).
ASKS_BEST_PAID_PLACE = re.compile(
    r"\b(which|what) (country|countries|place|location|region|part of the world|cit(y|ies))\b"
    r".*\b(pay|pays|paid|earn\w*|salar\w*|money)\b.*\b(most|best|highest|more|better)\b"
    r"|\bwhere\b.*\b(earn|earns|make|makes|paid|pay|pays)\b.*\b(the )?(most|best|highest)\b"
    r"|\b(best|highest|top)[- ](paying|paid)\b.*\b(country|countries|place|location)\b"
    r"|\b(country|countries)\b.*\b(best|highest|top) (pay|paid|paying|salar\w*)\b"
    r"|\bquel pays\b.*\b(paie|paye|gagne)\w*\b.*\bplus\b",
    re.I,
)

# "which is higher, that or the US?" after figures: those figures beside the place named.
ASKS_WHICH_PAYS_MORE = re.compile(
    r"\bwhich (one )?(is|'s|pays|would pay|is paid) (higher|more|better|best|bigger)\b"
    r"|\b(higher|more|better|bigger) (in|there|than)\b.*\bor\b",
    re.I,
)

# The pay figures named as such ("are these salary numbers up to date?"), not "amounts of data".
NAMES_PAY_FIGURES = re.compile(r"\b(salary|salaries|pay|figures?|numbers?|estimates?)\b", re.I)

# Any word about pay, verb or noun: "which of those pays best?", "what specialisation pays best".
MENTIONS_PAY = re.compile(r"\b(pay|pays|paid|salary|salaries|earn|earns|money)\b", re.I)

# "Which countries do you have figures for?": the pay overview names them, with their figures.
ASKS_PLACES_COVERED = re.compile(
    r"\b(which|what) (other )?(countries|places|cities|locations|regions)\b"
    r"|\b(countries|places|cities|locations)\b.*\b(cover|covered|have|got|available|know)\b",
    re.I,
)

# A change of career ("could I switch from accounting?", "une reconversion c'est possible ?").
CHANGES_CAREER = re.compile(
    r"\b(switch\w*|transition\w*|pivot\w*|retrain\w*|reconver\w*|career chang\w*"
    r"|change (careers?|fields?|jobs?)|move (into|to|over)|moving (into|to|over)|se reconvertir"
    # "could that be a way in to ml eng?", "a route into it"
    r"|(way|route|path|door|foot) in(to)?\b"
    # "is jumping to MLE a thing people do", "bailing out of academia", "leaving academia"
    r"|jump\w* (ship |over )?(to|into)|bail\w*( out( of( my| the)?( \w+)?)?)?|getting out of( \w+)?"
    r"|leav\w* (academia|research|the lab|teaching|my job)"
    r"|changer de (métier|carrière|voie)"
    # "could my skills transfer to ml engineering?" (not "transfer learning")
    r"|transferable|transférables?|(skills?|experience) (would |could |might |will )?transfer"
    # "whats the gap between me and an mle": how far the person is from the job
    r"|gap between (me|my \w+|where i am) and"
    # "what carries over and what doesnt"
    r"|carr(y|ies) over)\b",
    re.I,
)

# "How long does it take?": no page gives a duration, and an answer must say so first.
ASKS_DURATION = re.compile(
    r"\bhow long\b|\bhow many (years|months)\b|\bcombien de temps\b|\bhow quickly\b", re.I
)

# The words of a duration question that name nothing else ("how long would it take me",
# "combien de temps pour devenir ingénieur ML ?"): what is left is what it asks the time of.
DURATION_WORDS = re.compile(
    r"\b(how|long|many|years?|months?|quickly|would|will|does|did|it|take|takes|me|us|someone"
    r"|one|to|do|that|this|get|there|become|usually|typically|roughly|approximately"
    r"|combien|de|temps|ça|ca|cela|prend|faut|il|faut-il|faudrait|en|général|généralement"
    r"|normalement|general|generally|in|on|average|moyenne|et|and|so|alors|du coup"
    r"|durée|mois|années?|ans|devenir|ingénieur|à peu près|a peu pres|environ"
    # "how long would the training take" after how to get started: the move itself
    r"|the|a|training|retraining|retrain|transition|switch|change|move|process|realistically"
    r"|roughly|honestly)\b",
    re.I,
)

# ... and what someone from another field who asks whether they can become one says.
WANTS_TO_BECOME = re.compile(
    r"\b(become|becoming|get into|break into|devenir)\b"
    # "i want to be an ML engineer after": the career named as the aim
    r"|\b(want|wanna|hope|plan|aim|like) (to )?be (an? )?(ml|mle|machine learning)\b"
    # "could someone like me actually end up as an ml engineer?"
    r"|\bend up (as|being) (an? )?(ml|mle|machine learning)\b",
    re.I,
)

# "is it too late at 45?", "am i too old for this": age, which no page speaks of.
ASKS_ABOUT_AGE = re.compile(
    r"\btoo (late|old)\b|\b(at|for) my age\b|\btrop (tard|vieux|vieille)\b|\bà mon âge\b"
    # "what age do people usually start?", "how old are most ml engineers"
    r"|\b(what|which|average|typical|usual) age\b|\bquel âge\b"
    # "how old are most ml engineers", not "how old is it" (the data's date)
    r"|\bhow old (are|is|were|do|does)\b(?! (it|that|this|they|these|those|the (data|figures?"
    r"|numbers?|page|source|article|info\w*|survey))\b)"
    # "is it mad to think about ML engineering at 45?"
    r"|\b(mad|crazy|silly|stupid|ridiculous|realistic|possible|doable|late)\b[^?.!]*"
    r"\bat ([1-9]\d)\b",
    re.I,
)

# "I'm 41, …", "at 52", "45 years old": an age stated by someone changing careers raises the
# question of age, which no page speaks of. Not "I'm 25k in debt" nor "15 years of experience".
STATES_AGE = re.compile(
    r"\b(i'?m|i am|im|at|aged?)\s+([1-9]\d)\b(?!\s*(k|%|\+|years? (of|in|as|at|experience)"
    r"|yrs? (of|in)|yoe|hours?|h\b))"
    r"|\b([1-9]\d)\s*(years? old|y/?o|ans)\b|\bj'ai ([1-9]\d) ans\b",
    re.I,
)

# "which specialisation has the best future?", "which skill is most in demand": a ranking.
ASKS_WHICH_IS_BEST = re.compile(
    r"\bwhich\b[^?.!]*\b(best|highest|biggest|greatest|fastest[- ]growing|easier|easiest|harder"
    r"|hardest|quicker|quickest|better|worse"
    r"|most (important|in[- ]demand|popular|common|valuable|useful|promising|wanted|needed))\b"
    # "what's the single most important skill?"
    # (one thing: "what are the most important skills" just asks for the key ones)
    r"|\bwhat('?s| is)( the)?( single| one)? (most important|most valuable|number one|top)"
    r" (skill|thing|tool|language|quality|trait)\b"
    # "should I learn pytorch or tensorflow?": a choice no page makes for the person
    r"|\bshould i (learn|pick|choose|go (with|for)|use|study|start with|focus on)\b[^?.]*\bor\b",
    re.I,
)

# "is 70k good for a junior in france?", "they offered me 60000 euros, is that ok?": an amount the
# person names, judged. No page judges an offer; the figures they give are set beside it.
NAMES_AN_AMOUNT = re.compile(
    r"\b\d+(\.\d+)?\s?k\b|\b\d{2,3}[,. ]?\d{3}\b|[$€£]\s?\d|\b\d+\s?(lpa|lakhs?)\b", re.I
)
JUDGES = re.compile(
    r"\b(low|lowball|high|good|fair|ok|okay|normal|decent|enough|competitive|reasonable"
    r"|a lot|underpaid|overpaid|bad|realistic|standard|market rate"
    # "saw 45-60k for junior ml eng somewhere, is that legit?"
    r"|legit|right|correct|plausible|believable|true|about right)\b",
    re.I,
)


def judges_an_amount(text: str) -> bool:
    """True when ``text`` names an amount of money and asks whether it is high, low, fair..."""
    return bool(NAMES_AN_AMOUNT.search(text) and JUDGES.search(text))


# What a question about the last answer asks about, first match wins.
# "so its advertised pay, not what people actually get paid?": what the figures measure.
_ADVERTISED_OR_PAID = (
    r"\b(advertised|posted|listed|offered) (pay|salar\w*|figures?|rates?)\b"
    r"|\bwhat (people|they|ml engineers|engineers) (actually |really )?(get paid|earn|make"
    r"|take home)\b"
)
ASKS_IF_ADVERTISED = re.compile(_ADVERTISED_OR_PAID, re.I)

ASPECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # "is that in US dollars?", "which currency is that?"
        "currency",
        re.compile(
            r"\b(which|what) currency\b|\bcurrenc(y|ies)\b"
            r"|\bin (us |u\.s\. |american |canadian |australian |singapore |local )?"
            r"(dollars|euros|pounds|rupees|francs|usd|eur|gbp|cad|aud|inr|chf|lakhs?|crores?)\b"
            r"|\ben (euros|livres( sterling)?|dollars)\b"
            # "dollars i assume?", "euros right?"
            r"|^\W*(in )?(dollars|euros|pounds|usd|eur|gbp)\b"
            # "is that usd?", "usd or cad?"
            r"|\b(usd|eur|gbp|cad|aud|inr|chf)\b|\b(us|u\.s\.|american|canadian) dollars\b"
            # "can u convert that to euros"
            r"|\bconvert\w* (it|that|this|them|those|these|the \w+( \w+)?)? ?(to|into|in) \w+",
            re.I,
        ),
    ),
    (
        "tax",
        re.compile(r"\b(gross|net|tax|taxes|taxed|pre-?tax|take[- ]home|brut|impôts?)\b", re.I),
    ),
    (
        # "is that a lot?", "is that good money for london?": a judgement of the figures.
        "judgement",
        re.compile(
            r"\b(is|are|'s|isn't|aren't) (that|this|it|those|these|they)( really)? (a lot|good"
            r"|high|low|decent|enough|much|competitive|fair|normal|bad|livable|liveable)\b"
            r"|\bgood (money|pay|salary)\b|\bc'est (beaucoup|bien|correct)\b",
            re.I,
        ),
    ),
    (
        "bonus",
        re.compile(
            r"\b(bonus|bonuses|equity|stock|shares|benefits|perks|package|total comp\w*|primes?"
            # "is that base salary only?"
            r"|base (salary|pay)( only)?)\b",
            re.I,
        ),
    ),
    (
        "years",
        re.compile(
            # ("whats the career path after a few years in" asks where it leads)
            r"\b(yoe|how many (years|yrs)|how much experience|(?<!\d )(?<!few )(years|yrs) in\b"
            # "what does 5+ years mean there, is that senior?"
            r"|what (does|do) \d+\s*\+?\s*(years?|yrs?) mean"
            r"|counts? as (an? )?"
            r"(entry|junior|mid|senior)|what (is|counts as|makes) (a |an )?(junior|senior|mid)"
            # "how long till senior roughly"
            r"|how long (till|until|to|before) (i'?m |you'?re |i am |i become |becoming |i'?d be "
            r"|i would be |i'?ll be |you'?d be |you become |someone is |one is )?(an? )?"
            r"(senior|mid|mid-level|lead))",
            re.I,
        ),
    ),
    (
        # "per month or per year?", "is that monthly?", "c'est par mois ?"
        "period",
        re.compile(
            r"\b(per|a|an|each|every|by|par) (month|year|week|day|hour|annum|mois|an|année)\b"
            r"|\b(monthly|yearly|annual|annually|weekly|hourly|daily|mensuel\w*|annuel\w*)\b",
            re.I,
        ),
    ),
    (
        # "is that for juniors or seniors?", "which level is that for", "does it cover leads"
        "levels",
        re.compile(
            r"\b(is|are|does|do|was) (that|this|it|those|these|they)( \w+){0,2} (for|cover"
            r"|covers|include|includes|mean|about)\b[^?]*\b(juniors?|seniors?|mid|entry|grads?"
            r"|graduates?|leads?|levels?|beginners?|experienced|seniority|everyone)\b"
            r"|\b(juniors?|entry|beginners?) or (seniors?|mid|experienced)\b"
            r"|\bwhich (level|seniority)\b"
            # "is there a breakdown by seniority for the uk?"
            r"|\b(breakdown|broken down|split|splits|differ\w*) (by|per|across) (seniority|levels?"
            r"|experience)\b"
            r"|\bwhat (level|seniority) (is|are) (that|this|those|the)\b"
            r"|\bfor (all|every|each) levels?\b"
            # "c'est pour quel niveau ?", "c'est pour les juniors ?"
            r"|\bquel(s|le|les)? niveaux?\b|\bc'?est pour (les )?(juniors?|seniors?|débutants?)\b",
            re.I,
        ),
    ),
    (
        # ("what does mlops actually mean" asks what a word means, not for a mean)
        "midpoint",
        re.compile(
            r"\b(midpoint|median|médian\w*|average|middle|moyen\w*|(the|a) mean"
            r"|mean (salary|pay|figure|wage|income))\b",
            re.I,
        ),
    ),
    (
        "breakdown",
        re.compile(
            r"\b(whole|entire) country\b|\bjust (the )?(big |major |tech |big tech )*cities\b"
            # "is that for all of france?"
            r"|\bfor all of (?!them\b|those\b|these\b|it\b|us\b|you\b)\w+"
            r"|\b(specialis|specializ|by city|per city|by region|by industry|by sector|by company"
            r"|per company|each company|which companies)\w*",
            re.I,
        ),
    ),
    (
        # "which one is more recent?" about the pages: their dates, not a ranking of the subject
        "author",
        re.compile(
            r"\bwhich (one|of (those|these|them|the two|both))( is|'s)? (the )?(more |most )?"
            r"(recent|newer|newest|older|oldest|up to date|current|dated)\b",
            re.I,
        ),
    ),
    (
        "ranking",
        re.compile(
            r"\b(most|least|best|highest|top|more) (in demand|demanded|paid|popular|common|wanted"
            r"|respected|recogni[sz]ed|valued|used|useful|important)"
            # ("which one should i trust" asks what each rests on)
            r"|\bwhich (of (those|these|them|the two|both)|one)\b"
            r"(?![^?]*\b(trust|trusted|reliable|accurate|believe|credible)\b)"
            # "which part of that is the most boring", "and the most fun?"
            r"|\bwhich (part|bit|aspect|task|side)s?\b"
            r"|\b(most|least) (boring|fun|interesting|enjoyable|tedious|stressful|rewarding"
            r"|exciting|satisfying|frustrating)\b",
            re.I,
        ),
    ),
    (
        "author",
        re.compile(
            r"\bwho (wrote|writes|published|is behind|says)\b|\bauthor\b"
            # "whose figures are those?"
            r"|\bwhose (figures|numbers|data|estimates?|ranges?)\b"
            # "whose schedule is that btw"
            r"|\bwhose (\w+ )?(is|are|was) (that|this|those|these|it)\b"
            r"|\bwhen was (it|this|that)\b|\bhow (old|recent) is (it|this|that)\b"
            # "and how old are they" after where the figures come from; "who collected each"
            r"|\bhow (old|recent) are (they|these|those|the (figures|numbers|data))\b"
            r"|\bwho (collected|gathered|compiled|produced|measured)\b"
            r"|\bwhere does it say\b|\bwhich (page|source|site|website|article)s?\b|\bsays who\b",
            re.I,
        ),
    ),
    (
        "basis",
        re.compile(
            r"\b(come from|comes from|based on|source|sources|survey|how old|up to date|as of when"
            r"|recent|dated?|when was|reliable|accurate|trust|calculated|worked out|measured)\b"
            # "what data is that", not "do they deal with data prep themselves"
            r"|\b(what|which|whose|the|that|this|your|their) data\b(?!\s*(prep\w*|scien\w*"
            r"|engineer\w*|pipelines?|processing|cleaning|analy\w*|sets?|flows?|quality))"
            r"|^\W*data\W*$"
            # "how did they even work that number out", "where do they get these numbers"
            r"|\bwork(ed)? (that|this|it|these|those|the)( \w+)? out\b"
            r"|\bhow (did|do) (they|you) (get|know|come up with|arrive at)\b"
            r"|\bwhere (did|do) (they|you) get\b"
            # "where were the us numbers from again"
            r"|\bwhere (is|are|was|were|'s|s)\b[^?]*\bfrom\b"
            # "over what time period?" after the data behind figures
            r"|\bover what (time )?(period|timeframe|time frame)\b|\btime (period|frame)\b"
            # "d'où viennent ces chiffres ?", "c'est basé sur quoi ?"
            r"|\bd'o[uù] (viennent|vient|sortent|sort|proviennent)\b|\bbas[ée]e?s? sur quoi\b"
            # "et ces chiffres, ils sortent d'où ?"
            r"|\b(viennent|vient|sortent|sort|proviennent) d'o[uù]"
            # "et ces chiffres, c'est tiré d'où ?"
            r"|\btir[ée]e?s? d'o[uù]\b"
            r"|\bsur quoi (se basent|reposent|repose)\b"
            # "c'est basé sur quelles données ?"
            r"|\bbas[ée]e?s? sur (quelles?|quels?) (données|chiffres|sources?|enquêtes?)\b"
            # "et ils datent de quand ?"
            r"|\bdatent de quand\b|\bde quand (datent|date)\b|\bc'est daté de quand\b"
            # "so its advertised pay, not what people actually get paid?"
            rf"|{_ADVERTISED_OR_PAID}"
            # "why are they different", "why do the two sources disagree" after both
            r"|\bwhy (are|do|does|is|would) (they|these|those|the (figures|numbers|sources|two"
            r"|ranges))( \w+)? (so )?(differ\w*|disagree|not the same)\b",
            re.I,
        ),
    ),
)
# Aspects that only make sense about pay figures.
PAY_ASPECTS = frozenset(
    {"tax", "bonus", "midpoint", "years", "judgement", "period", "levels", "currency"}
)
# Aspects answered by naming the sources of the last answer.
SOURCE_ASPECTS = frozenset({"author", "basis"})
# A question about where "that number" comes from is about the last pay figures.
# "where do the french figures come from", "are they dated": where figures come from, or when.
ASKS_ORIGIN = re.compile(
    r"\b(come|comes|came) from\b|\bfrom where\b|\bbased on\b|\bbas[ée]e?s?\b|\bdated?\b"
    r"|\bhow (old|recent)\b|\bup to date\b|\bwhere (is|are|was|were|'s)\b[^?]*\bfrom\b"
    r"|\bdonnées\b|\bsurvey\b|\bd'o[uù]\b",
    re.I,
)
# "what does the + at the end mean", "what does 'or more' mean": a mark of the figures shown,
# which the source's own words answer.
ASKS_WHAT_A_MARK_MEANS = re.compile(
    r"(\+|\bplus\b|\bor more\b|\bup to\b)[^?]{0,30}\b(mean|means|stand for|signify)\b", re.I
)
NAMES_FIGURES = re.compile(
    r"\b(figures?|numbers?|range|ranges|salary|salaries|pay|estimates?|amounts?)\b", re.I
)
# "are the french ones dated at all?": figures, or the ones just spoken of.
FIGURES_OR_ONES = re.compile(NAMES_FIGURES.pattern + r"|\b(ones|data)\b", re.I)


# "where do they usually come from background wise": people's origins, not the figures'.
PEOPLE_COME_FROM = re.compile(
    r"\b(where|what) (do|did) (they|people|most|most people|ml engineers|mles|you)( usually"
    r"| typically| normally)? come from\b|\bbackground",
    re.I,
)


def aspect_of(text: str) -> str | None:
    """Which aspect of the last answer ``text`` asks about, or None."""
    for name, pattern in ASPECTS:
        if pattern.search(text):
            if name == "basis" and PEOPLE_COME_FROM.search(text):
                continue
            return name
    return None


# Words of a question about where an answer comes from, not about the career.
_SOURCE_WORDS = frozenset(
    {"data", "based", "come", "comes", "old", "recent", "date", "dated", "source", "sources"}
    | {"site", "sites", "website", "websites", "page", "pages", "article", "articles", "guide"}
    | {"say", "says", "said", "saying", "talk", "talks", "talking", "mention", "mentions"}
    | {"mentioned", "wrote", "written", "write", "writes", "figure", "figures", "number"}
    | {"numbers", "work", "worked", "calculated", "measured", "get", "got", "know", "arrive"}
    | {"info", "information", "stuff", "trust", "reliable", "accurate", "exactly", "from"}
    | {"suggest", "suggests", "recommend", "recommends", "advise", "advises"}
)


# "whose schedule is that btw": who said the last answer, whatever it is called.
_WHOSE_IS_THAT = re.compile(r"\bwhose (\w+ )?(is|are|was) (that|this|those|these|it)\b", re.I)


def asks_content(text: str) -> bool:
    """True when a question about sources asks about something ("do they mention cloud?")."""
    if _WHOSE_IS_THAT.search(text):
        return False
    return bool(question_words(text) - {w[:5] for w in _SOURCE_WORDS})


_ASKS_WHICH = frozenset({"which", "what", "where", "who", "whose", "does", "do", "did", "any"})


def subject_of_source_question(text: str) -> str:
    """What a question about the sources asks them about, searched as such.

    "head of ai?" of "which site mentioned head of ai?": "site" and "mentioned" are no subject.
    """
    words = re.findall(r"[\w'-]+|[?]", text)
    kept = [w for w in words if w.lower() not in _SOURCE_WORDS | _ASKS_WHICH]
    return " ".join(kept).replace(" ?", "?")


# What a message says about pay and about the field (read by ``actions.state.decide``).
# Pay words that say pay whatever else the message says ("make" and "get" need more).
_STRONG_PAY = (
    r"\b(earn|earns|earning|salary|salaries|paid|wage|wages|compensation|comp|remuneration|income"
    r"|gagne|gagner|salaire|rémunération|TJM|fourchettes?"
    # "what would a mid-level ML engineer cost me in france"
    r"|cost (me|us|the company|my company|a company)"
    # Spanish: "cuánto gana un ingeniero de machine learning en españa"
    r"|salario|sueldo|cu[aá]nto (gana|cobra|se gana))\b"
    # "et ça paie bien ?", "c'est bien payé ?"
    r"|\b(bien|mal) pay[ée]e?s?\b|\b(ça|ca|ce métier|le métier) (paie|paye|rapporte)\b"
    r"|\b(paient|payent)\b"
    # A contractor's pay: "what's a typical day rate?", "hourly rates in Sydney".
    r"|\b(day|daily|hourly|contract|contractor|contracting|freelance|weekly) rates?\b"
    # "what does NLP pay?", "how much does computer vision pay": pay as the verb asked about.
    r"|\b(what|how much) (does|do|would|will|could|might) (\w+\s+){1,3}pay\b"
    r"(?!\s+(attention|for|off|back|out|into|to)\b)"
)
STRONG_PAY_WORDS = re.compile(_STRONG_PAY, re.I)
# Long pay words people misspell ("salery", "salarys", "compansation"): one letter off is enough.
_SPELT_PAY_WORDS = ("salary", "salaries", "compensation", "remuneration", "salaire")
MISSPELT_PAY_RATIO = 0.82


def misspells_pay(text: str) -> bool:
    """True when a word of ``text`` is a near miss of a long pay word ("ml engineer salery?")."""
    return any(
        difflib.SequenceMatcher(None, word, target).ratio() >= MISSPELT_PAY_RATIO
        for word in re.findall(r"[a-zé]{5,}", text.lower())
        for target in _SPELT_PAY_WORDS
    )


def names_pay(text: str) -> bool:
    """True when ``text`` has a pay word (``PAY_WORDS``), spelt right or one slip away."""
    return bool(PAY_WORDS.search(text)) or misspells_pay(text)


def names_pay_strongly(text: str) -> bool:
    """True when ``text`` has a word that says pay whatever else it says, or a near miss."""
    return bool(STRONG_PAY_WORDS.search(text)) or misspells_pay(text)


# A question with one of these words is about pay unless the classifier is sure otherwise.
PAY_WORDS = re.compile(
    _STRONG_PAY + r"|\bc'est combien\b"
    # "what should i budget in france?", "how much should we offer": a hiring manager's pay
    r"|\b(should|do|would|must|can|could)\s+(i|we)\s+(budget|offer)\b"
    # "what range is competitive?", "what salary band should we offer": ranges are pay here
    r"|\bwhat (salary |pay )?(range|band|bracket)s?\b"
    # "what's the pay there", "is the starting pay good": pay as a noun
    r"|\b(the|their|his|her|my|your|good|decent|typical|average|starting|entry|base) pay\b"
    # "silicon valley mle pay?", "mle pay in london": pay as the noun asked about
    r"|(?<!\bto )(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\bthey )\bpay(\s*[?!.]|\s*$|\s+(in|at|range\w*"
    r"|scales?|bands?|levels?|figures|numbers|like|there|here|look|looks)\b)"
    # "can a senior in france really hit 150k?", "is €60,000 ok": an amount of money
    r"|[$€£]\s?\d|\b\d{2,3}\s?k\b|\b\d{2,3},\d{3}\b"
    # "how high can an expert go in france": how far pay goes
    r"|\bhow high (can|could|does|do|will|would)\b[^?]{0,40}\bgo\b"
    # "whats the most a senior ml engineer can make": the top of the pay range
    r"|\bthe (most|least) (an?|one|you|u|someone|people|i|we)\b[^?]{0,40}"
    r"\b(can|could|would|will|might|do|does)\s+(make|earn|get|take home|pull in|bring in)\b"
    # "how much would someone starting out get up here": what someone takes home
    r"|\bhow much (would|will|do|does|can|could|might|should|did) (i|you|u|we|someone|one|they"
    r"|he|she|people|a \w+|an \w+)\b[^?]{0,30}\b(get|make|earn|take home|bring in|be on)\b"
    r"(?! (better|good|started|into|to|a job|hired|there)\b)"
    # "does london pay more than elsewhere", "which city pays best"
    r"|\b(pay|pays|paid) (more|less|better|best|most|well|higher|lower)\b"
    # "what's a fair base for a junior": the base salary
    r"|\b(a|the|my|fair|good|decent|typical|starting|realistic) base\b(?!\s+(of|in|for learning)\b)"
    # "what does a senior one cost in the uk?", "how much would an mle cost us": a hiring
    # manager's pay ("what does a master's cost" is no pay question: a person is named)
    r"|\b(what|how much) (does|do|would|will|might|could) (an?|one|the)\s+(\w+\s+){0,3}"
    r"(one|engineers?|mles?|hire)\s+cost\b|\bcost to (hire|employ)\b"
    # "what would I make starting out?": make as in earn
    r"|\b(would|will|do|does|could|can|did)\s+(i|you|they|we|one|people|an?\s+\w+)\s+make\b"
    # ... but not "how would I make the switch?"
    r"(?!\s+(the |a |this |that |my )?(switch|move|change|transition|jump|leap|pivot|shift"
    r"|decisions?\b|sense\b|of\b|it\b|models?\b))"
    # "what do mles make in the us", "how much does a senior make": make as in earn, after a
    # question word (not "what does an mle make decisions on")
    r"|\b(what|how much)\s+(would|will|do|does|could|can|did)\s+(\w+\s+){1,6}make\b"
    r"(?!\s+(the|a|an|this|that|my|their|decisions?|models?|sure|it|them|use|of|sense)\b)"
    # "il touche combien ?", "combien gagne un ingé ML", "ça paie combien"
    r"|\b(touche\w*|paie|paye)\s+combien\b|\bcombien\s+(il |elle |on |ils |elles )?"
    r"(touche|gagne|paie|paye)\w*"
    # "and what does that pay in the us", "what would it pay"
    r"|\bwhat (does|do|would|will|could|might) (that|it|this|the job|the role|they) pay\b"
    # "3 years in, what should i be making in the states?"
    r"|\b(should|would|could|will|am|are)\s+(i|you|they|we)\s+(be\s+)?(making|earning)\b"
    r"(?!\s+(a|an|my|the|this|that|it|some|sure)\b)"
    # "what do junior ml engineers usually get in the uk?", "what do they take home"
    r"|\bwhat (would|will|do|does|could|can|did)\s+(\w+\s+){0,3}(engineers?|mles?|they|i|you|we"
    r"|people|juniors|seniors|grads|graduates)\s+(usually |typically |normally )?"
    r"(get|take home|bring home)\b",
    re.I,
)

# What a question about what drives pay says ("why", "what affects", "how to negotiate").
ASKS_WHAT_MOVES_PAY = re.compile(
    r"\b(why|how|affect\w*|depend\w*|driv\w*|determin\w*|factors?|influenc\w*|negotiat\w*"
    r"|boost\w*|increas\w*|rais\w*|higher|more|maximi\w*|improv\w*|impact\w*|push\w*"
    # "what decides where u land inside the uk salary range"
    r"|decid\w*|where (you|u|i|one|people) (land|end up|fall|sit)|n[ée]goci\w*)\b"
    # "which sectors pay best in france": what the sources say pays, not a country's figures
    r"|\b(which|what) (sectors?|industr(y|ies)|fields?|kinds? of compan(y|ies)|employers)\b",
    re.I,
)

# ... and what only a question about what drives pay says.
ASKS_WHAT_DRIVES_PAY = re.compile(
    r"\bwhat (else )?(affects|determines|drives|influences|decides|impacts|pushes|moves)\b"
    r"|\bdepends? on\b|\bfactors?\b"
    # "what else moves you up or down inside that range", "what decides where you land in it"
    r"|\bmoves? (you|it|pay|people|someone) (up|down)\b"
    r"|\bwhere (you|i|someone|people|one) (lands?|sits?|falls?|ends? up) (in|inside|within)\b"
    # "what would push it higher", "how do i earn more", "et pour gagner plus ?"
    r"|\bpush(es|ed)? (it|that|pay|salary|salaries|them|the pay)? ?(up|higher)\b"
    r"|\b(earn|make|get paid|be paid) more\b|\bmaximi[sz]e (my |your )?(earnings|pay|salary)\b"
    r"|\bgagner plus\b|\baugmenter (mon|son|le|ton) salaire\b|\bêtre mieux payé"
    # "would certifications boost my pay?": what raises it, not the figures
    r"|\b(boost|raise|increase|bump|improve)s? (up )?(my |your |their |the )?"
    r"(pay|salary|earnings)\b",
    re.I,
)

# "which industries pay best?", "et quels secteurs paient le mieux ?": the sectors that pay
# most, which the pages give among what drives pay (not figures by sector, which none gives).
SECTORS_PAYING_MOST = re.compile(
    r"\b(which|what) (sectors?|industr(y|ies)|fields?|companies|kinds? of compan(y|ies)|employers)"
    # ("which industries pay ml engineers best in the us")
    r" (pay|pays|paid) ([\w-]+ ){0,3}(the )?(most|best|more|highest|better)\b"
    # "in which sectors do ML engineers get paid the most"
    # "any idea if health stuff pays well?"
    r"|\b(health\w*|finance|fintech|banking|tech|retail|e-commerce)( stuff| companies| firms"
    r"| sector| jobs)? pays? (well|more|better|best|the most)\b"
    r"|\b(which|what) (sectors?|industr(y|ies)|fields?)\b[^?]{0,40}\b(paid|pay|earn)\b"
    r"[^?]{0,15}\b(most|best|more|highest)\b"
    r"|\b(quels?|quelles?) (secteurs?|industries?|entreprises?|boîtes?|domaines?) (paient|payent"
    r"|paie|paye) (le )?(mieux|plus)\b"
    # "do tech companies pay more than other industries"
    r"|\bpay (more|better|less) than (other|most) (industries|sectors|companies|fields)\b",
    re.I,
)

# "does location matter much for salaries in the us?": whether a factor moves pay, even where a
# place is named.
ASKS_IF_FACTOR_MATTERS = re.compile(
    r"\b(does|do|will|would|can|could)\s+(the\s+|your\s+|my\s+)?(location|experience|industry"
    r"|sector|city|country|company|company size|degree|seniority|certifications?|education"
    r"|where (you|i|we|they|one|people) (live|work|are based|am based|is based)"
    # "does where in the us matter much?"
    r"|where( in (the )?[\w.]+( [\w.]+)?)?( you| i| we| they| one)?( live| work| are| am)?"
    # "does where you are in the uk change it much"
    r"|where (you|i|we|they|one) (live|work|are|am|is) in (the )?[\w.]+( [\w.]+)?)"
    r"\s+(really\s+|much\s+|a lot\s+)?(matter|count|affect|change"
    r"|impact|make a difference|influence)"
    # "does it depend where in the country you are", "does that depend on the city"
    r"|\b(does|do|would) (it|that|this|pay|the pay|salary|the salary) (really )?depends?"
    r" (on )?(where|which|what|the (city|region|location|company|sector|industry|area))\b",
    re.I,
)

# "the other specialisations besides mlops?": all of them, not the one named.
OTHER_THAN = re.compile(
    r"\b(other|others|besides|beyond|apart from|except|aside from|other than|autres?)\b", re.I
)

# A message that only names the field ("ml?", "machine learning engineering??") asks what it is.
NAMES_THE_FIELD_ONLY = re.compile(
    r"^\W*(so\W+|and\W+)?(ml|mle|mles|ml ?eng|ml engineers?|ml engineering|machine learning"
    r"( engineers?| engineering)?)\W*$",
    re.I,
)

# Pay asked without a pay word: "how much in australia", "the money there".
ASKS_AMOUNT = re.compile(
    r"\b(how much|money|pay|paying|figures?|numbers?|range|ranges|comp|tc|remuneration|income"
    r"|package|rémunération|combien|k)\b",
    re.I,
)

# ... and only for the figures themselves ("what salary range should we advertise?").
ASKS_FIGURES = re.compile(
    r"\b(range|ranges|figures?|numbers|how much|ballpark|bracket)\b"
    r"|\bsays? about (the )?(salary|salaries|pay)\b",
    re.I,
)

# "does that go up a lot after a few years?" after pay figures: how pay grows, i.e. what drives it.
ASKS_PAY_GROWTH = re.compile(
    r"\b(does|do|will|would|can|could|how (much|fast|quickly) (does|do|will|can))\s+"
    r"(that|it|this|pay|the pay|salary|the salary|they|those|these)\s+(\w+\s+)?"
    # ("what titles could they grow into" asks where the career goes, not about pay)
    r"(go up|goes up|grow|rise|increase|improve|jump|climb)\b(?!\s+(into|to become)\b)",
    re.I,
)

ASKS_WHY_PAY_VARIES = re.compile(
    r"\bwhy\b.*\b(range|ranges|gap|difference|spread|vary|varies|different)\b"
    # "why is it so much lower than the US?" after the UK's figures
    r"|\bwhy\b.*\b(lower|higher|less|more|smaller|bigger|cheaper|so low|so high)\b"
    r"|\bwhat (pushes|drives|affects|decides|determines|moves)\b",
    re.I,
)
