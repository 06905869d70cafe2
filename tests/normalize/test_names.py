import pytest

from claimx.normalize.names import name_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Good Friday Agreement", "the good friday agreement"),
        ("cease-fire deal", "ceasefire deal"),
        ("Treaty of Lisbon.", "treaty of  lisbon"),
        ("Communiqué of Doha", "Communique of Doha"),
        ("Minsk II", "MINSK II"),
    ],
)
def test_spellings_of_one_name_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Resolution 2231", "Resolution 2334"),
        ("Minsk I", "Minsk II"),
        ("Oslo Accords", "Oslo Accord II"),
    ],
)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


def test_a_name_that_is_only_punctuation_has_an_empty_key() -> None:
    assert name_key(" -- ... ") == ""
