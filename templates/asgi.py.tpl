"""
ASGI entry point of the {{projectPackage}} project, served by {{serverTitle}}.

It exposes the ASGI callable as a module-level variable named ``application``.
{{runIntro}}

    {{runCommand}}

How Django is deployed this way:
{{docsUrl}}
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{settingsModule}}")

# Set Django up before anything imports project code: models and the app
# registry are only ready once get_asgi_application() has run, so routing and
# middleware imports belong below this line.
application = get_asgi_application()
{{middlewareBlock}}
