import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a superuser 'admin' with a random password if no superuser "
        "exists, and print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        credentials = settings.DATA_DIR / "admin-credentials.txt"
        if User.objects.filter(is_superuser=True).exists():
            if credentials.exists():
                login = credentials.read_text()
                self.stdout.write(f"Log in (dashboard and /admin/) with {login}")
            else:
                self.stdout.write(
                    "An admin account exists already (reset a password with "
                    "`python manage.py changepassword NAME`)."
                )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        login = f"username '{username}' and password '{password}'"
        credentials.parent.mkdir(parents=True, exist_ok=True)
        credentials.touch(mode=0o600)
        credentials.write_text(login)
        self.stdout.write(
            self.style.SUCCESS(
                "Created an admin account. "
                f"Log in (dashboard and /admin/) with {login} "
                f"(kept in {credentials}; change it with "
                f"`python manage.py changepassword {username}`)."
            )
        )
