"""Every model is in the admin, and its list, search and add pages load."""

import pytest
from django.contrib import admin
from django.urls import reverse

from events import models
from events.ingestion.readers import Columns, ReadLimits, read_paths
from events.services import articles_ingest
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.django_db

MODELS = [
    models.Source,
    models.Article,
    models.ArticleSimilarity,
    models.Actor,
    models.Place,
    models.Event,
    models.EventActor,
    models.Evidence,
    models.CasualtyClaim,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_search_load(admin_client, model):
    articles_ingest(items=read_paths([SEEDS_DIR], Columns(), ReadLimits()))
    url = reverse(f"admin:events_{model._meta.model_name}_changelist")

    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Raqqa"}).status_code == 200


def test_article_change_page_shows_its_near_duplicate(admin_client):
    articles_ingest(items=read_paths([SEEDS_DIR], Columns(), ReadLimits()))
    link = models.ArticleSimilarity.objects.get()

    response = admin_client.get(
        reverse("admin:events_article_change", args=[link.article_id])
    )

    assert response.status_code == 200
    assert f"{link.similarity:.2f}".rstrip("0") in response.content.decode()
