"""Django's PostgreSQL backend, starting the embedded server before connecting.

Every entry point (runserver, management commands, the test run) reaches the
database through here, so the server starts on first use and not at import.
"""

from django.db.backends.postgresql import base

from conflictwatch.database import ensure_embedded_server


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        # The main database must exist; test databases are created by Django
        # through a connection to "postgres", which always exists.
        params["host"] = ensure_embedded_server(
            self.settings_dict["PGDATA"], self.settings_dict["EMBEDDED_MAIN_NAME"]
        )
        return params
