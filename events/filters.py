"""The one event filter the timeline, the map, the exports and the map data share.

Its state lives in the URL's query string, so a filtered view is a link. Actor,
place and source are typed (name or id), never chosen from a select of
thousands; `EventFilter.description()` says in plain words what is shown.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format

from events.extraction.gazetteer import syrian_governorates
from events.models import Actor, Event, EventType, Place, Source

# ACLED's sub-event types (codebook 2023), by event type.
SUB_EVENT_TYPES = {
    EventType.BATTLES: [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    EventType.EXPLOSIONS: [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Chemical weapon",
        "Grenade",
    ],
    EventType.VIOLENCE_AGAINST_CIVILIANS: [
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ],
    EventType.STRATEGIC_DEVELOPMENTS: [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Non-violent transfer of territory",
        "Other",
    ],
    EventType.PROTESTS: ["Peaceful protest", "Protest with intervention"],
    EventType.RIOTS: ["Violent demonstration", "Mob violence"],
}


def governorate_choices() -> list[tuple[str, str]]:
    """Syria's 14 governorates as (GeoNames admin1 code, name), by name."""
    return sorted(syrian_governorates().items(), key=lambda item: item[1])


YES_NO = [("", "Any"), ("true", "Yes"), ("false", "No")]


def _plural(label: str) -> str:
    """Return an ACLED (sub-)type as a plural noun phrase: 'Air/drone strikes'."""
    if label.endswith(("territory", "activity", "violence", "Other", "weapon")):
        return f"{label} events" if label != "Other" else "Other developments"
    if label.endswith(("sh", "ss", "x")):
        return f"{label}es"
    return label if label.endswith("s") else f"{label}s"


class EventFilter(django_filters.FilterSet):
    start = django_filters.DateFilter(
        label="From",
        method="filter_period",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = django_filters.DateFilter(
        label="To",
        method="filter_period",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    event_type = django_filters.ChoiceFilter(
        label="Event type", choices=EventType.choices, empty_label="Any type"
    )
    sub_event_type = django_filters.ChoiceFilter(
        label="Sub-type",
        choices=[
            (str(kind), [(sub, sub) for sub in subs])
            for kind, subs in SUB_EVENT_TYPES.items()
        ],
        empty_label="Any sub-type",
    )
    actor = django_filters.CharFilter(
        label="Actor",
        method="filter_actor",
        widget=forms.TextInput(
            attrs={"list": "actor-options", "placeholder": "e.g. Islamic State"}
        ),
    )
    governorate = django_filters.ChoiceFilter(
        label="Governorate",
        choices=governorate_choices,  # read when the form is built
        method="filter_governorate",
        empty_label="Any governorate",
    )
    place = django_filters.CharFilter(
        label="Place",
        method="filter_place",
        widget=forms.TextInput(
            attrs={"list": "place-options", "placeholder": "e.g. Raqqa"}
        ),
    )
    min_killed = django_filters.NumberFilter(
        label="At least killed",
        method="filter_min_killed",
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0}),
    )
    civilian_targeting = django_filters.ChoiceFilter(
        label="Civilians targeted",
        choices=YES_NO[1:],
        empty_label="Any",
        method="filter_civilian_targeting",
    )
    source = django_filters.CharFilter(
        label="Source outlet",
        method="filter_source",
        widget=forms.TextInput(attrs={"list": "source-options"}),
    )
    q = django_filters.CharFilter(
        label="Search articles",
        method="filter_search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "words in the articles"}
        ),
    )
    verified = django_filters.BooleanFilter(
        label="Verified only",
        method="filter_verified",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Event
        fields: list[str] = []

    # --- the filters call the QuerySet's vocabulary -----------------------

    def filter_period(self, queryset, name, value):
        bounds = {name: value}
        return queryset.in_period(**bounds)

    def filter_actor(self, queryset, name, value):
        actor = self.actor_obj
        return queryset.involving(actor) if actor else queryset.none()

    def filter_governorate(self, queryset, name, value):
        return queryset.in_governorate(value)

    def filter_place(self, queryset, name, value):
        place = self.place_obj
        return queryset.at_place(place) if place else queryset.none()

    def filter_min_killed(self, queryset, name, value):
        return queryset.with_killed_at_least(int(value))

    def filter_civilian_targeting(self, queryset, name, value):
        return queryset.filter(civilian_targeting=value == "true")

    def filter_source(self, queryset, name, value):
        source = self.source_obj
        return queryset.reported_by(source) if source else queryset.none()

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified=True) if value else queryset

    # --- typed names resolved once ------------------------------------------

    def _typed(self, field: str) -> str:
        return (self.form.cleaned_data.get(field) or "").strip()

    @property
    def actor_obj(self) -> Actor | None:
        if not hasattr(self, "_actor"):
            self._actor = Actor.objects.named(self._typed("actor"))
        return self._actor

    @property
    def place_obj(self) -> Place | None:
        if not hasattr(self, "_place"):
            self._place = Place.objects.named(self._typed("place"))
        return self._place

    @property
    def source_obj(self) -> Source | None:
        if not hasattr(self, "_source"):
            name = self._typed("source")
            self._source = (
                Source.objects.filter(name__iexact=name).first() if name else None
            )
        return self._source

    @property
    def is_searching(self) -> bool:
        return self.is_valid() and bool(self._typed("q"))

    @property
    def search_text(self) -> str:
        """The full-text query the events were searched with, or ''."""
        return self._typed("q") if self.is_searching else ""

    def without_search(self) -> QuerySet[Event]:
        """The events the other filters select, before the full-text search
        (the typed actor, place and source resolved once, as for `qs`)."""
        queryset = self.queryset.all()
        self.is_valid()  # cleans the form once; invalid fields are left out
        for name, value in self.form.cleaned_data.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def description(self) -> str:
        """Say in words what the active filters select (counts come from the page).

        "Air/drone strikes by US-led coalition in Deir ez-Zor, 1 Jan 2017 - 31 Mar 2017"
        """
        if not self.is_valid():
            return "Events (some filters are invalid and were ignored)"
        data = self.form.cleaned_data
        sub_type, event_type = data.get("sub_event_type"), data.get("event_type")
        words = [
            _plural(sub_type or event_type) if (sub_type or event_type) else "Events"
        ]
        if data.get("actor"):
            words.append(f"involving {self.actor_obj or repr(data['actor'])}")
        if data.get("place"):
            place = self.place_obj
            words.append(f"at {place.name if place else repr(data['place'])}")
        if data.get("governorate"):
            words.append(f"in {syrian_governorates()[data['governorate']]}")
        if data.get("civilian_targeting"):
            words.append(
                "targeting civilians"
                if data["civilian_targeting"] == "true"
                else "not targeting civilians"
            )
        if data.get("min_killed") is not None:
            words.append(f"with at least {int(data['min_killed'])} killed")
        if data.get("source"):
            source = self.source_obj
            words.append(
                f"reported by {source.name if source else repr(data['source'])}"
            )
        if data.get("q"):
            words.append(f"in articles matching “{data['q']}”")
        if data.get("verified"):
            words.append("verified by an analyst")
        sentence = " ".join(words)
        period = _period(data.get("start"), data.get("end"))
        return f"{sentence}, {period}" if period else sentence


def _period(start, end) -> str:
    """Return '1 Jan 2017 - 31 Mar 2017', 'since 1 Jan 2017', 'until ...' or ''."""

    def day(value):
        return date_format(value, "j M Y")

    if start and end:
        return f"{day(start)} - {day(end)}"
    if start:
        return f"since {day(start)}"
    if end:
        return f"until {day(end)}"
    return ""
