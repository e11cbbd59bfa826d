from django.core.management.base import BaseCommand

from api.schema import COMMITTED, as_text, openapi_document


class Command(BaseCommand):
    help = "Write the API's OpenAPI document, as the code generates it, to docs/openapi.json."

    def handle(self, *args, **options) -> None:
        COMMITTED.write_text(as_text(openapi_document()), encoding="utf-8")
        self.stdout.write(f"Wrote {COMMITTED}")
