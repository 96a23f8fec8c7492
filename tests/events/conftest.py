import pytest

from events.ingestion.readers import Columns, ReadLimits, read_paths
from events.models import Article
from events.services import articles_ingest
from tests.conftest import SEEDS_DIR, seed_path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash the test users' passwords cheaply: the admin tests create many."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeds(db) -> dict[str, Article]:
    """Store the five seed articles; return them by prefix ("000" ... "004")."""
    articles_ingest(items=read_paths([SEEDS_DIR], Columns(), ReadLimits()))
    return {
        prefix: Article.objects.get(external_id=seed_path(prefix).stem)
        for prefix in ("000", "001", "002", "003", "004")
    }
