from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("map/", views.event_map, name="map"),
    path("chart.svg", views.event_chart, name="chart"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("actors/<int:pk>/", views.actor_detail, name="actor_detail"),
    path("places/<int:pk>/", views.place_detail, name="place_detail"),
    path("export/events.<str:fmt>", views.export, name="export"),
    path("api/events.geojson", views.map_data, name="map_data"),
    path("api/options/<str:kind>", views.options, name="options"),
]
