"""The analyst's pages: timeline, map, event, article, actor and place pages,
exports and the small JSON endpoints the pages use.

Each view reads the filter from the query string, calls a selector and renders.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from events import exports, selectors
from events.charts import chart_layout
from events.filters import EventFilter
from events.highlight import emphasize, segments
from events.models import Actor, Article, Event, Place, Source

PAGING_PARAMS = ("after", "before", "page")


def browse_permitted(view):
    """Let logged-in analysts in, and everyone when the deployment is public."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.CONFLICTWATCH_PUBLIC_READ or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return require_GET(wrapper)


def _filtered(request, queryset=None, preset: dict | None = None) -> EventFilter:
    """The page's EventFilter: the query string, plus a preset (actor pages...)."""
    data = request.GET.copy()
    for name in PAGING_PARAMS:
        data.pop(name, None)
    for name, value in (preset or {}).items():
        data.setdefault(name, value)
    return EventFilter(data, queryset=queryset or Event.objects.all())


def _timeline_context(request, filterset: EventFilter) -> dict:
    if filterset.search_text:
        try:
            number = int(request.GET.get("page", "1"))
        except ValueError:
            number = 1
        page = selectors.search_page(
            filterset.without_search(),
            filterset.search_text,
            page=number,
            size=settings.CONFLICTWATCH_PAGE_SIZE,
        )
    else:
        page = selectors.event_page(
            selectors.events_for_display(filterset.qs),
            after=request.GET.get("after", ""),
            before=request.GET.get("before", ""),
            size=settings.CONFLICTWATCH_PAGE_SIZE,
        )
    return {
        "filter": filterset,
        "page": page,
        "totals": page.totals or selectors.event_totals(filterset.qs),
        "query": filterset.data.urlencode(),
    }


@browse_permitted
def timeline(request):
    """The home page: filtered events, newest first, grouped by day."""
    filterset = _filtered(request)
    return render(
        request, "events/event_list.html", _timeline_context(request, filterset)
    )


@browse_permitted
def event_chart(request):
    """The filtered events and deaths per month, as an SVG image."""
    bars = selectors.event_chart(_filtered(request).qs)
    return render(
        request,
        "events/event_chart.svg",
        chart_layout(bars),
        content_type="image/svg+xml",
    )


@browse_permitted
def event_map(request):
    """The same filtered events on a map (their data comes from map_data)."""
    filterset = _filtered(request)
    return render(
        request,
        "events/event_map.html",
        {
            "filter": filterset,
            "totals": selectors.event_totals(filterset.qs),
            "query": filterset.data.urlencode(),
            "map_config": _map_config(filterset.data.urlencode()),
        },
    )


def _map_config(query: str | None) -> dict:
    """Settings for static/events/js/map.js; no data URL when `query` is None."""
    data_url = reverse("events:map_data")
    return {
        "dataUrl": None if query is None else data_url + (f"?{query}" if query else ""),
        "basemapUrl": static("events/geo/basemap.geojson"),
        "tileUrl": settings.CONFLICTWATCH_TILE_URL,
        "tileAttribution": settings.CONFLICTWATCH_TILE_ATTRIBUTION,
    }


def _bbox(value: str):
    """Parse 'west,south,east,north' or return None."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        return None
    return west, south, east, north


@browse_permitted
def map_data(request):
    """GeoJSON of the filtered, mappable events inside `bbox` (see docs/api.md)."""
    filterset = _filtered(request)
    bbox = _bbox(request.GET.get("bbox", "")) if request.GET.get("bbox") else None
    return JsonResponse(selectors.map_features(filterset.qs, bbox=bbox))


@browse_permitted
def event_detail(request, pk: int):
    try:
        event = selectors.event_detail(pk)
    except Event.DoesNotExist as missing:
        raise Http404("No such event.") from missing
    spans = selectors.event_spans(event)
    sentences = [
        {
            "evidence": evidence,
            "segments": segments(evidence.text, spans, offset=evidence.start),
        }
        for evidence in event.evidence.all()
        if evidence.field == "event"
    ]
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "claims": list(event.claims.all()),
            "sentences": sentences,
            "related": selectors.related_events(event),
            "map_config": _map_config(None) | {"focus": _focus(event)},
        },
    )


def _focus(event: Event) -> dict | None:
    if not event.place_id:
        return None
    return {
        "lat": event.place.latitude,
        "lon": event.place.longitude,
        "precision": event.geo_precision or "exact",
        "label": event.place.name,
    }


@browse_permitted
def article_detail(request, pk: int):
    try:
        article = selectors.article_detail(pk)
    except Article.DoesNotExist as missing:
        raise Http404("No such article.") from missing
    cut = segments(article.text, selectors.article_spans(article))
    event_id = request.GET.get("event", "")
    sentences = (
        selectors.event_sentences(article, int(event_id)) if event_id.isdigit() else []
    )
    return render(
        request,
        "events/article_detail.html",
        {
            "article": article,
            "segments": emphasize(cut, sentences),
            "near_duplicates": selectors.near_duplicates(article),
        },
    )


@browse_permitted
def actor_detail(request, pk: int):
    actor = get_object_or_404(Actor, pk=pk)
    filterset = _filtered(request, preset={"actor": str(actor.pk)})
    context = _timeline_context(request, filterset)
    context["actor"] = actor
    context["map_config"] = _map_config(filterset.data.urlencode())
    return render(request, "events/actor_detail.html", context)


@browse_permitted
def place_detail(request, pk: int):
    place = get_object_or_404(Place, pk=pk)
    filterset = _filtered(request, preset={"place": str(place.pk)})
    context = _timeline_context(request, filterset)
    context["place"] = place
    context["map_config"] = _map_config(filterset.data.urlencode()) | {
        "focus": {
            "lat": place.latitude,
            "lon": place.longitude,
            "precision": place.precision,
            "label": place.name,
        }
    }
    return render(request, "events/place_detail.html", context)


# --- exports ------------------------------------------------------------------------

EXPORTS = {
    "csv": (exports.csv_lines, "text/csv; charset=utf-8"),
    "geojson": (exports.geojson_chunks, "application/geo+json"),
    "json": (exports.json_chunks, "application/json"),
}


@browse_permitted
def export(request, fmt: str):
    """Stream the filtered events as CSV (ACLED columns), GeoJSON or JSON."""
    if fmt not in EXPORTS:
        raise Http404("Unknown export format.")
    chunks, content_type = EXPORTS[fmt]
    response = StreamingHttpResponse(
        chunks(_filtered(request).qs), content_type=content_type
    )
    response["Content-Disposition"] = (
        f'attachment; filename="conflictwatch-events.{fmt}"'
    )
    return response


# --- type-ahead for the actor, place and source boxes ---------------------------------


@browse_permitted
def options(request, kind: str):
    """Names for a filter box's type-ahead: {"options": [{"value", "label"}]}."""
    text = request.GET.get("q", "").strip()[:100]
    if kind == "actors":
        rows = Actor.objects.filter(name__icontains=text)[:15] if text else []
        found = [
            {"value": a.name, "label": f"{a.name} ({a.get_kind_display()})"}
            for a in rows
        ]
    elif kind == "places":
        found = [
            {"value": p.name, "label": str(p)} for p in selectors.place_options(text)
        ]
    elif kind == "sources":
        rows = Source.objects.filter(name__icontains=text)[:15] if text else []
        found = [{"value": s.name, "label": s.name} for s in rows]
    else:
        raise Http404("Unknown options.")
    return JsonResponse({"options": found})
