from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from events.forms import ArticlePasteForm, BulkUploadForm
from events.ingestion.readers import read_upload
from events.models import (
    Actor,
    Article,
    ArticleSimilarity,
    CasualtyClaim,
    Event,
    EventActor,
    Evidence,
    Place,
    Source,
)
from events.services import (
    IngestStatus,
    article_ingest,
    articles_extract_or_queue,
    articles_ingest,
    read_limits,
)

# Django 6 will assume https for scheme-less URLs; opt in now.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "url", "article_count"]
    search_fields = ["name"]

    @admin.display(description="articles")
    def article_count(self, source):
        return source.articles.count()


class SimilarityInline(admin.TabularInline):
    model = ArticleSimilarity
    fk_name = "article"
    fields = ["similar_to", "similarity"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "near-duplicates (later articles)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = [
        "title",
        "source",
        "published",
        "extraction_status",
        "ingested_at",
        "uploaded_by",
    ]
    list_filter = ["extraction_status", "source", "published_precision", "language"]
    search_fields = ["title", "external_id", "url"]
    date_hierarchy = "published"
    list_select_related = ["source", "uploaded_by"]
    readonly_fields = [
        "text",
        "content_hash",
        "external_id",
        "ingested_at",
        "uploaded_by",
        "extraction_status",
        "extraction_error",
        "pipeline_version",
        "extracted_at",
    ]
    fields = [
        "title",
        "source",
        "url",
        "published",
        "published_precision",
        "language",
        *readonly_fields,
    ]
    inlines = [SimilarityInline]
    actions = ["rerun_extraction"]
    change_list_template = "admin/events/article/change_list.html"

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="events_article_upload",
            ),
            *super().get_urls(),
        ]

    def get_search_results(self, request, queryset, search_term):
        """Search titles and ids, and the full text through PostgreSQL FTS."""
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if search_term:
            queryset |= self.model.objects.matching(search_term)
        return queryset, may_have_duplicates

    def add_view(self, request, form_url="", extra_context=None):
        """Paste one article; it is stored through the ingestion service."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticlePasteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            outcome = article_ingest(
                item=form.article_input(), uploaded_by=request.user
            )
            if outcome.status == IngestStatus.REJECTED:
                form.add_error("text", outcome.reason)
            else:
                if outcome.status == IngestStatus.ADDED:
                    articles_extract_or_queue(
                        articles=Article.objects.filter(pk=outcome.article_id)
                    )
                    messages.success(request, "The article was added.")
                else:
                    messages.warning(
                        request, f"Not added: {outcome.reason} (shown here)."
                    )
                return redirect("admin:events_article_change", outcome.article_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add article",
            "form": form,
        }
        return TemplateResponse(request, "admin/events/article/paste.html", context)

    def upload_view(self, request):
        """Bulk upload: store every article in a file and report each outcome."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BulkUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            items = read_upload(upload.name, upload, form.columns(), read_limits())
            report = articles_ingest(
                items=items,
                uploaded_by=request.user,
                extract=form.cleaned_data["extract"],
            )
            messages.info(
                request,
                f"{upload.name}: added {report.count(IngestStatus.ADDED)}, "
                f"duplicates {report.count(IngestStatus.DUPLICATE)}, "
                f"rejected {report.count(IngestStatus.REJECTED)}.",
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/events/article/upload.html", context)

    @admin.action(description="Re-run extraction")
    def rerun_extraction(self, request, queryset):
        report = articles_extract_or_queue(articles=queryset)
        if report.queued:
            self.message_user(
                request, f"Queued {report.queued} articles for extraction."
            )
            return
        self.message_user(
            request,
            f"Extraction: done {report.done}, failed {report.failed}.",
            messages.SUCCESS if not report.failed else messages.WARNING,
        )


@admin.register(ArticleSimilarity)
class ArticleSimilarityAdmin(admin.ModelAdmin):
    list_display = ["article", "similar_to", "similarity"]
    list_select_related = ["article", "similar_to"]
    raw_id_fields = ["article", "similar_to"]
    search_fields = ["article__title", "similar_to__title"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]

    @admin.display(description="aliases")
    def alias_list(self, actor):
        return ", ".join(actor.aliases)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "admin1_name",
        "country_code",
        "feature_type",
        "precision",
        "population",
        "latitude",
        "longitude",
        "geonameid",
    ]
    list_filter = ["country_code", "precision", "feature_type", "admin1_name"]
    search_fields = ["name", "alternate_names", "=geonameid"]


class ClaimInline(admin.TabularInline):
    model = CasualtyClaim
    extra = 0
    fields = ["kind", "low", "high", "victims", "claimed_by", "article", "text"]
    raw_id_fields = ["article"]
    verbose_name_plural = "casualty claims (each source's figure)"


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["field", "article", "start", "end", "text"]
    raw_id_fields = ["article"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "date_precision",
        "event_type",
        "sub_event_type",
        "place",
        "killed_best",
        "civilian_targeting",
        "verified",
    ]
    list_filter = [
        "event_type",
        "sub_event_type",
        "verified",
        "civilian_targeting",
        "date_precision",
        "geo_precision",
        "place__admin1_name",
    ]
    search_fields = ["summary", "place__name", "actors__name"]
    date_hierarchy = "date"
    list_select_related = ["place"]
    autocomplete_fields = ["place"]
    raw_id_fields = ["articles"]
    inlines = [EventActorInline, ClaimInline, EvidenceInline]
    actions = ["mark_verified"]

    def save_model(self, request, obj, form, change):
        # A hand-made change survives re-running extraction.
        if change and form.has_changed():
            obj.edited = True
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark verified")
    def mark_verified(self, request, queryset):
        count = queryset.update(verified=True)
        self.message_user(request, f"{count} event(s) marked verified.")


@admin.register(EventActor)
class EventActorAdmin(admin.ModelAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role", "actor__kind"]
    search_fields = ["actor__name"]
    raw_id_fields = ["event"]
    autocomplete_fields = ["actor"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["field", "article", "event", "start", "end", "short_text"]
    list_filter = ["field"]
    search_fields = ["text", "article__title"]
    raw_id_fields = ["article", "event"]

    @admin.display(description="text")
    def short_text(self, evidence):
        return evidence.text[:120]


@admin.register(CasualtyClaim)
class CasualtyClaimAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "low",
        "high",
        "victims",
        "victim_side",
        "claimed_by",
        "date",
        "cumulative",
        "event",
        "article",
    ]
    list_filter = [
        "kind",
        "victims",
        "cumulative",
        "victims_inferred",
        "part_of_total",
        "superseded",
        "vague",
        "date_told",
    ]
    search_fields = ["text", "claimed_by", "article__title"]
    raw_id_fields = ["article", "event", "place", "perpetrator"]
    list_select_related = ["article", "event"]
