"""Reads composed for pages: the filtered event list, its page, totals and chart,
the map's features, and what the event and article pages show.

Views call these; they never build queries themselves.
"""

from events.selectors.maps import (
    MAP_CLUSTER_ABOVE,
    MAP_GRID,
    MAP_MAX_FEATURES,
    map_clusters,
    map_features,
)
from events.selectors.pages import (
    article_detail,
    article_spans,
    event_detail,
    event_sentences,
    event_spans,
    near_duplicates,
    place_options,
    related_events,
)
from events.selectors.timeline import (
    COUNT_CAP,
    NEWEST_FIRST,
    OLDEST_FIRST,
    PAGE_SIZE,
    SEARCH_MAX_PAGES,
    ChartBar,
    EventPage,
    Totals,
    event_chart,
    event_page,
    event_totals,
    events_for_display,
    group_by_period,
    search_page,
)

__all__ = [
    "COUNT_CAP",
    "MAP_CLUSTER_ABOVE",
    "MAP_GRID",
    "MAP_MAX_FEATURES",
    "NEWEST_FIRST",
    "OLDEST_FIRST",
    "PAGE_SIZE",
    "SEARCH_MAX_PAGES",
    "ChartBar",
    "EventPage",
    "Totals",
    "article_detail",
    "article_spans",
    "event_chart",
    "event_detail",
    "event_sentences",
    "event_page",
    "event_spans",
    "event_totals",
    "events_for_display",
    "group_by_period",
    "search_page",
    "map_clusters",
    "map_features",
    "near_duplicates",
    "place_options",
    "related_events",
]
