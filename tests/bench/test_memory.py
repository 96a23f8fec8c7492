"""The long extraction run of `bench_memory`: its articles and its verdict."""

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


def test_memory_is_flat_when_the_end_stays_near_the_warm_level():
    # The warm sample is the first at a tenth of the run: loading before it
    # does not count, growth after it does.
    assert run_of([300, 500, 505, 510, 520, 515, 512, 519, 522, 524]).is_flat
    growing = run_of([300, 500, 520, 540, 560, 580, 600, 620, 640, 660])
    assert not growing.is_flat
    assert growing.growth_mb == 160
    assert "**not flat**" in render_memory(growing, when="today")


def test_a_short_real_run_samples_the_pipeline():
    texts = [seed_path(prefix).read_text() for prefix in ("000", "001")]
    run = memory_run(texts, articles=6, processes=1, every=2)
    assert [s.articles for s in run.samples] == [2, 4, 6]
    assert all(s.rss_mb > 100 for s in run.samples)  # the model is loaded
    report = render_memory(run, when="today")
    assert "6 articles" in report and "| 6 |" in report
