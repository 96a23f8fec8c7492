"""The long extraction run of `bench_memory`: its articles and its verdict."""

import pytest

from events.benchmark.memory import (
    MemoryRun,
    Sample,
    memory_run,
    render_memory,
    varied_articles,
)
from tests.conftest import seed_path


def test_each_copy_brings_new_figures_and_a_reference_of_its_own():
    texts = ["At least 12 people were killed in 2017.", "No figures here."]
    articles = [article.text for article in varied_articles(texts, 5)]
    assert articles[0].startswith("At least 12 people were killed in 2017.")
    assert articles[2].startswith("At least 13 people were killed in 2018.")
    assert articles[4].startswith("At least 14 people were killed in 2019.")
    assert articles[3].startswith("No figures here.")
    references = {article.rsplit("Reference", 1)[1] for article in articles}
    assert len(references) == 5


def run_of(rss: list[float]) -> MemoryRun:
    run = MemoryRun(articles=100 * len(rss), processes=1, corpus_articles=10)
    run.samples = [Sample(100 * (n + 1), float(n + 1), mb) for n, mb in enumerate(rss)]
    return run


def test_memory_is_judged_on_medians_not_single_samples():
    # Loading in the first tenth does not count; one high sample at the end
    # (a worker holding a batch) does not make a run grow.
    flat = [300] * 4 + [500, 505, 510, 700] + [505] * 28 + [498, 502, 503, 900]
    run = run_of(flat)
    assert (run.warm_mb, run.end_mb) == (507.5, 502.5)
    assert run.is_flat
    growing = run_of([300] + [500 + 10 * n for n in range(19)])
    assert (growing.warm_mb, growing.end_mb) == (515, 675)
    assert not growing.is_flat
    assert growing.slope_mb == pytest.approx(1000)  # 10 MB a 100 articles
    assert "**not flat**" in render_memory(growing, when="today")


def test_a_short_real_run_samples_the_pipeline():
    texts = [seed_path(prefix).read_text() for prefix in ("000", "001")]
    run = memory_run(texts, articles=6, processes=1, every=2)
    assert [s.articles for s in run.samples] == [2, 4, 6]
    assert all(s.rss_mb > 100 for s in run.samples)  # the model is loaded
    report = render_memory(run, when="today")
    assert "6 articles" in report and "| 6 |" in report
