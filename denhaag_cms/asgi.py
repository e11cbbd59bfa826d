import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "denhaag_cms.settings")
application = get_asgi_application()

from denhaag_cms.startup import refuse_insecure_production  # noqa: E402

refuse_insecure_production()
