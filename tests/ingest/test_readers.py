"""Readers: every input unit becomes one Article or one InputFailure."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from claimx.ingest import FieldMap, normalise_published, read_inputs
from claimx.ingest.readers import _text_beyond_the_parser, json_id
from claimx.types import Article, InputFailure, text_id

STORY = (
    "date 2024-03-07 By Example Wire\n\nBy Rana Haddad\n\n"
    "MARUN - At least 20 people were killed on Tuesday, the health ministry said.\n"
)

PAGE = """<!doctype html><html><head><title>Floods cut off villages | Valley Post</title>
<meta name="author" content="Imran Sadiq">
<meta property="article:published_time" content="2024-08-27T06:15:00+00:00">
<meta property="og:site_name" content="Valley Post"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Floods cut off villages</h1>
<p>Floodwaters cut off more than 40 villages in the northern district on Monday, leaving
thousands of families without food or clean water, relief officials said.</p>
<p>"We are reaching people by boat where the roads have gone," said Farida Khanam, who
coordinates the district's emergency response, adding that two shelters were full.</p>
</article><footer>Copyright Valley Post</footer></body></html>"""


def items(*paths: Path | str, **kwargs: object) -> list[Article | InputFailure]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_text_file_with_header(tmp_path: Path) -> None:
    path = tmp_path / "marun-shelling.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = items(path)
    assert isinstance(article, Article)
    assert (article.id, article.published, article.source, article.author) == (
        "marun-shelling",
        "2024-03-07",
        "Example Wire",
        "Rana Haddad",
    )
    assert article.text == STORY


def test_published_option_fills_missing_dates_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said the bridge reopened.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    dates = [a.published for a in items(tmp_path, published="2025-01-01")]
    assert dates == ["2025-01-01", "2024-03-07"]


def test_jsonl_with_custom_fields_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"doc": "a1", "body": "Two people died.", "date": "2024-05-02T10:00:00Z"}),
        "{not json",
        json.dumps({"doc": "a3", "body": 42}),
        json.dumps({"doc": "a4"}),
        json.dumps({"doc": "a5", "body": "   "}),
        json.dumps({"doc": "a6", "body": "Text.", "date": "last Tuesday"}),
        json.dumps(["a list"]),
        json.dumps({"body": "No id here."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = FieldMap(text="body", id="doc", published="date")
    got = items(path, fields=fields)
    assert len(got) == len(lines)
    first = got[0]
    assert isinstance(first, Article)
    assert (first.id, first.published) == ("a1", "2024-05-02")
    reasons = [g.reason for g in got[1:7]]
    assert reasons[0].startswith("malformed JSON")
    assert reasons[1] == "'body' must be a string, got int"
    assert reasons[2] == "missing 'body' field"
    assert reasons[3] == "empty document (no text)"
    assert "not a YYYY-MM-DD date" in reasons[4]
    assert reasons[5] == "expected a JSON object, got list"
    assert got[1].origin.endswith("feed.jsonl:2")
    assert got[7].id == text_id("No id here.")


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]))
    assert [a.id for a in items(path)] == ["x", "y"]


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "floods.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = items(path)
    assert isinstance(article, Article)
    assert article.published == "2024-08-27"
    assert article.source == "Valley Post"
    assert article.author == "Imran Sadiq"
    assert "more than 40 villages" in article.text
    assert "Copyright" not in article.text and "World" not in article.text


def test_html_without_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    [failure] = items(path)
    assert isinstance(failure, InputFailure)
    assert failure.reason == "HTML page has no article text"


def test_gzip_of_each_format(tmp_path: Path) -> None:
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "Hi."}\n'))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    got = items(tmp_path)
    assert [a.id for a in got] == ["g1", "page", "story"]
    assert all(isinstance(a, Article) for a in got)


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    [failure] = items(tmp_path)
    assert isinstance(failure, InputFailure)
    assert failure.reason.startswith("cannot read compressed input")


def test_directories_recurse_and_skip_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Deep story.")
    (tmp_path / "top.txt").write_text("Top story.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    assert [a.id for a in items(tmp_path)] == ["deep", "top"]


def test_glob_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One.")
    (tmp_path / "two.txt").write_text("Two.")
    got = items(str(tmp_path / "*.txt"), tmp_path / "nope.txt")
    assert [a.id for a in got[:2]] == ["one", "two"]
    assert isinstance(got[2], InputFailure)
    assert got[2].reason.startswith("no such file or directory")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), not text"),
        (b"Caf\xe9 owners said prices rose.", "not valid UTF-8: byte 0xe9 at offset 3"),
        (b"", "empty document (no text)"),
        (b"  \n\n\t ", "empty document (no text)"),
    ],
)
def test_bad_text_files(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [failure] = items(path)
    assert isinstance(failure, InputFailure)
    assert failure.reason == reason
    assert failure.id == "bad"


def test_stdin_jsonl_and_text() -> None:
    jsonl = io.BufferedReader(io.BytesIO(b'{"id": "s1", "text": "From a pipe."}\n'))
    [article] = list(read_inputs(["-"], stdin=jsonl))
    assert article.id == "s1"
    plain = io.BufferedReader(io.BytesIO(STORY.encode()))
    [story] = list(read_inputs(["-"], stdin=plain))
    assert story.published == "2024-03-07"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-04-05", "2021-04-05"),
        ("2021-04-05T14:30:00Z", "2021-04-05"),
        ("1998-02-19 08:00:00+01:00", "1998-02-19"),
        ("", ""),
        (None, ""),
        ("April 5, 2021", None),
        ("2021-13-05", None),
        (20210405, None),
        ("2021-02-29", None),
        ("2024-02-29", "2024-02-29"),
        ("2021-04-31", None),
        ("2021-03-03T25:99:00Z", None),
        ("2021-03-03T24:00:00Z", None),
        ("2021-03-03T23:59:60Z", "2021-03-03"),
        ("2021-03-03T10:00:00+25:00", None),
        ("0000-01-01", None),
    ],
)
def test_normalise_published(value: object, expected: str | None) -> None:
    assert normalise_published(value) == expected


def test_a_broken_reader_becomes_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise ImportError("lxml.html.clean is missing")

    monkeypatch.setattr("claimx.ingest.readers._read_html", broken)
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    failure, article = items(tmp_path)
    assert isinstance(failure, InputFailure)
    assert failure.reason == "cannot read file: ImportError: lxml.html.clean is missing"
    assert isinstance(article, Article)


def test_text_header_dates_that_do_not_exist_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "leap.txt"
    path.write_text("Published: 2023-02-29\n\nThe port reopened, officials said.\n")
    [article] = items(path, published="2023-03-01")
    assert isinstance(article, Article) and article.published == "2023-03-01"


def test_byte_order_marks_of_utf16_and_utf32(tmp_path: Path) -> None:
    for name, encoding in (("le16", "utf-16-le"), ("be16", "utf-16-be"), ("le32", "utf-32-le")):
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\0\0"}
        (tmp_path / f"{name}.txt").write_bytes(bom[encoding] + STORY.encode(encoding))
    (tmp_path / "torn.txt").write_bytes(b"\xff\xfe" + STORY.encode("utf-16-le")[:-1])
    got = {a.id: a for a in items(tmp_path)}
    assert all(got[name].text == STORY for name in ("le16", "be16", "le32"))
    assert got["le16"].published == "2024-03-07"
    assert isinstance(got["torn"], InputFailure)
    assert got["torn"].reason.startswith("not valid UTF-16")


def test_directory_walks_skip_earlier_outputs_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    record = {"schema_version": "claimx/1", "doc": {"id": "story"}}
    (tmp_path / "run.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "run.errors.jsonl").write_text("")
    (tmp_path / "next.jsonl.part").write_text("")
    (tmp_path / "next.jsonl.lock").write_text("123\n")
    (tmp_path / "feed.jsonl").write_text('{"id": "f1", "text": "Officials said so."}\n')
    noted: list[str] = []
    got = list(read_inputs([str(tmp_path)], note=lambda path, what: noted.append(path.name)))
    assert [a.id for a in got] == ["f1", "story"]
    assert sorted(noted) == ["next.jsonl.lock", "next.jsonl.part", "run.errors.jsonl", "run.jsonl"]
    [explicit] = items(tmp_path / "run.jsonl")  # given by name, it is read
    assert isinstance(explicit, InputFailure) and explicit.reason == "missing 'text' field"


def test_html_nested_deeper_than_the_parser_allows(tmp_path: Path) -> None:
    body = "<p>Relief officials said more than 40 villages were cut off by floodwaters.</p>"
    deep_page = "<div>" * 5000 + body + "</div>" * 5000
    (tmp_path / "deep.html").write_text(deep_page)
    [deep] = items(tmp_path)
    assert isinstance(deep, Article)
    assert deep.text == "Relief officials said more than 40 villages were cut off by floodwaters."
    # A page the parser holds keeps trafilatura's verdict: no fallback text.
    assert _text_beyond_the_parser("<div>" * 50 + body + "</div>" * 50) == ""
    assert _text_beyond_the_parser(deep_page) == deep.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("w-1", "w-1"), (12, "12"), (2.5, "2.5"), (True, "true"), (None, ""), ("a\ud800", "a\\ud800")],
)
def test_json_ids_become_strings(value: object, expected: str) -> None:
    assert json_id(value) == expected
    assert json_id({"a": 1}) is None and json_id([1]) is None
