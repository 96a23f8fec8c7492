# Keep each article's search vector in its table row.
#
# A vector (about 2 KB for a news article) is just over PostgreSQL's 2 KB
# threshold, so by default it is moved to the TOAST table, and ranking the
# articles a search matches fetches every one from there: at 100,000 articles
# ranking the ~12,000 that match "chemical" took 57 ms, with the vectors in
# the row 30 ms (manage.py bench). STORAGE MAIN asks PostgreSQL to keep the
# column in the row; toast_tuple_target lets rows grow to a page before it
# moves anything out (the article text, compressed, is moved first).
#
# The settings apply to rows as they are written: VACUUM FULL rewrites the
# existing ones. It locks the table while it runs (seconds for 100,000
# articles) and cannot run inside a transaction, hence atomic = False.

from django.db import migrations

FORWARD = [
    'ALTER TABLE "events_article" SET (toast_tuple_target = 8160)',
    'ALTER TABLE "events_article" ALTER COLUMN "search_vector" SET STORAGE MAIN',
    'VACUUM FULL "events_article"',
]
BACKWARD = [
    'ALTER TABLE "events_article" RESET (toast_tuple_target)',
    'ALTER TABLE "events_article" ALTER COLUMN "search_vector" SET STORAGE EXTENDED',
]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("events", "0006_scale_indexes"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, reverse_sql=BACKWARD),
    ]
