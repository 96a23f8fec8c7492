from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from events.ingestion.readers import SUPPORTED_SUFFIXES, ArticleInput, Columns

UPLOAD_TOO_LARGE = "The upload is {size}, over the {limit} limit."
UPLOAD_BAD_TYPE = "Upload a .txt, .csv, .jsonl or .zip file (got {name!r})."


class ArticlePasteForm(forms.Form):
    """One article pasted into the admin; only the text is required."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 20, "cols": 100}))
    title = forms.CharField(
        max_length=500, required=False, help_text="Left blank: taken from the text."
    )
    source = forms.CharField(max_length=200, required=False, help_text="The outlet.")
    published = forms.DateField(
        required=False,
        help_text="YYYY-MM-DD. Left blank: read from a dateline in the text.",
    )
    url = forms.URLField(max_length=1000, required=False, assume_scheme="https")

    def article_input(self) -> ArticleInput:
        """Return the pasted article as an ingestion input."""
        data = self.cleaned_data
        return ArticleInput(
            text=data["text"],
            origin="pasted text",
            title=data["title"],
            published=data["published"],
            source=data["source"],
            url=data["url"],
        )


class BulkUploadForm(forms.Form):
    """A file of articles (.txt, .csv, .jsonl, or a .zip of them)."""

    file = forms.FileField(help_text="A .txt, .csv or .jsonl file, or a .zip of them.")
    text_column = forms.CharField(required=False, help_text="Default: guessed.")
    title_column = forms.CharField(required=False)
    date_column = forms.CharField(required=False)
    source_column = forms.CharField(required=False)
    url_column = forms.CharField(required=False)
    id_column = forms.CharField(required=False)
    extract = forms.BooleanField(
        required=False, initial=True, label="Run extraction on the new articles now"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CONFLICTWATCH_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                UPLOAD_TOO_LARGE.format(
                    size=filesizeformat(upload.size), limit=filesizeformat(limit)
                )
            )
        if not upload.name.lower().endswith(SUPPORTED_SUFFIXES):
            raise forms.ValidationError(UPLOAD_BAD_TYPE.format(name=upload.name))
        return upload

    def columns(self) -> Columns:
        """Return the column names given, None where left blank."""
        data = self.cleaned_data
        return Columns(
            **{
                role: data[f"{role}_column"].strip() or None
                for role in ("id", "title", "text", "date", "source", "url")
            }
        )
