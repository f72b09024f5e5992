"""How people word what they ask: the patterns the dialogue state reads a message by.

Each pattern names one way of asking ("how do i become an ml engineer", "who hires them",
"sum up mlops in one line") that the classifier alone may read as another intent;
``actions.state`` decides what to answer with them. Patterns for what a question asks of the
last answer (tax, bonus, sources…) and for pay are in ``actions.aspects``.
"""

from __future__ import annotations

import re

# What asks what the bot can do speaks to it ("what can you tell me", "menu", "help me"); "what
# would help my application stand out" (0.64) does not.
ADDRESSES_THE_BOT = re.compile(
    r"\b(you|your|u|ur|tu|vous|bot|chatbot|menu|options?|features|scope|example questions)\b"
    r"|\bhelp( me| please)?\W*$|\bhow (does|do i use) this\b"
    r"|\bwhat (should|can|could|to) (i )?ask\b|\bcan (i|we) (ask|talk)\b"
    r"|\bwhat('?s| is) this\b",
    re.I,
)
# "where does *that* come from?" points at the last answer; "what are your sources?" does not.
POINTS_AT_LAST_ANSWER = re.compile(
    r"\b(that|this|these|those|it|figures?|numbers?|range|differ\w*|difference|disagree\w*"
    r"|two sources|both sources"
    # "is glassdoor reliable" right after figures from Glassdoor: how far they can be trusted
    r"|reliable|trustworthy|trust|accurate|credible|legit)\b",
    re.I,
)
# "what should i focus on first?", "where do i start": asked by someone changing careers, how
# people move in.
ASKS_WHERE_TO_START = re.compile(
    r"\b(focus on|start|begin|first|learn|prioriti[sz]e|next step|next steps|do next)\b", re.I
)
# "and if i don't have one?", "what about without it": the last topic's subject, lacking it.
DOES_WITHOUT_IT = re.compile(
    r"\b(don'?t|do not|dont|didn'?t|never|no|without|sans|pas)\b[^?.]{0,20}\b(one|it|that|them"
    r"|any|degree|diploma|diplôme|un|en)\b",
    re.I,
)
# "how do i break in?", "a foot in the door": how to get into the career at all.
GETS_IN = re.compile(
    r"\bhow (do|can|could|would|should|does) (i|you|one|someone|people|a \w+) (even )?"
    r"(get|break) in(to it)?\b(?! \w)|\bfoot in the door\b|\bbreak in\b\W*$",
    re.I,
)
# "how do i become an ml engineer then": how to get started (not how to become a senior one).
BECOMES_ONE = re.compile(
    r"\bhow (do|can|could|would|should|does|to) (i |you |one |someone |people )?(even )?"
    r"(become|get to be|turn into) (an? )?(ml|mle|machine learning)\b"
    # "could i be an ml engineer one day?"
    r"|\b(could|can|will|would|might) (i|someone like me|he|she) (ever |one day |really |still )?"
    r"(be|become) (an? )?(ml|mle|machine learning)\b"
    # "could i do ml engineering later"
    r"|\b(could|can|will|would|might) (i|someone like me|he|she) (ever |one day |really |still )?"
    r"(do|get into|go into|work in) (ml|mle|machine learning)( engineering)?\b",
    re.I,
)
_SOURCE_NOUNS = r"(sources|pages|guides|sites|websites|articles|docs|documents)"
# "... according to your sources", "what do your sources say about germany": a question about
# the subject, not about the sources.
ACCORDING_TO = re.compile(
    rf"\b(according to|based on|per|from what) (your|the|these|those|you'?r?e?) ?{_SOURCE_NOUNS}"
    r"( say)?\b"
    rf"|\b(what|anything|do|does|did)( do| does| did)? (your|the|these|those|ur) {_SOURCE_NOUNS}"
    r" (say|said|tell me|have to say|mention)( anything)? (about|on|regarding)\b"
    # "which of those do your sources say matter?"
    rf"|\b(do|does|did) (your|the|these|those|ur) {_SOURCE_NOUNS} (say|think|recommend|suggest)\b",
    re.I,
)
# "what would the first step be", "where should i begin": how to get started.
FIRST_STEP = re.compile(
    r"\b(first|1st|next) (step|steps|move|thing to do)\b|\bwhere (do|does|should|would|can)"
    r" (i|one|you|he|she|they) (start|begin)\b"
    r"|\bwhat (should|do|does|would|shall|must) (i|one|we|he|she|they) do (first|next)\b"
    r"|\bhow (do|can|should|would|to) (i |one |you |someone )?(even )?(start|begin|get started)\b"
    # "what's the fastest route" after a career changer's question: the way in
    r"|\b(fastest|quickest|shortest|easiest|best|realistic) (route|way|path)( in)?\W*$",
    re.I,
)
# "just finished a bootcamp, can i apply for ML engineer jobs straight away?" (read as the
# courses it names): whether and how to get in.
CAN_I_APPLY = re.compile(
    r"\bcan (i|someone like me|one) (already |now |just )?(start )?(apply|applying|get hired"
    r"|land (a|an|the) |get (a|an|the) (\w+ ){0,3}(job|role|position))",
    re.I,
)
# "what should i focus on?" (read as the specialisations at 0.48): what to work on to get in,
# unless it asks which area ("what area should i focus on").
WHAT_TO_FOCUS_ON = re.compile(
    r"\bwhat (should|do|would|must|shall) (i|one|we) (focus|concentrate|work) on\b", re.I
)
NAMES_AN_AREA = re.compile(
    r"\b(area|areas|type|types|kind|field|domain|niche|speciali[sz]\w*)\b", re.I
)
# "is it a stable career?", "is this job safe?": the job outlook, not the career path ("where
# does this job lead long term" is the career path).
ASKS_STABILITY = re.compile(
    r"\b(stable|stability|secure|job security|safe|future[- ]proof|here to stay)\b"
    # "are companies actually hiring right now?", "is there demand for them": the outlook too
    r"|\b(still|actually|really|even) hiring\b|\bhiring (right )?now\b|\bin demand\b"
    r"|\bdemand for\b|\bjob market\b"
    # "honestly is it a real job or a fad": whether it lasts, the outlook
    r"|\b(fad|hype|hyped|bubble|trend|trendy|passing|real job|going to last|gonna last)\b",
    re.I,
)
# "is it realistic for me?", "is that doable": said by someone with a job, whether they can move in.
ASKS_IF_REALISTIC = re.compile(
    r"\b(realistic|realistically|feasible|doable|achievable|viable|réaliste|faisable"
    r"|envisageable|pipe dream)\b"
    r"|\b(is|would) (it|that|this|ml engineering|(a|the) (switch|move|change)) (even )?"
    r"(possible|a good (idea|move))\b",
    re.I,
)
# "are they expensive?", "how much do they cost": the price of what was just answered.
ASKS_COST = re.compile(
    r"\b(expensive|pricey|costly|cost|costs|price|prices|afford|affordable|fees?|tuition"
    r"|cheapest|cheaper|least expensive|cher|chers|coûte\w*|prix)\b",
    re.I,
)
# "what does it take to get there?", "how do you move up": how people rise to a level.
ASKS_HOW_TO_RISE = re.compile(
    r"\bwhat (does|would|will) it take to (get|become|reach|move up|be)\b"
    r"|\bhow (do|can|would|does) (i|you|one|someone|people) (get|move|progress|climb|rise)"
    r" (there|up|to (that|senior|lead)\w*)\b",
    re.I,
)
# "is that the same everywhere?" after a typical day: how the job varies by employer.
SAME_EVERYWHERE = re.compile(
    r"\b(same|similar|identical|like that) (everywhere|every ?where|at every \w+|in every \w+"
    r"|for everyone)\b|\beverywhere the same\b|\b(does|do|would) (it|that|this) vary\b",
    re.I,
)
# "is that the same at big companies and startups?", "does it differ by company?"
VARIES_BY_EMPLOYER = re.compile(
    r"\b(same|different|differ\w*|vary|varies|change|changes)\b[^?.]*\b(compan(y|ies)|startups?"
    r"|employers?|corporates?|corporations?|big tech|firms?|orgs?|organi[sz]ations?)\b"
    r"|\b(startups?|big tech|corporates?) (vs|versus|or|and) (big|large|small|startups?|corporate"
    r"|big tech)\b",
    re.I,
)
# "would employers value that?", "does a phd count for much": whether a study route is worth it.
ASKS_IF_VALUED = re.compile(
    r"\b(value|values|valued|count|counts|worth|recogni[sz]ed|respected|matter|matters|help"
    r"|helps)\b",
    re.I,
)
# "us" typed alone after pay figures: the United States, not the pronoun.
BARE_US = re.compile(r"^\W*(and |what about |how about |ok |now |then )?us\W*$", re.I)
# "what should I expect them to own?" (a hiring manager, read as skills at 0.53): the duties.
ASKS_WHAT_THEY_OWN = re.compile(
    r"\b(expect|want|need|get)\s+(them|him|her|our \w+|the \w+|an? \w+( engineer)?)\s+to\s+"
    r"(own|do|handle|deliver|take on|take care of|be responsible for|work on)\b"
    r"|\bwhat (would|will|do|does|should) (they|he|she|an? \w+( engineer)?) (own|be responsible"
    r" for|take care of|be in charge of)\b",
    re.I,
)
# "how does that compare with…": the figures set beside others.
COMPARES = re.compile(r"\b(compare[sd]?|comparison|vs|versus|against|stack up)\b", re.I)
# ... or two things set side by side in other words ("how is it different from…", "between").
COMPARES_TWO = re.compile(
    COMPARES.pattern + r"|\b(compar\w*|differ\w*|différen\w*|between|entre|than|or|par rapport)\b",
    re.I,
)
# "pay difference?", "any gap in salary": pay set beside pay (a role compared just before).
ASKS_PAY_DIFFERENCE = re.compile(
    r"\b(pay|salary|salaries|earnings?|wages?|comp) (difference|diff|gap|differential)s?\b"
    r"|\b(difference|gap)s? in (pay|salary|salaries|earnings|wages|comp)\b"
    r"|\bdifférence de salaire\b",
    re.I,
)
# "what's the difference in what they do": two things told apart.
DIFFERENCE = re.compile(r"\b(differ\w*|difference|distinguish\w*|vs|versus|compare\w*)\b", re.I)
# "why are they different", "why do the sources disagree": two sources' figures set apart.
SOURCES_DIFFER = re.compile(r"\b(differ\w*|disagree\w*|not the same)\b", re.I)
# "what's the pay there?": the place the conversation named last.
POINTS_AT_PLACE = re.compile(r"\b(there|over there|that country|in that place|là-bas)\b", re.I)
# A person saying they hold a job the sources compare with this one, that people move in from
# ("3 years as a data scientist", "I'm a data engineer").
HOLDS_THE_ROLE = re.compile(
    r"\b(as an?|i'?m an?|i am an?|currently an?|working as an?|work as an?|je suis)\s+"
    r"(\w+\s+){0,2}data (scien|engin)",
    re.I,
)
# "source?", "sources pls", "says who": right after an answer, that answer's sources.
ASKS_BARE_SOURCE = re.compile(
    r"^\W*(and )?(the )?(source|sources|src|srcs|says who|ref|refs|reference|references|link"
    r"|links)"
    r"( ?(\+|&|and|,) ?(the )?(date|dates|year|when))?( (pls|please|plz))?\W*$",
    re.I,
)
# "c'est quelle source ?", "ça vient d'où ?": French for the source of what was just said.
POINTS_AT_LAST_ANSWER_FR = re.compile(
    r"\b(c'?est quelle source|quelle source|ça vient d'o[uù]|ca vient d'o[uù]|d'o[uù] ça vient"
    r"|d'o[uù] ca vient|ces chiffres|ce chiffre)\b",
    re.I,
)
# "what about the senior ones over there", "and for leads?": a message that opens as a follow-up.
OPENS_AS_FOLLOW_UP = re.compile(
    r"^\W*((ok(ay)?|fine|right|so|alright|hmm+)\W+)*(and|what about|how about|same for|now for)\b",
    re.I,
)
# "im in year 12, what should i study at uni": which studies, not how to get started.
ASKS_WHAT_TO_STUDY = re.compile(
    r"\bwhat (should|do|would|could|must|shall) (i|he|she|they|we|one|you) (study|major in|read)\b"
    # "ok and what do i have to study to get there"
    r"|\bwhat (do|would|will) (i|he|she|they|we|you) (have|need) to study\b"
    r"|\bwhat to (study|major in)\b|\bwhich (degree|subject|course|major)s?\b"
    # "whats the best thing to study if i wanna do this later"
    r"|\b(best|right|good|smartest) (thing|things|subjects?|degrees?|courses?)"
    r" to (study|major in)\b"
    r"|\bwhat (degree|subject|major|class|course|module|a-level)s? (should|do|would|to)\b",
    re.I,
)
# "whats a good first project to build", "like what kind of project though": what to show
# employers, which the pages tell under getting started ("Create examples of real work…").
# (A portfolio is searched: the pages' "case studies, dashboards, GitHub work" answer it.)
ASKS_ABOUT_PROJECTS = re.compile(
    r"\b(projects?|side projects?)\b[^.]*\b(build|do|make|start|show|put|pick|choose"
    r"|good|kind|type|sort|which|what)\b"
    r"|\b(build|do|make|start|show|put|pick|choose|good|kind|type|sort|which|what)\b[^.]*"
    r"\bprojects?\b",
    re.I,
)
# "what kind of projects tho", "whats a good first project to build": which projects to show.
ASKS_WHICH_PROJECTS = re.compile(
    r"\b(what|which|kind|type|sort|good|best)\b[^.]*\bprojects?\b"
    r"|\bprojects?\b[^.]*\b(to (build|show|make|do|pick|choose))\b",
    re.I,
)
# "what makes someone stand out to hiring managers", "how do i show employers i can do the
# work": what employers want to see of someone getting in.
ASKS_HOW_TO_STAND_OUT = re.compile(
    r"\b(stand out|standout|impress\w*|catch (their|the) eye|get noticed"
    r"|(show|prove|convince|demonstrate to) (employers|them|recruiters|hiring managers|companies)"
    r"|prove (i|that i|myself)|what (do |would )?(employers|hiring managers|recruiters|companies)"
    r" (look for|look at|want to see|want))\b",
    re.I,
)
# "what jobs should i apply for" (skills at 0.27): the entry routes of getting started.
ASKS_WHICH_JOBS_TO_APPLY = re.compile(
    r"\b(what|which) (jobs|roles|positions|job titles) (should|can|could|do|would) (i|we|one|he"
    r"|she|they) (apply|go|look)\b",
    re.I,
)
# "would my healthcare background count for anything": what the pages say of that field.
ASKS_IF_BACKGROUND_COUNTS = re.compile(
    r"\b(would|will|does|do|could|can|is) (my|a|an|the) (?P<field>([\w-]+ ){1,2})"
    r"(background|experience)\b"
    r"[^?.]*\b(count|help|matter|transfer|useful|valued|value|worth|relevant|advantage|asset)",
    re.I,
)
# "…customer support for years, does that count for anything": whether a background helps.
BACKGROUND_COUNTS = re.compile(
    r"\b(does|do|would|will|could|can|is) (that|this|it|those|these|any of (that|this|it))"
    r" (\w+ )?(count|help|matter|transfer|be useful|be relevant|be worth)\b",
    re.I,
)
# "what are day rates like" (a typical day at 0.82): pay by the day, which the salary answer
# says no page gives where none does.
ASKS_RATES = re.compile(r"\b(day|daily|hourly) rates?\b|\bper (day|hour)\b|\bTJM\b", re.I)
# "who's cheaper to hire" right after two roles were compared: whose pay is lower.
ASKS_WHO_COSTS_LESS = re.compile(
    r"\b(cheaper|less expensive|more expensive|pricier|costs? (more|less)) to (hire|employ|recruit"
    r"|pay|bring on)\b|\bwho('?s| is) (cheaper|more expensive|pricier)\b",
    re.I,
)
# "what does the job pay" (what drives pay at 0.34): the figures.
ASKS_WHAT_IT_PAYS = re.compile(
    r"\bwhat (does|do|would|will|might|could) (it|the job|the role|this job|that job|this role"
    r"|they|one|an? [\w -]{2,30}) (pay|earn|make)\b",
    re.I,
)
# "what sort of person does well in it?", "who thrives in this job": who the job suits.
ASKS_WHO_IT_SUITS = re.compile(
    r"\b(what|which) (sort|kind|type)s? of (person|people|personality|personalities|character)\b"
    r"(?! skills)|\bwho (does well|do well|thrives?|is suited|fits|would (enjoy|like|love))\b"
    # "is it a bad idea to go into ml eng if i kinda hate talking to people"
    r"|\b(bad|good|terrible|dumb|smart) (idea|fit|choice|move)\b[^?]*\bif i( kinda| really"
    r"| sort of| just)? (hate|dislike|can'?t stand|am not good at|'?m not good at|am bad at)\b",
    re.I,
)
# "what can i ask for apart from base pay?", "besides salary, what's negotiable": the package.
ASKS_BEYOND_BASE_PAY = re.compile(
    r"\b(apart from|besides|other than|on top of|beyond|aside from|except|in addition to)\s+"
    r"(the\s+|my\s+|a\s+)?(base\s+)?(pay|salary|money|wage|comp)\b"
    # "what else can i ask for besides the base"
    r"|\b(apart from|besides|other than|on top of|beyond|aside from|except) (the |my )?base\b"
    r"|\b(perks|benefits|negotiable)\b",
    re.I,
)
# "got my first interview next week, what do they test": what interviews look at.
ASKS_ABOUT_INTERVIEWS = re.compile(
    r"\b(interviews?|interviewing|interviewers?|final round|onsite|on-site round|technical round"
    r"|technical test|hiring process|recruitment process|screening call)\b",
    re.I,
)
# The names of an interview's rounds, searched as "interview" ("got a final round next thursday").
ROUND_OF_INTERVIEWS = re.compile(
    r"\b(final|first|second|third|technical|onsite|on-site|last) (round|stage)s?\b"
    r"|\bscreening call\b",
    re.I,
)
# "is that in US dollars?", "en dollars canadiens": a country's name as part of a currency's.
CURRENCY_UNIT = re.compile(r"\s*(dollars?|pounds?)\b", re.I)

# "what about location", "and the industry?": one of what drives pay, named after it.
NAMES_A_PAY_FACTOR = re.compile(
    r"\b(location|locations|where you live|city|cities|region|industry|industries|sectors?"
    r"|company size|experience|seniority)\b",
    re.I,
)
# "what does feature engineering in that list mean?", "the applied one you mentioned", "which
# one of those is more about keeping models running": an item of the last answer.
POINTS_INTO_LAST_LIST = re.compile(
    r"\b(in|on|from|of) (that|the|this|your) (list|answer|reply|message)\b"
    r"|\bthe \w+( \w+)? ones? (you|u) (mentioned|listed|said)\b"
    r"|\bwhich (one|ones|of (those|them|these))( of (those|them|these))? (is|are|does|do|deals?"
    r"|works?|focus(es)?)( more| mostly| most| all)? (about|on|with|into)\b"
    # "which of those is the one that's mostly about deployment"
    r"|\bwhich (one|of (those|them|these)) is the one (that'?s?|who'?s?|which)\b"
    # "and which one does the self driving car stuff", "which of them handles chatbots"
    r"|\bwhich (one|of (those|them|these)) (does|do|handles?|builds?|makes?|covers?)"
    r"(?! (the )?(most|best|more|least)\b)\b",
    re.I,
)
# "how do i negotiate my offer", "what perks could i ask for": negotiating pay.
NEGOTIATES = re.compile(
    r"\bnegotiat\w*|\bcounter[- ]?offer\b|\bperks?\b|\bask for (more|a raise)\b|\blow[- ]?ball"
    r"|\bpush (for|them for) (more|a raise|higher|a better)\b"
    # "how do i push back" on an offer; "comment négocier mon salaire"
    r"|\bpush back\b|\bn[ée]goci\w*",
    re.I,
)
# "who are those meetings with", "et ils bossent avec qui ?": who ML engineers work with.
ASKS_WHO_THEY_WORK_WITH = re.compile(
    r"\bwho (do|does|will|would|are|is) (all )?(they|ml engineers|mles|ml engs?|i|you"
    r"|those meetings"
    r"|these meetings|the meetings)( usually| mostly| typically| normally)?( be)?"
    r" (work|working|collaborate|collaborating|team up|with)\b|\bavec qui\b"
    # "who do ml engineers usually work alongside?"
    r"|\bwho\b[^?]{0,40}\b(work|working) alongside\b",
    re.I,
)
# "what would i be missing?", "what gaps do i have": the skills the person may lack.
ASKS_WHAT_IS_MISSING = re.compile(
    r"\bwhat (would|will|am|do|might) i (be )?(missing|lacking|lack|need to (learn|fill|close))\b"
    r"|\bwhat (gaps|skills gaps?|skill gaps?) (do|would|will|might) i\b|\bmy (skills? )?gaps\b"
    r"|\bwhat('s| is| am i) missing\b|\bqu'est-ce qui me manque\b|\bce qui me manque\b",
    re.I,
)
# "do write-ups or dashboards count or only code", "is it all about tools or also how i think":
# a question on the subject just searched, in words that name no subject of their own.
WEIGHS_THE_LAST_SUBJECT = re.compile(
    r"\b(do|does|would|will|can|could) [\w\s,'/-]{1,40}\bcount\b|\bcounts? (too|as well)\b"
    r"|\bis it (all|only|just|mostly|really) about\b|\bor (just|only) (code|coding|tools)\b"
    # "so its not just coding questions?", "how do i prep for that side of it"
    r"|\bnot (just|only|all) (about )?\w+|\bprep(are)? for (that|it|this|those)\b",
    re.I,
)
# "and remind me of the range itself", "what was the range again": the figures once more.
ASKS_AGAIN = re.compile(r"\b(remind me|again|once more|repeat)\b", re.I)
# "where do i even start?", "par où commencer ?": how to get in, however short.
ASKS_WHERE_TO_BEGIN = re.compile(
    r"^\W*((and|et|ok|so|alors|bon)\W+)*(where|how) (do|should|would|can|could) (i|we|one|you)"
    r" (even )?(start|begin)\W*$|\bpar (où|ou|quoi) (je )?commencer\b|\bcomment (je )?commencer\b"
    r"|^\W*where to (start|begin)\W*$"
    # "whats the easiest way to start when ur 15"
    r"|\b(best|easiest|quickest|fastest|simplest) way to (start|begin|get started|get in)\b",
    re.I,
)
# "c'est un métier à part ?", "is it a separate job?": a specialisation as a job of its own.
ASKS_IF_SEPARATE_JOB = re.compile(
    r"\b(métier|job|poste|role|career|position) à part\b"
    r"|\b(a )?separate (job|role|career|position)\b|\b(its|their) own (job|role)\b",
    re.I,
)
# A part of a typical day asked about, in English as the pages name it ("et en fin de
# journée ?" is the page's "End of day").
DAY_PARTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), name)
    for pattern, name in (
        (
            r"\b(fin de (la )?journée|end of (the )?day|evening|soir|soirée|after work)\b",
            "end of day",
        ),
        (r"\b(après-midi|apres-midi|afternoons?)\b", "afternoon"),
        (r"\b(midi|midday|lunch|noon)\b", "midday"),
        (r"\b(matin|matinée|mornings?)\b", "morning"),
    )
)
# "how many ml engineer jobs are open", "what's the growth rate in %": the job market in numbers,
# which the pages describe only in words (the outlook).
ASKS_MARKET_NUMBERS = re.compile(
    r"\b(growth rate|job growth|hiring rate"
    r"|how many [\w\s]{0,25}(jobs|openings|positions|vacancies)"
    r"|number of (jobs|openings|positions|vacancies)|job openings|open (roles|positions))\b",
    re.I,
)
# "and if we hired someone in the uk instead?": a place to hire in, after pay, asks its pay.
HIRES_THERE = re.compile(r"\b(hire|hired|hiring|recruit\w*|employ|employed|budget\w*)\b", re.I)
# "without a cs degree", "no degree", "sans diplôme": getting in without one.
WITHOUT_A_DEGREE = re.compile(
    r"\b(without|no|don'?t have|do not have|dont have|sans)( a| an| any| my| un)?"
    r"( [\w-]+){0,2} (degree|diploma|diplôme|bachelor'?s|masters?|master's)\b",
    re.I,
)
# "where do the best paid seniors end up working": where the figures are earned, which a page
# may say beside them ("especially in large Tech companies or internationally").
ASKS_WHERE_PAID = re.compile(
    # ("where do these people usually work" asks where ML engineers work, not who pays)
    r"\bwhere (do|does|would|are|is|can)( the)? (best[- ]paid|highest[- ]paid|top|(those|these)"
    r" (top|best|highest|senior|well)\w*|seniors?)\b"
    r"(?![^?]*\b(kinds? of compan\w*|industr\w*|sectors?|employers)\b)[^?]*\b(work"
    r"|working|end up|based|found|earn|get)\b"
    # "why's the top so high? who pays that"
    r"|\bwho (pays|would pay|is paying|actually pays|offers|gets) (that|this|those|these|it|so much"
    r"|that much|the top)\b"
    # "what makes the very top end possible"
    r"|\bwhat (makes|gets (you|people|someone) to|puts (you|people|someone) (in|at)) the (very )?"
    r"(top|high|upper)\b",
    re.I,
)
# "what other uk career resources do the pages point to": pointers to advice elsewhere.
# ("which cloud services come up for deploying" asks for cloud tools)
ASKS_FOR_RESOURCES = re.compile(
    r"\b(advice|resources?|hubs?|(?<!cloud )(?<!aws )services?|guidance|training routes?)\b", re.I
)
# "whats an mlops engineer, … and what tools do they use?": they, as the part before named them.
# ("…is there an ML job that's about images? what would it involve?": it, that job)
THEY = re.compile(
    r"\b(they|them|their|those engineers|these engineers)\b"
    r"|\b(would|does|will) it (involve|entail|pay|take|look like|require|need)\b",
    re.I,
)
# "which ones are mentioned", "are they any good": a short part about the part before it.
POINTS_AT_THE_PART_BEFORE = re.compile(r"\b(ones|those|them|they|these)\b", re.I)
# "does a phd pay more than a masters? by how much": how much, of the part before.
HOW_MUCH_ALONE = re.compile(r"^\W*(and |but )?(by )?how much( more| less)?\W*$", re.I)
IN_A_LANGUAGE = re.compile(r"\b(in|en) (english|anglais|french|français|spanish)\b", re.I)
# "we're hiring our first ML engineer", "i'm recruiting an mle": someone hiring, who says so.
SAYS_HIRING = re.compile(
    r"\b(we'?re|we are|i'?m|i am|we will be|we'll be|our team is|my company is)"
    r" (hiring|recruiting|looking to hire|trying to hire|about to hire|going to hire)\b",
    re.I,
)
# "what titles do ml engineers go by", "which job titles are there": the roles named.
ASKS_JOB_TITLES = re.compile(
    r"\b(what|which) (other )?(job )?titles\b|\btitles? (do|does|would|could|can|are)\b", re.I
)
# "are there diff kinds of ml engineers or is it one job": the specialisations.
ASKS_KINDS_OF_THE_JOB = re.compile(
    r"\b(kinds?|types?|sorts?|flavou?rs?|varieties) of (ml|mle|machine learning) ?"
    r"(engineers?|engineering|jobs?|roles?|mles)\b",
    re.I,
)
# "could i start my own company later": where the career can lead.
STARTS_OWN_COMPANY = re.compile(
    r"\b(start|starting|found|founding|launch|launching|run|running|create|creating)"
    r" (my|your|their|our|his|her|an?) (own )?(ai )?"
    r"(company|startup|start-up|business|firm)\b",
    re.I,
)
# "where's that from", "who wrote it", "source?": words for where an answer comes from.
SPEAKS_OF_SOURCES = re.compile(
    r"\b(sources?|from|wrote|written|writes|says?|said|according|data|sites?|pages?|guides?"
    r"|articles?|references?|cite\w*|links?|trust\w*|reliable|accurate|based|d'o[uù]"
    r"|viennent|vient|sortent|who (is|are) (they|you|behind))\b",
    re.I,
)
# "who hires them", "which companies employ ml engineers": the employers and sectors.
WHO_HIRES = re.compile(
    r"\bwho (hires|employs|recruits|is hiring|would hire|pays for)\b"
    r"|\b(which|what) (sorts? of |kinds? of |types? of )?(companies|firms|employers|businesses"
    r"|organi[sz]ations|places) (hire|employ|recruit)"
    # "and what kind of employers does the uk guide list"
    r"|\b(what|which) (sorts?|kinds?|types?) of (companies|firms|employers|businesses"
    r"|organi[sz]ations)\b",
    re.I,
)
# "for career changers?", "and for people without a degree?": the same topic, for them.
FOR_SOMEONE = re.compile(
    r"^\W*(and |what about |how about |ok |so )?(for|pour) (career[- ]changers?|people|someone"
    r"|those|adults|beginners|students|parents|women|older people|les reconversions?"
    r"|quelqu'un)\b[^?]{0,40}\??\s*$",
    re.I,
)
# "which of those is closest to devops", "which one is most like data engineering"
CLOSEST_TO = re.compile(
    r"\b(closest|nearest|most similar|most like|most related|similar|closer|related) to"
    r"\s+(?P<item>[^?.!,]{2,30})",
    re.I,
)
# "why is communication on there", "why are statistics so important": why an item counts.
WHY_LISTED = re.compile(
    r"\bwhy (is|are|does|do|would)\s+(?P<item>[^?.!]{2,40}?)\s+(be )?(on (there|the list|that list)"
    r"|listed|included|in there|mentioned|so important|important|needed|useful|matters?)\b",
    re.I,
)
# "whats the highest salary an ml engineer can get", "the most you can earn"
HIGHEST_PAY = re.compile(
    r"\b(highest|top|max|maximum|biggest|best)\s+(possible\s+)?(salary|salaries|pay|earnings?"
    r"|wages?)\b|\bthe most (an? \w+ |you |one |they |i )?(can|could) (earn|make)\b"
    # "whats the top of the market there"
    r"|\btop of the (market|range|scale)\b",
    re.I,
)
# "what should my portfolio have", "what kind of stuff should i show to get hired": what to
# show employers, which the pages say ("case studies, dashboards, GitHub work…").
PORTFOLIO_QUESTION = "portfolio: what employers like seeing, examples of real work"
PORTFOLIO = re.compile(
    r"\bportfolios?\b|\bput (on|in) (my |a |the )?(github|cv|resume|résumé)\b"
    r"|\bwhat\b[^.?]*\b(should|do|can|could) (i|we|you) (show|showcase)\b"
    r"|\b(show|showcase)\b[^.?]*\b(to get hired|get hired|hiring managers|employers|recruiters)\b"
    # "what should i have ready to show off when applying, like proof i can do the work"
    r"|\bshow off\b|\bproof (that )?i can\b|\bprove (that )?i can (actually )?do\b"
    # "what kinda stuff do i put out there so recruiters take me seriously"
    r"|\bput out there\b|\btake me seriously\b|\bmy github\b"
    # "what do employers want to see from me besides a cv"
    r"|\b(employers|recruiters|hiring managers|companies) (want|like|expect) to see\b",
    re.I,
)
PAY_GAP = re.compile(r"\b(gender|race|racial|ethnic)?\s*pay gaps?\b", re.I)
# "which countries do you have numbers for": figures held, whatever the classifier read.
HAS_FIGURES_FOR = re.compile(
    r"\b(have|got|give|hold|know)\b[^?]*\b(figures?|numbers?|data|estimates?|salar(y|ies))\b", re.I
)
# "will i get that?", "is that guaranteed": whether the figures shown are what one will be paid.
EXPECTS_THE_FIGURE = re.compile(
    r"\b(will|would|can|could|do|does) (i|you|we|one|they|he|she|everyone) (really |actually )?"
    r"(get|earn|make|be paid|expect) (that|this|those|these|it)\b"
    r"|\b(ill|i'll|i will|i'd|id) (get|earn|make) (that|this|those|these)\b|\bguarantee\w*\b"
    r"|\bcount on (that|it|those|these)\b"
    # "so is the midpoint what i'll get?"
    r"|\bwhat (i'll|ill|i will|i would|i'd|id|i'm going to|im going to) (get|earn|make|be paid)\b"
    # "so is that what every employer pays?"
    r"|\bwhat (every|each|any|all) (employers?|compan(y|ies)) (pays?|offers?|gives?)\b",
    re.I,
)
FIGURE_PROMISED = "is the salary midpoint a guarantee for every employer or region"
# "sum up mlops in one line", "in a nutshell, what is it": the last answer, condensed.
SUMS_UP = re.compile(
    r"\bsum(s|med|ming)? (it |this |that |them |\w+ )?up\b|\bsummari[sz]e\b|\btl;?dr\b"
    r"|\bin (one|a|1|two|2) (line|sentence)s?\b|\bin a nutshell\b|\bone[- ]liner\b"
    # "now squeeze all that into something tiny", "boil it down", "condense that"
    r"|\b(squeeze|squash|cram|boil|cut|condense|compress|shrink|trim|reduce)\w* (it|this|that"
    r"|all that|them"
    r"|everything)\b[^?]{0,25}\b(down|tiny|short|shorter|small|smaller|brief|few)\b"
    r"|\bcondense\w*\b",
    re.I,
)
# "keep it short pls", "short answer please": how to answer, said beside the question.
ASKS_BRIEFLY = re.compile(
    r"\bkeep it (short|brief)\b|\bshort answer\b|\bbriefly\b|\bin short\b|\bquick answer\b"
    r"|\bshort (pls|please|plz)\b|\ben bref\b",
    re.I,
)

# "ok and what about education", "and certs?": a follow-up that names a topic in one word or
# two, answered as that topic (the classifier reads "what about …" as a filter follow-up).
TOPIC_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        intent,
        re.compile(
            rf"^\W*((ok|okay|and|so|now|right)\W+)*(what|how) about\W+(the\W+)?({words})"
            rf"\W*(then|too|though|now)?\W*$|^\W*(and\W+)?({words})\W*(then|too)?\W*$",
            re.I,
        ),
    )
    for intent, words in (
        ("ask_education", r"education|studies|studying|degrees?|schooling|qualifications"),
        ("ask_certifications", r"certs?|certifications?|certificates?"),
        ("ask_skills", r"skills?|skillset|skill set"),
        ("ask_industries", r"industries|industry|sectors?|employers"),
        ("ask_outlook", r"outlook|job market|demand|future prospects|prospects"),
        ("ask_duties", r"duties|responsibilities|tasks|day[- ]to[- ]day"),
        ("ask_typical_day", r"a typical day|typical day|daily routine"),
        ("ask_career_path", r"career path|progression|career progression|promotions?"),
        ("ask_specialisations", r"specialisations?|specializations?|specialities|specialties"),
        ("ask_workplace", r"workplace|work environment|working conditions"),
    )
)


# "why that one tho", "how come python?", "why is that the priority": the reason for what the
# last answer singled out.
ASKS_WHY_THAT_ONE = re.compile(
    r"^\W*(but |and |so |ok |okay |hmm )?(why|how come|what makes)( is| was)?"
    r"( (that|this|it|that one|this one|[\w+#-]+))?"
    r"( (one|first|most|top|priority|the priority|number one|the most important|so important"
    r"|matter so much|matters most))?( tho| though| then| exactly)?\W*$",
    re.I,
)


# "is lyon less?", "does berlin pay more?": one place's pay weighed against another's.
WEIGHS_PAY = re.compile(
    r"\b(less|lower|more|higher|cheaper|better|worse|same|similar|different|differ|moins|plus)\b",
    re.I,
)


# "could i start my own thing eventually", "on peut monter sa propre startup ?": founding a
# company, which the pages name among where the career leads.
FOUNDS_A_COMPANY = re.compile(
    r"\b(start|found|launch|create|build|run|open|monter|créer|creer|lancer|fonder)\w* (up )?"
    r"(my|your|their|our|his|her|one's|sa|ma|mon|son|une?) (own |propre )?(thing|company|business"
    r"|startup|start-up|boîte|boite|entreprise|société|societe)\b"
    r"|\b(own|propre) (ai |ia )?(startup|start-up|company|business|boîte)\b",
    re.I,
)


# "why do companies even need them if they already have data scientists", "why do companies
# hire machine learning engineers": why the role exists.
WHY_COMPANIES_NEED = re.compile(
    r"\bwhy (do|would|does|should) (companies|employers|businesses|firms|orgs?|organi[sz]ations"
    r"|teams|startups)( even| still| really| actually)? (need|hire|want|pay for)\b",
    re.I,
)
# "no way im doing a masters", "can't go back for a degree": studying without a degree.
NO_DEGREE_FOR_ME = re.compile(
    r"\b(no way|not|never|won'?t|can'?t|cannot|couldn'?t)( i'?m| am i| i)?( be)?"
    r" (doing|do|afford|go back for|going back for|getting|get|spend \w+ on) (a |an |another )?"
    r"(masters?|master's|degree|phd|bachelor'?s?|uni|university)\b",
    re.I,
)
# "what should i be asking for" with a place or a level: the pay to ask.
ASKS_WHAT_TO_ASK_FOR = re.compile(
    r"\bwhat (should|can|could|do) i (be )?(ask|asking|aim|aiming|expect|expecting|demand"
    r"|request) (for|at)?\b",
    re.I,
)
# "et au bout de quelques années, il évolue vers quoi ?": where the career leads, in French.
CAREER_PATH_FR = re.compile(r"\b[ée]volu\w* vers\b|\b[ée]volutions? de carri[èe]re\b", re.I)

# "programming languages", "python or java": languages to code in, not human language.
PROGRAMMING = re.compile(r"\b(programming|coding|code|python|java|sql|scala|c\+\+|julia)\b", re.I)

# "do they have to worry about their models being unfair to people": ethics, which one page
# lists among the duties ("Ensure fairness, reduce bias").
ASKS_ABOUT_ETHICS = re.compile(
    r"\b(unfair\w*|fairness|bias(ed|es)?|ethic(s|al)?|discriminat\w*|responsible ai|harm\w*"
    r"|racist|sexist)\b",
    re.I,
)

# "is it hard", "how tough is it": how hard the job is, which no page rates.
ASKS_HOW_HARD = re.compile(
    r"^\W*(and |so |but )?(is|would|will) (it|that|this|the job) (be )?(really |very |too |that )?"
    r"(hard|difficult|tough|challenging|stressful)\b|\bhow (hard|difficult|tough) (is|would)\b",
    re.I,
)

# "est-ce que ça aide pour devenir ML engineer ?", "would that help me get in": whether what the
# person said of themselves helps them in.
ASKS_IF_IT_HELPS = re.compile(
    r"\b(does|would|will|could|can) (that|it|this|my [\w-]+( [\w-]+)?) (help|count|matter)\b"
    r"|\b(ça|ca|cela) (aide|m'aide|peut aider|sert|compte)\b",
    re.I,
)

# "would an internship help", "et quels premiers postes viser pour mettre un pied dedans ?", "what
# jobs would be the stepping stone": the routes in that the pages name.
ASKS_ABOUT_ENTRY_ROUTES = re.compile(
    r"\b(internships?|placements?|apprenticeships?|apprentices?|alternance|alternants?"
    r"|stepping[- ]stones?|premiers? postes?"
    r"|mettre un pied|foot in the door|ways? in|side doors?|back doors?|not straight into"
    r"|adjacent (jobs|roles|routes)|entry routes?"
    # "what kinda entry level jobs lead into ml engineering", "what jobs could i aim for first"
    r"|entry[- ]level (jobs|roles|positions|gigs)|(jobs|roles|positions) (that )?(lead|feed)s? "
    r"(in)?to|(jobs?|roles?|positions?) (could|should|can|would|do) i (aim|apply|target|go)"
    r"|first (jobs?|roles?) (to|i could|i should|i can))\b",
    re.I,
)
# "what are the cheapest ways to learn", "can i learn it for free": the online and short courses.
ASKS_CHEAP_WAYS_TO_LEARN = re.compile(
    r"\b(cheap|cheapest|cheaper|free|affordable|low[- ]cost|budget)\b[^?]{0,30}"
    r"\b(ways?|routes?|options?|to learn|learning|courses?|training|study|studying)\b"
    r"|\b(learn|study|train|skill)\w*\b[^?]{0,25}\b(cheaply|for free|on a budget|without paying)\b",
    re.I,
)
# "quel niveau d'études faut-il ? un bac+5 c'est obligatoire ?": the studies, in French.
ASKS_STUDIES_FR = re.compile(
    r"\bniveau d'[ée]tudes\b|\bbac ?\+ ?\d\b|\bquelles? [ée]tudes\b|\bdipl[ôo]mes?\b", re.I
)
# "what affects how much an ml engineer earns in the us", "for the french salaries, what decides
# where you land": what drives pay, even where a country is named.
WHAT_DECIDES_PAY = re.compile(
    r"\bwhat (else )?(affects|determines|decides|drives|influences|impacts)\b[^?]{0,40}"
    r"\b(earn|earns|pay|paid|salar\w*|range|land|lands)\b"
    r"|\bwhat decides where (you|u|someone|one|people|i) lands?\b"
    # "what factors move the number up or down", "how do i maximise what i earn"
    r"|\bwhat (factors?|things?)\b[^?]{0,30}\b(move|push|pushes|affect|drive|change|raise)\b"
    r"|\b(maximi[sz]e|boost|increase|raise) (what (i|you|they) (earn|make|get)|my pay|my salary"
    r"|(my|your|their) earnings)\b"
    # "how can an ML engineer in france push their pay up", "pour gagner plus, des conseils ?"
    r"|\b(push|bump|get|drive) (their|my|your|his|her|the) (pay|salary|salaries|earnings) up\b"
    r"|\bgagner (plus|davantage|mieux)\b|\baugmenter (son|mon|leur) salaire\b",
    re.I,
)

# "where can that go in 5-10 yrs, whats the ladder look like": where the career leads.
ASKS_WHERE_IT_LEADS = re.compile(
    r"\bwhere (can|could|does|will|would) (that|it|this|the job|the career|one|i|you)"
    r" (go|lead|take)"
    r"|\b(career )?ladder\b|\bnext step up\b|\btitles? (exist )?above\b",
    re.I,
)
# "can u do ml engineering from home?": remote work, which the workplace answer covers.
WORKS_FROM_HOME = re.compile(r"\b(from home|remote(ly)?|wfh|t[ée]l[ée]travail)\b", re.I)
# "isnt ML engineering just a fancy name for data science": the two set side by side.
JUST_ANOTHER_NAME = re.compile(
    r"\b(just|only) (a |another )?(fancy |new |posh |trendy |glorified )?(name|word|title|label)"
    r" for\b|\brebrand\w*\b|\bglorified\b",
    re.I,
)
# "do ml engineers have to write docs": documentation, which two pages name.
ASKS_ABOUT_DOCS = re.compile(r"\b(docs|documentation|documenting)\b", re.I)
# "any tips to prep" after what interviews test: preparing for them.
PREPARES = re.compile(r"\b(prep|prepare|preparing|preparation|tips)\b", re.I)

# "would my mood tagging app count for anything when applying": whether a project helps.
COUNTS_WHEN_APPLYING = re.compile(
    r"\bcount (for )?(anything|something|at all)?\b[^?]*\b(apply|applying|applications?|hired"
    r"|jobs?|employers|recruiters)\b",
    re.I,
)
# "once a model is shipped is the mle done with it?": what comes after deployment.
AFTER_SHIPPING = re.compile(
    r"\b(once|after|when) (a |the |my )?(model|it)('s| is| has been| gets)? (shipped|deployed"
    r"|live|in prod\w*|launched|released)\b",
    re.I,
)
# "is calculus in there too?", "is docker on that list", "are soft skills part of it": whether
# something is in the answer just given.
ASKS_IF_IN_THE_LAST = re.compile(
    r"\b(is|are) [\w' -]{1,30} (in there|on (the|that|this) list|in (the|that|this) list"
    r"|included|among (them|those|these)|part of (it|that|this|them))\b",
    re.I,
)
# "ok and after that what do i learn", "what should i study next": the order the pages give.
ASKS_WHAT_TO_LEARN_NEXT = re.compile(
    r"\b(after that|after this|then|next|afterwards)\b[^?.]{0,25}\b(learn|study|pick up|tackle)\b"
    r"|\b(learn|study|pick up|tackle) (next|after that|after this|afterwards)\b",
    re.I,
)
# "which one should i aim for if i like building models", "which of the two suits me": a choice
# between the roles just compared.
CHOOSES_BETWEEN_THEM = re.compile(
    r"\bwhich (one|of (the two|them|those|these|both|the 2))\b[^?]{0,30}"
    r"\b(aim|go for|pick|choose|suits?|fits?|better for|right for|best for|should i|would i)\b",
    re.I,
)
# "convert the UK midpoint to euros", "what's that in pounds": figures wanted in a currency.
CONVERTS = re.compile(
    r"\bconvert\w*\b|\bwhat('s| is| are) [\w ]{0,25}\bin (euros|dollars|pounds|usd|eur|gbp)\b",
    re.I,
)
# "does that apply in france too?", "is it the same in the uk": the last answer, for a place.
APPLIES_THERE_TOO = re.compile(
    r"\b(does|do|would|will) (that|this|it|those|these|they|all that) (apply|hold|work)\b"
    r"|\b(is|are) (that|this|it|they) (the same|similar|different)\b"
    r"|\bsame (thing |story )?(in|for)\b"
    r"|\b(c'est|est-ce) (pareil|la m[êe]me chose)\b",
    re.I,
)
# "for context i live in manchester", "and if I moved to Lyon next year?": where the person is
# or would be, for the answer just given.
LIVES_OR_MOVES = re.compile(
    r"\b(i|we) (live|am|'m|m|work|moved|move|moving|relocate\w*)\b|\bif (i|we) (moved|move|went"
    r"|relocated)\b|\bbased in\b|\bliving in\b",
    re.I,
)
