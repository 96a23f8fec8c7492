"""`extract`, `evaluate` and `bench_extraction`: the commands other tools run."""

import json
from io import StringIO

from django.core.management import call_command

from tests.conftest import ROOT, SEEDS_DIR

GOLD = ROOT / "tests" / "fixtures" / "gold" / "seeds.jsonl"


def test_extract_writes_one_contract_object_per_article(tmp_path):
    csv_file = tmp_path / "batch.csv"
    csv_file.write_text(
        "unit_id,article_title,article_content,date\n"
        '7,Strike,"Airstrikes killed 35 civilians in Mayadeen on Thursday.",5/27/17\n',
        encoding="utf-8",
    )
    out = StringIO()

    call_command("extract", str(SEEDS_DIR), str(csv_file), stdout=out)

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == [
        path.stem for path in sorted(SEEDS_DIR.glob("*.txt"))
    ] + ["7"]
    last = records[-1]
    assert (last["title"], last["published"]) == ("Strike", "2017-05-27")
    (event,) = last["events"]
    assert (
        event["sub_event_type"],
        event["place"],
        event["killed"],
        event["date"],
    ) == (
        "Air/drone strike",
        "al-Mayadin",
        35,
        "2017-05-25",
    )


def test_evaluate_scores_the_pipeline_against_the_seed_gold():
    out = StringIO()

    call_command("evaluate", str(GOLD), "--articles", str(SEEDS_DIR), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["field", "precision", "recall", "gold"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:-1]}
    assert set(rows) == {"places", "actors", "casualties", "events", "published"}
    assert rows["published"] == ["1.00", "1.00", "5"]
    assert lines[-1].startswith("traps avoided: 67 of 67")


def test_evaluate_flags_a_prediction_that_reads_a_trap(tmp_path):
    gold = [json.loads(line) for line in GOLD.open()]
    trap = gold[0]["traps"][0]["text"]
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(
        "\n".join(
            json.dumps(
                {"id": g["id"], "casualties": [{"text": trap}]}
                if i == 0
                else {"id": g["id"]}
            )
            for i, g in enumerate(gold)
        ),
        encoding="utf-8",
    )
    out = StringIO()

    call_command("evaluate", str(GOLD), "--predictions", str(predictions), stdout=out)

    assert out.getvalue().splitlines()[-1].startswith("traps avoided: 66 of 67")


def test_bench_extraction_prints_a_row_per_process_count():
    out = StringIO()

    call_command(
        "bench_extraction", str(SEEDS_DIR), "--limit", "5", "--repeat", "1", stdout=out
    )

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("5 articles, ")
    assert lines[1].split() == [
        "processes",
        "bare",
        "words/s",
        "pipeline",
        "words/s",
        "ratio",
        "articles/s",
    ]
    assert [line.split()[0] for line in lines[2:]] == ["1"]
