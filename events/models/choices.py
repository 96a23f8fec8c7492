"""Choices shared by several models: how precisely a date or place is known."""

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class GeoPrecision(models.TextChoices):
    """How precisely a place is known, from a point to a whole country."""

    EXACT = "exact", "Town or village"
    DISTRICT = "district", "District"
    GOVERNORATE = "governorate", "Governorate"
    REGION = "region", "Region"
    COUNTRY = "country", "Country"
