"""The admin's paste form and bulk upload page, which store through the service."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from pytest_django.asserts import assertInHTML, assertRedirects, assertTemplateUsed

from events.extraction import PIPELINE_VERSION
from events.forms import UPLOAD_BAD_TYPE, UPLOAD_TOO_LARGE
from events.ingestion.readers import (
    ARTICLE_TOO_LARGE,
    DECODED_AS,
    EMPTY_FILE,
    JSON_INVALID,
    MISSING_COLUMN,
    ROW_FIELD_COUNT,
    ZIP_SYMLINK,
    ZIP_UNSAFE_PATH,
    ArticleInput,
)
from events.models import Article
from events.services import DUPLICATE_OF, IngestStatus, article_ingest
from tests.conftest import seed_path
from tests.ingestion.files import (
    CP1252,
    CP1252_DECODED,
    FIRST,
    SECOND,
    THIRD,
    symlink,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:events_article_upload")
ADD_URL = reverse("admin:events_article_add")

DATELINED = (
    "Army Retakes Mayadeen\n\n10 September 2017\n\n"
    "The army said on Friday that it had retaken the town of Mayadeen after "
    "weeks of fighting with militants in the eastern desert. More followed."
)

ADDED = IngestStatus.ADDED
DUPLICATE = IngestStatus.DUPLICATE
REJECTED = IngestStatus.REJECTED


def upload(client, name: str, data: bytes, **fields):
    fields.setdefault("extract", "on")
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data), **fields})


def outcomes(response) -> list[tuple[str, str, str]]:
    return [(o.origin, o.status, o.reason) for o in response.context["report"].outcomes]


def messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_url(article_id: int) -> str:
    return reverse("admin:events_article_change", args=[article_id])


# --- bulk upload --------------------------------------------------------------------


def test_upload_page_shows_the_form(admin_client):
    response = admin_client.get(UPLOAD_URL)

    assert response.status_code == 200
    assertTemplateUsed(response, "admin/events/article/upload.html")
    assert response.context["report"] is None


@pytest.mark.parametrize(
    ("name", "data", "texts"),
    [
        ("a.txt", FIRST.encode(), [FIRST]),
        ("b.csv", f'id,text\n1,"{FIRST}"\n2,"{SECOND}"\n'.encode(), [FIRST, SECOND]),
        (
            "c.jsonl",
            f'{{"text": "{FIRST}"}}\n{{"text": "{SECOND}"}}\n'.encode(),
            [FIRST, SECOND],
        ),
        (
            "d.zip",
            zip_bytes(
                ("dir/a.txt", FIRST.encode()),
                ("dir/b.csv", f'text\n"{SECOND}"\n'.encode()),
                ("dir/c.jsonl", f'{{"text": "{THIRD}"}}\n'.encode()),
            ),
            [FIRST, SECOND, THIRD],
        ),
    ],
)
@pytest.mark.parametrize("in_memory", [True, False], ids=["memory", "temporary-file"])
def test_upload_stores_each_format(
    admin_client, admin_user, settings, name, data, texts, in_memory
):
    # Past FILE_UPLOAD_MAX_MEMORY_SIZE an upload is streamed to a temporary file.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440 if in_memory else 1

    response = upload(admin_client, name, data)

    assert response.status_code == 200
    assert [o.status for o in response.context["report"].outcomes] == [ADDED] * len(
        texts
    )
    assert messages(response) == [
        f"{name}: added {len(texts)}, duplicates 0, rejected 0."
    ]
    assert list(Article.objects.order_by("pk").values_list("text", "uploaded_by")) == [
        (text, admin_user.pk) for text in texts
    ]


def test_upload_reports_bad_entries_and_stores_the_rest(admin_client):
    data = zip_bytes(
        ("dir/a.txt", FIRST.encode()),
        ("../evil.txt", b"x"),
        ("/etc/evil.txt", b"x"),
        (symlink("dir/link.txt"), b"/etc/passwd"),
        ("dir/empty.txt", b""),
        ("dir/rows.csv", f'id,text\n1\n2,"{SECOND}"\n'.encode()),
        ("dir/lines.jsonl", f'not json\n{{"text": "{THIRD}"}}\n'.encode()),
    )

    response = upload(admin_client, "batch.zip", data)

    assert outcomes(response) == [
        ("batch.zip:dir/a.txt", ADDED, ""),
        ("batch.zip:../evil.txt", REJECTED, ZIP_UNSAFE_PATH.format(why="'..' in path")),
        (
            "batch.zip:/etc/evil.txt",
            REJECTED,
            ZIP_UNSAFE_PATH.format(why="absolute path"),
        ),
        ("batch.zip:dir/link.txt", REJECTED, ZIP_SYMLINK),
        ("batch.zip:dir/empty.txt", REJECTED, EMPTY_FILE),
        (
            "batch.zip:dir/rows.csv row 2",
            REJECTED,
            ROW_FIELD_COUNT.format(expected=2, found=1),
        ),
        ("batch.zip:dir/rows.csv row 3 (id 2)", ADDED, ""),
        (
            "batch.zip:dir/lines.jsonl line 1",
            REJECTED,
            JSON_INVALID.format(error="Expecting value"),
        ),
        ("batch.zip:dir/lines.jsonl line 2", ADDED, ""),
    ]
    assert sorted(Article.objects.values_list("text", flat=True)) == sorted(
        [FIRST, SECOND, THIRD]
    )
    assert messages(response) == ["batch.zip: added 3, duplicates 0, rejected 6."]


def test_upload_report_table_rows(admin_client):
    data = zip_bytes(("dir/a.txt", FIRST.encode()), ("../evil.txt", b"x"))

    response = upload(admin_client, "batch.zip", data)

    article = Article.objects.get()
    assertInHTML(
        f"""<tr class="outcome-added"><td>batch.zip:dir/a.txt</td><td>added</td>
        <td><a href="{change_url(article.pk)}">#{article.pk}</a></td><td></td></tr>""",
        response.content.decode(),
    )
    assertInHTML(
        """<tr class="outcome-rejected"><td>batch.zip:../evil.txt</td>
        <td>rejected</td><td></td>
        <td>unsafe path in zip ('..' in path)</td></tr>""",
        response.content.decode(),
    )


def test_upload_report_shows_the_decoding_note(admin_client):
    response = upload(admin_client, "cafe.txt", CP1252)

    article = Article.objects.get()
    assert article.text == CP1252_DECODED
    assertInHTML(
        f"""<tr class="outcome-added"><td>cafe.txt</td><td>added</td>
        <td><a href="{change_url(article.pk)}">#{article.pk}</a></td>
        <td>{DECODED_AS.format(encoding="cp1252")}</td></tr>""",
        response.content.decode(),
    )


def test_upload_report_shows_duplicates_and_near_duplicates(admin_client):
    upload(admin_client, "a.txt", seed_path("000").read_bytes())
    first = Article.objects.get()

    response = upload(
        admin_client,
        "b.zip",
        zip_bytes(
            ("dir/000.txt", seed_path("000").read_bytes()),
            ("dir/001.txt", seed_path("001").read_bytes()),
        ),
    )

    second = Article.objects.exclude(pk=first.pk).get()
    assert outcomes(response) == [
        ("b.zip:dir/000.txt", DUPLICATE, DUPLICATE_OF.format(article_id=first.pk)),
        ("b.zip:dir/001.txt", ADDED, ""),
    ]
    assertInHTML(
        f"""<tr class="outcome-added"><td>b.zip:dir/001.txt</td><td>added</td>
        <td><a href="{change_url(second.pk)}">#{second.pk}</a></td>
        <td>near-duplicate of #{first.pk} (0.27)</td></tr>""",
        response.content.decode(),
    )


def test_upload_over_the_size_limit_is_refused(admin_client, settings):
    settings.CONFLICTWATCH_UPLOAD_MAX_BYTES = 10

    response = upload(admin_client, "a.txt", FIRST.encode())

    assert response.context["form"].errors == {
        "file": [
            UPLOAD_TOO_LARGE.format(
                size=filesizeformat(len(FIRST)), limit=filesizeformat(10)
            )
        ]
    }
    assert response.context["report"] is None
    assert not Article.objects.exists()


def test_upload_of_an_unsupported_type_is_refused(admin_client):
    response = upload(admin_client, "report.pdf", b"%PDF-1.7")

    assert response.context["form"].errors == {
        "file": [UPLOAD_BAD_TYPE.format(name="report.pdf")]
    }
    assert not Article.objects.exists()


def test_upload_article_over_the_article_limit_is_rejected(admin_client, settings):
    settings.CONFLICTWATCH_ARTICLE_MAX_BYTES = 100
    data = zip_bytes(("dir/a.txt", FIRST.encode()), ("dir/big.txt", b"x" * 150))

    response = upload(admin_client, "batch.zip", data)

    assert outcomes(response) == [
        ("batch.zip:dir/a.txt", ADDED, ""),
        (
            "batch.zip:dir/big.txt",
            REJECTED,
            ARTICLE_TOO_LARGE.format(size=150, limit=100),
        ),
    ]


def test_upload_text_column_that_is_not_there(admin_client):
    response = upload(
        admin_client, "a.csv", f'id,text\n1,"{FIRST}"\n'.encode(), text_column="body"
    )

    assert outcomes(response) == [
        ("a.csv", REJECTED, MISSING_COLUMN.format(column="body", columns="id, text"))
    ]
    assert not Article.objects.exists()


def test_upload_column_fields_name_the_columns(admin_client):
    data = f'ref,headline,body,when\nr1,Market Shelled,"{FIRST}",4/5/17\n'.encode()

    upload(
        admin_client,
        "a.csv",
        data,
        id_column="ref",
        title_column="headline",
        text_column="body",
        date_column="when",
    )

    assert Article.objects.values_list(
        "external_id", "title", "text", "published"
    ).get() == ("r1", "Market Shelled", FIRST, date(2017, 4, 5))


@pytest.mark.parametrize(
    ("extract", "status", "version"),
    [
        ("on", Article.ExtractionStatus.DONE, PIPELINE_VERSION),
        ("", Article.ExtractionStatus.PENDING, ""),
    ],
)
def test_upload_extracts_only_when_asked(admin_client, extract, status, version):
    upload(admin_client, "a.txt", FIRST.encode(), extract=extract)

    assert Article.objects.values_list(
        "extraction_status", "pipeline_version"
    ).get() == (status, version)


# --- paste form ---------------------------------------------------------------------


def test_paste_form_is_shown_for_add(admin_client):
    response = admin_client.get(ADD_URL)

    assert response.status_code == 200
    assertTemplateUsed(response, "admin/events/article/paste.html")


def test_paste_stores_the_article_and_shows_it(admin_client, admin_user):
    response = admin_client.post(ADD_URL, {"text": DATELINED})

    article = Article.objects.get()
    assertRedirects(response, change_url(article.pk))
    assert (
        article.title,
        article.published,
        article.text,
        article.uploaded_by,
        article.extraction_status,
    ) == (
        "Army Retakes Mayadeen",
        date(2017, 9, 10),
        DATELINED,
        admin_user,
        Article.ExtractionStatus.DONE,
    )
    assert messages(response) == ["The article was added."]


def test_pasted_metadata_wins_over_the_text(admin_client):
    admin_client.post(
        ADD_URL,
        {
            "text": DATELINED,
            "title": "Mayadeen Falls",
            "published": "2017-09-08",
            "source": "SANA",
            "url": "https://example.com/mayadeen",
        },
    )

    article = Article.objects.get()
    assert (article.title, article.published, article.source.name, article.url) == (
        "Mayadeen Falls",
        date(2017, 9, 8),
        "SANA",
        "https://example.com/mayadeen",
    )


def test_paste_of_a_stored_text_shows_the_stored_article(admin_client):
    first = article_ingest(item=ArticleInput(text=FIRST, origin="earlier"))

    response = admin_client.post(ADD_URL, {"text": f"  {FIRST.upper()}\n"})

    assertRedirects(response, change_url(first.article_id))
    assert Article.objects.count() == 1
    assert messages(response) == [
        f"Not added: {DUPLICATE_OF.format(article_id=first.article_id)} (shown here)."
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "This field is required."),
        (" \n\t ", "This field is required."),
        ("x" * 150, ARTICLE_TOO_LARGE.format(size=150, limit=100)),
    ],
)
def test_paste_errors_are_shown_on_the_form(admin_client, settings, text, error):
    settings.CONFLICTWATCH_ARTICLE_MAX_BYTES = 100

    response = admin_client.post(ADD_URL, {"text": text})

    assert response.status_code == 200
    assert response.context["form"].errors == {"text": [error]}
    assert not Article.objects.exists()


# --- who may use them ----------------------------------------------------------------


@pytest.mark.parametrize("url", [UPLOAD_URL, ADD_URL])
def test_non_staff_user_is_sent_to_log_in(client, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("reader"))

    response = client.post(
        url, {"file": SimpleUploadedFile("a.txt", FIRST.encode()), "text": FIRST}
    )

    assertRedirects(
        response, f"{reverse('admin:login')}?next={url}", fetch_redirect_response=False
    )
    assert not Article.objects.exists()


@pytest.mark.parametrize("url", [UPLOAD_URL, ADD_URL])
def test_anonymous_user_is_sent_to_log_in(client, url):
    response = client.get(url)

    assertRedirects(
        response, f"{reverse('admin:login')}?next={url}", fetch_redirect_response=False
    )


@pytest.mark.parametrize("url", [UPLOAD_URL, ADD_URL])
def test_staff_without_add_permission_is_refused(client, django_user_model, url):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(clerk)

    response = client.post(
        url, {"file": SimpleUploadedFile("a.txt", FIRST.encode()), "text": FIRST}
    )

    assert response.status_code == 403
    assert not Article.objects.exists()
