"""The claimx_dates component on sentences written for these tests (anchor: Monday 2021-04-05)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from claimx.components.extensions import DATES

ANCHOR = "2021-04-05"
Annotate = Callable[..., Doc]


def tag(annotate: Annotate, text: str, published: str = ANCHOR) -> list[tuple[str, str, str]]:
    """(span text, type, value) of every date the component finds in ``text``."""
    doc = annotate(text, published, only=("claimx_dates",))
    return [(text[d["start"] : d["end"]], d["type"], d["value"]) for d in doc._.get(DATES)]


def find(annotate: Annotate, text: str, span: str, published: str = ANCHOR) -> tuple[str, str]:
    """(type, value) of the date whose span is ``span``; fails if there is none."""
    found = {s: (kind, value) for s, kind, value in tag(annotate, text, published)}
    assert span in found, f"{span!r} not in {found}"
    return found[span]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        (
            "The ceasefire was signed on November 10, 2020 in Moscow.",
            "November 10, 2020",
            "2020-11-10",
        ),
        ("The two leaders signed the treaty on November 10.", "November 10", "2020-11-10"),
        ("The summit will open on May 20 in Geneva.", "May 20", "2021-05-20"),
        ("The referendum will be held on 3 March.", "3 March", "2022-03-03"),
        ("The factory was closed in November 2020.", "November 2020", "2020-11"),
        ("The bridge opened in 2005.", "2005", "2005"),
        ("Fighting flared again on Sept. 27.", "Sept. 27", "2020-09-27"),
        ("The offer has been open since Jan. 12.", "Jan. 12", "2021-01-12"),
        ("Shareholders of record on April 20 will be paid.", "April 20", "2021-04-20"),
        ("Exports collapsed in October.", "October", "2020-10"),
        (
            "Reporters gathered outside.\n2021-04-05\nThe minister spoke.",
            "2021-04-05",
            "2021-04-05",
        ),
        ("Elections are planned for fiscal 2023.", "fiscal 2023", "2023"),
        ("It was January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
        (
            "Prices fell in the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four",
            "1994-WI",
        ),
    ],
)
def test_calendar_dates(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("DATE", value)


def test_recurring_day_has_no_year(annotate: Annotate) -> None:
    text = "In 1997, the assembly proclaimed 9 May as International Day of Harvest Remembrance."
    assert find(annotate, text, "9 May") == ("DATE", "XXXX-05-09")
    assert find(annotate, text, "1997") == ("DATE", "1997")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The envoy arrived on Tuesday.", "Tuesday", "2021-03-30"),
        ("The envoy will arrive on Friday.", "Friday", "2021-04-09"),
        ("The council met last Monday.", "last Monday", "2021-03-29"),
        (
            "Protesters marched through the capital on Saturday night.",
            "Saturday night",
            "2021-04-03TNI",
        ),
        ("The vote was postponed over the weekend.", "the weekend", "2021-W13-WE"),
    ],
)
def test_weekdays(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span)[1] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Prices fell sharply yesterday.", "yesterday", "2021-04-04"),
        ("The results are due tomorrow.", "tomorrow", "2021-04-06"),
        ("The minister resigned today.", "today", "2021-04-05"),
        ("The agency said last week that exports rose.", "last week", "2021-W13"),
        ("Sales slowed this week.", "this week", "2021-W14"),
        ("Inflation rose last month.", "last month", "2021-03"),
        ("The company was sold last year.", "last year", "2020"),
        ("The plant will reopen next year.", "next year", "2022"),
        ("The mine was closed two years ago.", "two years ago", "2019"),
        ("The bill passed three days ago.", "three days ago", "2021-04-02"),
        ("The dam burst nearly four years ago.", "nearly four years ago", "2017"),
        ("Delegates met at last year's summit in Oslo.", "last year", "2020"),
        ("The embassy reopened earlier this month.", "earlier this month", "2021-04"),
        ("The lake froze last winter.", "last winter", "2020-WI"),
        ("Voters go to the polls this summer.", "this summer", "2021-SU"),
    ],
)
def test_relative_dates(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span)[1] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Borders have been disputed since the early 1990s.", "the early 1990s", "199"),
        ("The fortress was rebuilt in the 1880s.", "the 1880s", "188"),
        ("The canal dates from the 19th century.", "the 19th century", "18"),
        ("Profit rose in the first quarter.", "the first quarter", "2021-Q1"),
        ("Revenue fell in the third quarter.", "the third quarter", "2020-Q3"),
        ("Output will recover in the second half of 2022.", "the second half of 2022", "2022-H2"),
    ],
)
def test_periods(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The shelling began at 2 p.m. on Sunday.", "2 p.m. on Sunday", "2021-04-04T14:00"),
        ("The curfew starts at 9:30 p.m. today.", "9:30 p.m. today", "2021-04-05T21:30"),
        ("Talks resumed at noon.", "noon", "2021-04-05T12:00"),
    ],
)
def test_times(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("TIME", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Veterans of the 44-day war gathered in the square.", "44-day", "P44D"),
        ("The siege ended after six weeks of shelling.", "six weeks", "P6W"),
        ("The region was occupied for almost three decades.", "almost three decades", "P3DE"),
        ("Refugees have waited for nearly thirty years.", "nearly thirty years", "P30Y"),
        ("The trial lasted two and a half years.", "two and a half years", "P2Y6M"),
        ("The hostages were held for several months.", "several months", "PXM"),
        ("Rescuers searched for half an hour.", "half an hour", "PT30M"),
        ("Exports rose over the past three months.", "the past three months", "P3M"),
        ("The strike lasted 12 hours.", "12 hours", "PT12H"),
        ("The town has been rebuilt over decades.", "decades", "PXDE"),
    ],
)
def test_durations(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The annual parade was cancelled.", "annual", "P1Y"),
        ("Inspectors visit the site every week.", "every week", "P1W"),
        ("The ferry sails daily.", "daily", "P1D"),
        ("The council meets each Thursday.", "each Thursday", "XXXX-WXX-4"),
        ("The firm pays $40 million a year in rent.", "a year", "P1Y"),
        ("The market opens on Sundays.", "Sundays", "XXXX-WXX-7"),
    ],
)
def test_sets(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("SET", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The town is now under government control.", "now", "PRESENT_REF"),
        ("About 200 families currently live there.", "currently", "PRESENT_REF"),
        ("The recently rebuilt school reopened.", "recently", "PAST_REF"),
        ("The road was formerly a railway line.", "formerly", "PAST_REF"),
        ("Talks are expected to resume in the near future.", "the near future", "FUTURE_REF"),
        ("The harbour was busy in the past.", "the past", "PAST_REF"),
    ],
)
def test_reference_words(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        ("Shops were closed on Christmas Day.", ANCHOR, "Christmas Day", "2020-12-25"),
        ("Families gathered on Thanksgiving.", "2021-12-01", "Thanksgiving", "2021-11-25"),
    ],
)
def test_holidays(annotate: Annotate, text: str, published: str, span: str, value: str) -> None:
    assert find(annotate, text, span, published) == ("DATE", value)


def test_named_day_the_article_dates(annotate: Annotate) -> None:
    text = (
        "The assembly proclaimed 21 September as International Day of Peace. "
        "Activists held vigils on Peace Day across the country."
    )
    assert find(annotate, text, "Peace Day", "2021-09-23") == ("DATE", "2021-09-21")


def test_today_marks_a_dated_named_day(annotate: Annotate) -> None:
    text = (
        "The assembly proclaimed 21 September as International Day of Peace. "
        '"Today marks the International Day of Peace," the agency said.'
    )
    assert find(annotate, text, "Today", "2021-09-23") == ("DATE", "2021-09-21")


@pytest.mark.parametrize(
    "text",
    [
        '"Today we remember the victims," the mayor said on April 2.',
        'The mayor said on April 2: "Today we remember the victims."',
    ],
)
def test_quotes_resolve_against_their_statement_date(annotate: Annotate, text: str) -> None:
    assert find(annotate, text, "Today") == ("DATE", "2021-04-02")


def test_undated_quote_keeps_publication_anchor(annotate: Annotate) -> None:
    text = '"Today we remember the victims," the mayor said.'
    assert find(annotate, text, "Today") == ("DATE", ANCHOR)


@pytest.mark.parametrize(
    "text",
    [
        "We may see one sat on the bench with $27 and 50% of the vote.",
        "Some 2000 people marched to the square.",
        "The march ended peacefully.",
        "His 45-year-old brother was injured.",
        "The region imports about three-quarters of its grain.",
        "Funds hold more than a quarter of the market.",
        'The senator told ABC\'s "This Week" that the talks had failed.',
        "He said on CBS's 60 Minutes that he was innocent.",
        "It would be a second betrayal of the voters.",
    ],
)
def test_no_false_positives(annotate: Annotate, text: str) -> None:
    assert tag(annotate, text) == []


def test_without_anchor_partial_dates_stay_partial(annotate: Annotate) -> None:
    assert find(annotate, "The deal was signed on November 10.", "November 10", "") == (
        "DATE",
        "XXXX-11-10",
    )


def test_offsets_index_the_text(annotate: Annotate) -> None:
    text = "On April 4 the ministry said the war lasted 44 days."
    doc = annotate(text, ANCHOR, only=("claimx_dates",))
    spans = [text[d["start"] : d["end"]] for d in doc._.get(DATES)]
    assert spans == ["April 4", "44 days"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Protesters planned a rally on Saturday.", "Saturday", "2021-04-10"),
        ("The court has scheduled a hearing on Thursday.", "Thursday", "2021-04-08"),
        ("The committee ordered the minister to testify on Thursday.", "Thursday", "2021-04-08"),
        ("Until Thursday, the police had not named a suspect.", "Thursday", "2021-04-01"),
        ("Villagers lit candles to mark the anniversary on Friday.", "Friday", "2021-04-02"),
        ("The rebels agreed in March to lay down their arms.", "March", "2021-03"),
        ("The two leaders meet on Thursday in Geneva.", "Thursday", "2021-04-08"),
        ("The deadline had been due to expire on Friday.", "Friday", "2021-04-02"),
    ],
)
def test_tense_of_the_governing_verb(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span)[1] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The mill closed in 2009. Exports fell sharply that year.", "that year", "2009"),
        ("He left in May 2012 and returned later that year.", "later that year", "2012"),
        (
            "The strike began in March 2019. The following month, talks resumed.",
            "The following month",
            "2019-04",
        ),
        ("For the year, revenue rose 4%.", "the year", "2021"),
        ("Prices rose again by the end of the month.", "the month", "2021-04"),
    ],
)
def test_anaphoric_and_definite_periods(
    annotate: Annotate, text: str, span: str, value: str
) -> None:
    assert find(annotate, text, span) == ("DATE", value)


def test_a_fiscal_year_that_ended_is_a_length(annotate: Annotate) -> None:
    text = "Sales rose 8% in the year ended June 30."
    assert find(annotate, text, "the year") == ("DURATION", "P1Y")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The merger should close by year-end.", "year-end", "2021"),
        ("The index has gained 4% since year-end.", "year-end", "2020"),
        ("The reforms should be in place by year's end.", "year's end", "2021"),
    ],
)
def test_year_end(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Elections are due this September.", "this September", "2021-09"),
        ("She will command a mission in December.", "December", "2021-12"),
        ("The airline will double its flights by August.", "August", "2021-08"),
        ("The offer had been set to expire April 9.", "April 9", "2021-04-09"),
        ("The tender closed on April 30.", "April 30", "2020-04-30"),
    ],
)
def test_year_of_partial_dates(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("DATE", value)


def test_an_earlier_years_quarter_is_no_new_reference(annotate: Annotate) -> None:
    text = (
        "Net rose 5% in the fourth quarter. In the 2019 period, it had fallen. "
        "Sales were flat compared with a year earlier."
    )
    assert find(annotate, text, "the fourth quarter") == ("DATE", "2020-Q4")
    assert find(annotate, text, "a year earlier") == ("DATE", "2019-Q4")


def test_last_with_a_month_day(annotate: Annotate) -> None:
    text = "The clinic was attacked last Oct. 23 at night."
    assert find(annotate, text, "last Oct. 23") == ("DATE", "2020-10-23")


def test_the_previous_weekday_counts_from_the_day_under_discussion(annotate: Annotate) -> None:
    text = "Markets closed lower on March 19. Shares were down 4% from the previous Friday."
    assert find(annotate, text, "the previous Friday") == ("DATE", "2021-03-12")


def test_headline_words_are_dates(annotate: Annotate) -> None:
    assert find(annotate, "Talks Resume Next Week In Geneva", "Next Week") == ("DATE", "2021-W15")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Hate crimes rose sharply over the past year.", "the past year", "2020"),
        ("Wages lagged inflation in the last decade.", "the last decade", "201"),
    ],
)
def test_the_past_unit_is_the_previous_one(
    annotate: Annotate, text: str, span: str, value: str
) -> None:
    assert find(annotate, text, span) == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        (
            "The suspect was arrested on March 30 and appeared in court the next morning.",
            "the next morning",
            "2021-03-31TMO",
        ),
        (
            "The rally was held on Thursday. That night, the police withdrew.",
            "That night",
            "2021-04-01TNI",
        ),
        (
            "The plant closed on March 2, 2021. The union was told that same day.",
            "that same day",
            "2021-03-02",
        ),
        (
            "The envoy landed on Friday and left the following evening.",
            "the following evening",
            "2021-04-03TEV",
        ),
    ],
)
def test_anaphoric_days_count_from_the_last_day(
    annotate: Annotate, text: str, span: str, value: str
) -> None:
    assert find(annotate, text, span)[1] == value


def test_that_night_without_an_earlier_day_is_not_resolved(annotate: Annotate) -> None:
    assert "That night" not in {s for s, _, _ in tag(annotate, "That night the guards slept.")}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        (
            "Talks resumed at 9:15 a.m. (0715 GMT) Friday in Vienna.",
            "9:15 a.m.",
            "2021-04-02T09:15",
        ),
        ("The guard was shot at 11 p.m. as he locked the gate.", "11 p.m.", "2021-04-05T23:00"),
        ("The market closes at 4 p.m. EST today.", "4 p.m. EST today", "2021-04-05T16:00"),
    ],
)
def test_clock_times(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span) == ("TIME", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Fuel prices have climbed in recent weeks.", "recent weeks", "PXW"),
        ("Layoffs are expected in the coming months.", "coming months", "PXM"),
        ("Exports may recover in the years ahead.", "the years ahead", "PXY"),
        ("Margins have narrowed in recent quarters.", "recent quarters", "PXM"),
    ],
)
def test_vague_plural_periods_are_durations(
    annotate: Annotate, text: str, span: str, value: str
) -> None:
    assert find(annotate, text, span) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        (
            "Trading was heavy on Friday. Brokers sold early in the morning.",
            "the morning",
            "2021-04-02TMO",
        ),
        (
            "At mid-afternoon yesterday, the index was flat.",
            "mid-afternoon yesterday",
            "2021-04-04TAF",
        ),
        ("By mid afternoon, the rain had stopped.", "mid afternoon", "2021-04-05TAF"),
        ("The convoy left at 5 in the morning.", "5 in the morning", "2021-04-05T05:00"),
        ("The ferry docks at 8 in the evening.", "8 in the evening", "2021-04-05T20:00"),
    ],
)
def test_parts_of_the_day_under_discussion(
    annotate: Annotate, text: str, span: str, value: str
) -> None:
    assert find(annotate, text, span) == ("TIME", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Officials said the minister would be flying to Oslo Thursday.", "Thursday", "2021-04-08"),
        ("The mayor said the bridge would reopen on Friday.", "Friday", "2021-04-09"),
        ("The agency said it would announce its decision by April 2.", "April 2", "2021-04-02"),
        (
            "The union said talks would resume at 9 a.m. Wednesday.",
            "9 a.m. Wednesday",
            "2021-04-07T09:00",
        ),
    ],
)
def test_the_future_of_a_report(annotate: Annotate, text: str, span: str, value: str) -> None:
    assert find(annotate, text, span)[1] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # a bare present form inside past narration is the past: "hit", "put", "cut"
        ("Nine people were killed when shells hit a market on Friday.", "Friday", "2021-04-02"),
        ("The ministers meet on Friday.", "Friday", "2021-04-09"),
    ],
)
def test_present_forms_in_past_narration(
    annotate: Annotate, text: str, span: str, value: str
) -> None:
    assert find(annotate, text, span) == ("DATE", value)
