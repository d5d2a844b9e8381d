import secrets

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_USERS = (("editor", "Editor"), ("publisher", "Publisher"))


class Command(BaseCommand):
    help = (
        "Create (or reset) a demo Editor and a demo Publisher with fresh random "
        "passwords, and print how to log in. Local development only: refuses "
        "to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are for local runs only; DEBUG is off.")
        credentials = []
        with transaction.atomic():
            for username, role in DEMO_USERS:
                try:
                    group = Group.objects.get(name=role)
                except Group.DoesNotExist:
                    raise CommandError(f"The {role} role is missing: run migrate first.") from None
                user, _created = User.objects.get_or_create(username=username)
                password = secrets.token_urlsafe(9)
                user.set_password(password)
                user.is_staff = True
                user.is_active = True
                user.save()
                user.groups.set([group])
                credentials.append((role, username, password))
        self.stdout.write(self.style.SUCCESS("Demo accounts for http://127.0.0.1:8000/kk/admin/"))
        for role, username, password in credentials:
            self.stdout.write(f"  {role:<10} username: {username:<10} password: {password}")
