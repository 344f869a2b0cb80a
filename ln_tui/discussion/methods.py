"""The case discussion methods: the presets from intervision, and checks for custom ones.

Round names and instructions of presets are marked with N_ and translated where shown;
a custom method's text is the user's own and shown as typed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from ln_tui.discussion.model import BringerPart, Case, Method, RoundSpec, Speakers, TimeBox
from ln_tui.i18n import N_, _

E, B, NB = Speakers.EVERYONE, Speakers.BRINGER, Speakers.ALL_BUT_BRINGER
EACH, WHOLE = TimeBox.PER_SPEAKER, TimeBox.WHOLE_ROUND
MIN = 60
# What the case-bringer does, from each method's description (DOMAIN.md), never from who speaks.
TELLS, ANSWERS, LISTENS = BringerPart.TELLS, BringerPart.ANSWERS, BringerPart.LISTENS
RESPONDS, DECIDES, JOINS = BringerPart.RESPONDS, BringerPart.DECIDES, BringerPart.JOINS

INCIDENT = N_("Incident method")
BALINT = N_("Balint method")
GOSSIP = N_("Gossip method")
TROIKA = N_("Troika consulting")
ONE_TWO_FOUR_ALL = N_("1-2-4-All")

PRESETS: tuple[Method, ...] = (
    Method(
        INCIDENT,
        [
            RoundSpec(N_("Look back at the last meeting"), 5 * MIN, WHOLE, E, bringer=JOINS),
            RoundSpec(N_("Cases brought in"), 10 * MIN, WHOLE, E, bringer=JOINS),
            RoundSpec(N_("Choose one case"), 5 * MIN, WHOLE, E, bringer=JOINS),
            RoundSpec(
                N_("Clarifying questions"), 2 * MIN, EACH, NB, 0, N_("Facts only: ask, do not advise."), bringer=ANSWERS
            ),
            RoundSpec(N_("Analysis"), 10 * MIN, WHOLE, E, bringer=JOINS),
            RoundSpec(
                N_("Advice"),
                90,
                EACH,
                NB,
                0,
                N_("The case-bringer listens and does not react."),
                advice=True,
                bringer=LISTENS,
            ),
            RoundSpec(N_("Evaluation and next steps"), 10 * MIN, WHOLE, E, bringer=RESPONDS),
        ],
        N_("Hendriksen: a case-bringer's incident, questions, analysis, advice."),
        preset=True,
    ),
    Method(
        BALINT,
        [
            RoundSpec(
                N_("Pitch the cases"), 1 * MIN, EACH, E, 0, N_("Each case in at most three sentences."), bringer=JOINS
            ),
            RoundSpec(N_("Choose one case"), 5 * MIN, WHOLE, E, bringer=JOINS),
            RoundSpec(N_("Full telling"), 10 * MIN, WHOLE, B, bringer=TELLS),
            RoundSpec(
                N_("First associations"),
                5 * MIN,
                WHOLE,
                E,
                0,
                N_("Silent: everyone writes down first associations."),
                bringer=JOINS,
                written=True,
            ),
            RoundSpec(
                N_("Clarifying questions"), 1 * MIN, EACH, NB, 0, N_("Short questions, short answers."), bringer=ANSWERS
            ),
            RoundSpec(
                N_("Write advice"),
                5 * MIN,
                WHOLE,
                E,
                0,
                N_("Silent: everyone writes down advice."),
                bringer=JOINS,
                written=True,
            ),
            RoundSpec(
                N_("Group discussion"),
                20 * MIN,
                WHOLE,
                NB,
                0,
                N_("The case-bringer is silent."),
                advice=True,
                bringer=LISTENS,
            ),
            RoundSpec(N_("The case-bringer decides"), 5 * MIN, WHOLE, B, bringer=DECIDES),
            RoundSpec(N_("Evaluation"), 10 * MIN, WHOLE, E, bringer=JOINS),
        ],
        N_("Silent writing before speaking; one to two hours, five people or more."),
        preset=True,
    ),
    Method(
        GOSSIP,
        [
            RoundSpec(N_("Short introduction"), 5 * MIN, WHOLE, B, bringer=TELLS),
            RoundSpec(
                N_("Open questions"), 2 * MIN, EACH, NB, 3, N_("At most three open questions each."), bringer=ANSWERS
            ),
            RoundSpec(
                N_("Gossip"),
                15 * MIN,
                WHOLE,
                NB,
                0,
                N_(
                    "Talk about the case in the third person; the case-bringer sits outside the circle, silent, taking notes."
                ),
                advice=True,
                bringer=LISTENS,
            ),
            RoundSpec(N_("What struck the case-bringer"), 5 * MIN, WHOLE, B, bringer=RESPONDS),
            RoundSpec(N_("Evaluation"), 5 * MIN, WHOLE, E, bringer=JOINS),
        ],
        N_("The group talks about the case while the case-bringer listens from outside the circle."),
        preset=True,
    ),
    Method(
        TROIKA,
        [
            RoundSpec(N_("The client explains"), 2 * MIN, WHOLE, B, bringer=TELLS),
            RoundSpec(N_("Clarifying questions"), 2 * MIN, WHOLE, NB, bringer=ANSWERS),
            RoundSpec(
                N_("Consultants talk"),
                5 * MIN,
                WHOLE,
                NB,
                0,
                N_("The client turns away and listens."),
                advice=True,
                bringer=LISTENS,
            ),
            RoundSpec(N_("The client responds"), 2 * MIN, WHOLE, B, bringer=RESPONDS),
        ],
        N_("Groups of three; roles rotate: each member brings a case in turn."),
        preset=True,
    ),
    Method(
        ONE_TWO_FOUR_ALL,
        [
            RoundSpec(N_("Alone"), 1 * MIN, WHOLE, E, 0, N_("Think alone, in silence."), bringer=JOINS, written=True),
            RoundSpec(N_("In pairs"), 2 * MIN, WHOLE, E, 0, N_("Share and build on ideas in pairs."), bringer=JOINS),
            RoundSpec(N_("In fours"), 4 * MIN, WHOLE, E, 0, N_("Pairs join: what stands out?"), bringer=JOINS),
            RoundSpec(
                N_("All together"),
                5 * MIN,
                WHOLE,
                E,
                0,
                N_("Each group shares one insight."),
                advice=True,
                bringer=JOINS,
            ),
        ],
        N_("Strict time boxes and a bell."),
        preset=True,
    ),
)


def preset(name: str) -> Method:
    """A copy of a preset, by its (English) name."""
    return copy.deepcopy(next(m for m in PRESETS if m.name == name))


def bringer_part(case: Case, index: int) -> BringerPart | None:
    """What the case-bringer does in round `index` of `case`. A case copied from a preset before
    rounds said so takes it from that preset's round of the same name; None: the method does not say."""
    if not 0 <= index < len(case.rounds):
        return None
    spec = case.rounds[index]
    if spec.bringer is not None or not case.method_preset:
        return spec.bringer
    method = next((m for m in PRESETS if m.name == case.method_name), None)
    same = [r for r in method.rounds if r.name == spec.name] if method else []
    return same[0].bringer if same else None


def is_written_round(case: Case, index: int) -> bool:
    """Whether round `index` of `case` is one where each person writes first (phones write privately).
    A case copied from a preset before rounds said so takes it from that preset's round of the same name."""
    if not 0 <= index < len(case.rounds):
        return False
    spec = case.rounds[index]
    if spec.written or not case.method_preset:
        return spec.written
    method = next((m for m in PRESETS if m.name == case.method_name), None)
    return any(r.written for r in method.rounds if r.name == spec.name) if method else False


def bringer_line(part: BringerPart | None, name: str | None) -> str:
    """The line the room reads about the case-bringer in a round; empty when the method does not say.
    `name` None: no case-bringer chosen."""
    if part is None:
        return ""
    who = _("{name}, the case-bringer,").format(name=name) if name is not None else _("The case-bringer")
    line = {
        BringerPart.TELLS: _("{who} tells the case."),
        BringerPart.ANSWERS: _("{who} answers the questions: short, facts only."),
        BringerPart.LISTENS: _("{who} listens without reacting."),
        BringerPart.RESPONDS: _("{who} responds: says what struck them and what they take from it."),
        BringerPart.DECIDES: _("{who} decides and says what they will do."),
        BringerPart.JOINS: _("{who} takes part like everyone."),
    }[part]
    return line.format(who=who)


def shown(text: str, is_preset: bool) -> str:
    """A method's own text as the user reads it: presets translated, custom text as typed."""
    return _(text) if is_preset and text else text


def method_problems(method: Method, taken_names: Iterable[str] = ()) -> list[str]:
    """What keeps a method from being used, in plain words; empty when it is fine."""
    problems = []
    if not method.name.strip():
        problems.append(_("A method needs a name."))
    elif method.name.strip().casefold() in {n.casefold() for n in taken_names}:
        problems.append(_("There is already a method called {name}.").format(name=method.name.strip()))
    if not method.rounds:
        problems.append(_("A method needs at least one round."))
    for number, spec in enumerate(method.rounds, 1):
        problems += [
            _("Round {number}: {problem}").format(number=number, problem=problem) for problem in round_problems(spec)
        ]
    return problems


def round_problems(spec: RoundSpec) -> list[str]:
    problems = []
    if not spec.name.strip():
        problems.append(_("a round needs a name."))
    if spec.seconds <= 0:
        problems.append(_("the time box must be more than zero."))
    if spec.question_cap < 0:
        problems.append(_("the cap on questions cannot be negative."))
    return problems
