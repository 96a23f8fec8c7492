from django.shortcuts import render

from events.models import Article, Event


def home(request):
    """A placeholder front page until the dashboard (issue 4) lands."""
    context = {
        "article_count": Article.objects.count(),
        "event_count": Event.objects.count(),
        "recent_articles": Article.objects.select_related("source")[:20],
    }
    return render(request, "events/home.html", context)
