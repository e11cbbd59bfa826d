"""One local account per role for trying the admin. Never in production."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS, PRESS_OFFICE

ACCOUNTS = [
    ("redacteur", EDITORS),
    ("eindredacteur", CHIEF_EDITORS),
    ("moderator", MODERATORS),
    ("persvoorlichting", PRESS_OFFICE),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts (redacteur, eindredacteur, moderator, persvoorlichting) "
        "and print their passwords once. Refuses to run unless DJANGO_DEBUG is on."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Give existing demo accounts new passwords."
        )

    def handle(self, *args, reset: bool = False, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local development only (DJANGO_DEBUG=true).")
        User = get_user_model()
        for username, group_name in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is not None and not reset:
                self.stdout.write(
                    f"  {username:<14} ({group_name}) exists; "
                    "`make demoaccounts-reset` (manage.py demoaccounts --reset) "
                    "gives it a new password."
                )
                continue
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(username=username, email=f"{username}@example.invalid")
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(
                self.style.WARNING(f"  {username:<14} ({group_name}) password: {password}")
            )
