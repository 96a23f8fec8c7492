# Each article's event ids, in its own row, kept by the database.
#
# A full-text search ranks the articles that match and then needs their
# events. Reading them from the link table means a join of every matching
# article against all its rows (at 100,000 articles, "chemical" matches
# 11,673 articles and 41,876 events: ~17 ms of a ~77 ms statement, manage.py
# bench). The search reads the articles' rows anyway to rank them, so it now
# takes their event ids from there.
#
# Triggers on the link table of Event.articles keep the column in step with
# it, whatever writes the links: extraction, an analyst in the admin, an
# event deleted (its links go by cascade), the bench's bulk copies. Each
# statement refreshes the articles it touched, once each.
#
# The column is deliberately not a model field: Django would write it back
# on every Article.save(), with whatever the object held when it was loaded,
# undoing the triggers.

from django.db import migrations

REFRESH = """
    UPDATE events_article AS article
    SET event_ids = ARRAY(
        SELECT link.event_id FROM events_event_articles AS link
        WHERE link.article_id = article.id
        ORDER BY link.event_id
    )
    WHERE article.id IN (SELECT article_id FROM {rows})
"""

FORWARD = [
    "ALTER TABLE events_article "
    "ADD COLUMN event_ids bigint[] NOT NULL DEFAULT '{}'",
    f"""
    CREATE FUNCTION events_article_event_ids_refresh() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            UPDATE events_article SET event_ids = '{{}}' WHERE event_ids <> '{{}}';
            RETURN NULL;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            {REFRESH.format(rows="new_links")};
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            {REFRESH.format(rows="old_links")};
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER event_ids_on_insert AFTER INSERT ON events_event_articles
    REFERENCING NEW TABLE AS new_links
    FOR EACH STATEMENT EXECUTE FUNCTION events_article_event_ids_refresh()
    """,
    """
    CREATE TRIGGER event_ids_on_update AFTER UPDATE ON events_event_articles
    REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
    FOR EACH STATEMENT EXECUTE FUNCTION events_article_event_ids_refresh()
    """,
    """
    CREATE TRIGGER event_ids_on_delete AFTER DELETE ON events_event_articles
    REFERENCING OLD TABLE AS old_links
    FOR EACH STATEMENT EXECUTE FUNCTION events_article_event_ids_refresh()
    """,
    """
    CREATE TRIGGER event_ids_on_truncate AFTER TRUNCATE ON events_event_articles
    FOR EACH STATEMENT EXECUTE FUNCTION events_article_event_ids_refresh()
    """,
    # The links stored so far.
    """
    UPDATE events_article AS article SET event_ids = linked.ids
    FROM (
        SELECT article_id, array_agg(event_id ORDER BY event_id) AS ids
        FROM events_event_articles GROUP BY article_id
    ) AS linked
    WHERE linked.article_id = article.id
    """,
]

BACKWARD = [
    "DROP TRIGGER event_ids_on_truncate ON events_event_articles",
    "DROP TRIGGER event_ids_on_delete ON events_event_articles",
    "DROP TRIGGER event_ids_on_update ON events_event_articles",
    "DROP TRIGGER event_ids_on_insert ON events_event_articles",
    "DROP FUNCTION events_article_event_ids_refresh()",
    "ALTER TABLE events_article DROP COLUMN event_ids",
]


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_claim_part_of_total"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, reverse_sql=BACKWARD),
    ]
