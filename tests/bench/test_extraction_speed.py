"""The extraction benchmark's timing: the two runs it compares take turns."""

import time

from events.benchmark.extraction import _best_of_alternating


def test_the_bare_model_and_the_pipeline_are_timed_by_turns():
    order = []
    bare, pipeline = _best_of_alternating(
        3, lambda: order.append("bare"), lambda: order.append("pipeline")
    )
    assert order == ["bare", "pipeline"] * 3
    assert 0 <= bare < 1 and 0 <= pipeline < 1


def test_each_side_keeps_its_fastest_run():
    # by turns: bare slow, the pipeline fast, bare fast, the pipeline slow
    delays = iter([0.05, 0.0, 0.0, 0.05])

    def run():
        time.sleep(next(delays))

    bare, pipeline = _best_of_alternating(2, run, run)
    assert bare < 0.05 and pipeline < 0.05
