"""Publication dates from URLs, weighed with metadata and the dateline; disagreement flagged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli.main import app
from concord.ingest.dates import DateReading, canonical_url, read_url_date, weigh
from concord.services.ingestion import ingest_text

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2023/06/06/nato-office/", date(2023, 6, 6)),
        ("https://news.example/world/2023/6/6/nato-office", date(2023, 6, 6)),
        ("https://news.example/politics/20230606-114527/", date(2023, 6, 6)),
        ("https://news.example/story/2023-06-06-nato-office.html", date(2023, 6, 6)),
        ("https://news.example/story/nato_2022_11_30", date(2022, 11, 30)),
        ("https://news.example/story/123456789", None),  # an id, not a date
        ("https://news.example/story/20231345", None),  # month 13
        ("https://news.example/2031/01/02/later", None),  # after today
        ("https://2023.example/06/06", None),  # the host is not the path
    ],
)
def test_dates_in_urls(url: str, expected: date | None) -> None:
    assert read_url_date(url, today=TODAY).published == expected


def test_a_year_and_month_in_a_url_give_the_year_only() -> None:
    reading = read_url_date("https://news.example/2024/06/rutte-bid", today=TODAY)
    assert (reading.published, reading.year) == (None, 2024)
    assert reading.warnings == ["partial date 2024-06 in URL"]


def test_canonical_and_og_url() -> None:
    assert (
        canonical_url('<head><link href="https://a.example/2023/06/06/x" rel="canonical"></head>')
        == "https://a.example/2023/06/06/x"
    )
    assert (
        canonical_url("<meta content='https://b.example/20230605/y' property='og:url'>")
        == "https://b.example/20230605/y"
    )
    assert canonical_url("<head><title>none</title></head>") is None


def reading(day: str | None, how: str) -> DateReading:
    return DateReading(published=date.fromisoformat(day) if day else None, how=how)


def test_weighing_agreement_majority_and_trust() -> None:
    agree = weigh([reading("2023-06-06", "url"), reading("2023-06-06", "dateline")])
    assert (agree.published, agree.how, agree.warnings) == (date(2023, 6, 6), "url", [])
    two_to_one = weigh(
        [
            reading("2023-06-07", "html metadata"),
            reading("2023-06-06", "url"),
            reading("2023-06-06", "dateline"),
        ]
    )
    assert two_to_one.published == date(2023, 6, 6)
    [warning] = two_to_one.warnings
    assert "disagree" in warning and "html metadata 2023-06-07" in warning
    tie = weigh([reading("2023-06-05", "dateline"), reading("2023-06-06", "url")])
    assert tie.published == date(2023, 6, 6) and "took 2023-06-06 from url" in tie.warnings[0]
    none = weigh([reading(None, "url"), DateReading(warnings=["no publication date found"])])
    assert none.published is None and none.warnings == ["no publication date found"]


ARTICLE = "{dateline}Norway objects to the plan to open an office in Oslo."


def test_url_hint_weighed_with_the_dateline_in_the_json() -> None:
    text = ARTICLE.format(dateline="June 5, 2023 - ")
    result = ingest_text(text, "a.txt", url="https://n.example/2023/06/06/oslo", today=TODAY)
    assert result.published == "2023-06-06"
    assert result.date_sources == {"url": "2023-06-06", "dateline": "2023-06-05"}
    assert any("disagree" in w for w in result.warnings)
    [row] = result.statements
    assert row["date_sources"] == result.date_sources and row["published"] == "2023-06-06"
    same = ingest_text(text, "a.txt", url="https://n.example/2023/06/05/oslo", today=TODAY)
    assert same.published == "2023-06-05" and not any("disagree" in w for w in same.warnings)


def test_html_canonical_url_date_is_a_witness(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://n.example/2023/06/06/oslo-office">'
        "<title>t</title></head><body><article><h1>Oslo office</h1><p>Norway objects to the "
        "plan to open an office in Oslo, officials said in a statement on the alliance "
        "debate, which continues this week.</p></article></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", str(page), "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["published"] == "2023-06-06" and row["date_sources"]["url"] == "2023-06-06"
    hinted = CliRunner().invoke(
        app, ["ingest", str(page), "--json", "--url", "https://n.example/2023/06/07/oslo"]
    )
    [row] = json.loads(hinted.stdout)
    assert row["date_sources"]["url"] == "2023-06-07"  # the hint wins over the page's own
    two = CliRunner().invoke(app, ["ingest", str(page), str(page), "--url", "https://n.example/"])
    assert two.exit_code == 2 and "expected one file" in two.output
