from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import AdminConfig
from django.utils.module_loading import module_has_submodule

# django-leaflet's admin module imports GeoDjango, which needs the GDAL C
# library. ConflictWatch stores plain latitude/longitude and uses django-leaflet
# only for its map template tags and vendored Leaflet, so its admin is skipped.
SKIPPED_ADMIN_MODULES = {"leaflet"}


class ConflictWatchAdminConfig(AdminConfig):
    """Django's admin, autodiscovering every app's admin.py but django-leaflet's."""

    def ready(self) -> None:
        for app_config in apps.get_app_configs():
            if app_config.name in SKIPPED_ADMIN_MODULES:
                continue
            if module_has_submodule(app_config.module, "admin"):
                import_module(f"{app_config.name}.admin")
