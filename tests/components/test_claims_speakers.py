"""claimx_claims speaker resolution: acronyms, definite descriptions, pronouns."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimx.components.extensions import CLAIMS


def speaker_of(nlp: Language, text: str, content_start: str) -> dict[str, str]:
    """The speaker of the one claim whose content starts with ``content_start``."""
    found = [
        c["speaker"]
        for c in nlp(text)._.get(CLAIMS)
        if text[c["content"]["start"] :].startswith(content_start)
    ]
    assert len(found) == 1, found
    return found[0]


#: An acronym takes the full name the article introduces for it.
ACRONYMS = [
    (
        "Police said the suspect belonged to the banned Jamaat Nusrat Front (JNF). "
        "The JNF said its fighters had carried out the attack.",
        "its fighters",
        "Jamaat Nusrat Front",
    ),
    (
        "The exchange heard an appeal by Consolidated Copper Holdings Ltd, CCH, against "
        "the ruling. CCH said the ruling would be overturned.",
        "the ruling would",
        "Consolidated Copper Holdings Ltd",
    ),
    (
        "Output will stay flat, the official Kenya News Agency KNA reported. "
        "KNA said the minister would travel to Nairobi.",
        "the minister would",
        "Kenya News Agency",
    ),
]
#: A pronoun before any speaker takes the person named as a subject.
PRONOUNS = [
    (
        "The head of the Iranian judiciary, Hojatoleslam Mohsen Bagheri Javadi, warned "
        'the West against new sanctions. "We will not bow to pressure," he said.',
        "We will",
        "Hojatoleslam Mohsen Bagheri Javadi",
    ),
    (
        "Interior Minister Samuel Okoro met the governors on Monday. "
        '"The roads will reopen this week," he said.',
        "The roads",
        "Samuel Okoro",
    ),
]
#: A definite description takes the earlier mention its noun refers to.
DESCRIPTIONS = [
    (
        "Troops advanced overnight, the official Syrian news agency SANA reported. "
        "The agency said three villages had been retaken.",
        "three villages",
        "SANA",
    ),
    (
        '"We are studying the proposal," a spokesman for the Finance Ministry told '
        "reporters.\n    The spokesman said a decision was expected next week.",
        "a decision",
        "spokesman for the Finance Ministry",
    ),
    (
        'Gov. Maria Lopes said, "The dam is safe." The governor said engineers would '
        "inspect it again on Friday.",
        "engineers would",
        "Maria Lopes",
    ),
]


@pytest.mark.parametrize(("text", "content", "name"), [*ACRONYMS, *PRONOUNS, *DESCRIPTIONS])
def test_speaker_name(nlp: Language, text: str, content: str, name: str) -> None:
    assert speaker_of(nlp, text, content)["name"] == name


def test_unknown_acronym_keeps_its_letters(nlp: Language) -> None:
    text = "Prices will rise in the spring, the XQZ said on Monday."
    assert speaker_of(nlp, text, "Prices will")["name"] == "XQZ"


def test_title_abbreviation_is_the_role(nlp: Language) -> None:
    text = "Gov. Maria Lopes said the dam was safe."
    assert speaker_of(nlp, text, "the dam")["role"] == "governor"


def test_description_beyond_the_window_stays_vague(nlp: Language) -> None:
    filler = "Rain fell across the region for most of the week. " * 80
    text = f"A spokesman for the Finance Ministry attended the talks. {filler}"
    text += "The spokesman said talks would resume."
    assert speaker_of(nlp, text, "talks would")["name"] == "spokesman"


def test_bare_company_takes_the_organisation_that_spoke(nlp: Language) -> None:
    text = (
        "Norvale said in a statement that it would cut 400 jobs. The company said the cuts "
        "would be completed by June."
    )
    assert speaker_of(nlp, text, "the cuts")["name"] == "Norvale"


def test_named_description_does_not_refer_back(nlp: Language) -> None:
    text = (
        "Norvale said in a statement that it would cut 400 jobs. Canada's state-run Ridley "
        "news agency said the cuts would be completed by June."
    )
    assert "Ridley" in speaker_of(nlp, text, "the cuts")["name"]


def test_wrapped_line_keeps_the_subject(nlp: Language) -> None:
    text = (
        "Output will stay flat this year, the minister said.\n"
        "    In Caracas, OPEC President Joaquim Mbeki, who is also\n"
        "Angolan Oil Minister, said the group planned to keep its ceiling.\n"
        '    "We are satisfied with the market," he said.'
    )
    assert speaker_of(nlp, text, "the group planned")["name"] == "Joaquim Mbeki"
    assert speaker_of(nlp, text, "We are satisfied")["name"] == "Joaquim Mbeki"


def test_unrecognised_name_in_apposition_names_the_description(nlp: Language) -> None:
    text = (
        "The speaker of the Iranian parliament, Hojatoleslam Mohsen Bagheri Javadi, warned "
        "that the strait could be closed."
    )
    speaker = speaker_of(nlp, text, "the strait")
    assert speaker["name"] == "Hojatoleslam Mohsen Bagheri Javadi"
    assert speaker["role"] == "speaker"


def test_honorific_is_no_role(nlp: Language) -> None:
    assert speaker_of(nlp, "Mr. Obrecht said the vote was fair.", "the vote")["role"] == ""
