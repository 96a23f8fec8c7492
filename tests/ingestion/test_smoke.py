import pytest

from events.models import Article
from events.services import articles_ingest, read_limits
from events.ingestion.readers import Columns, read_paths
from tests.conftest import SEEDS_DIR


@pytest.mark.django_db
def test_seeds_ingest_once():
    report = articles_ingest(items=read_paths([SEEDS_DIR], Columns(), read_limits()))
    assert len(report.added_ids) == 5
    again = articles_ingest(items=read_paths([SEEDS_DIR], Columns(), read_limits()))
    assert again.added_ids == []
    assert Article.objects.count() == 5
