"""
WSGI entry point of the {{projectPackage}} project, served by {{serverTitle}}.

It exposes the WSGI callable as a module-level variable named ``application``.
{{#if auth}}
Apache also checks HTTP Basic passwords against Django's users through it.
{{/if}}
{{runIntro}}

    {{runCommand}}

How Django is deployed this way:
{{docsUrl}}
"""

import os

from django.core.wsgi import get_wsgi_application

{{#if multiSite}}
# Several Django sites share one mod_wsgi process, and DJANGO_SETTINGS_MODULE is
# process-wide: with os.environ.setdefault() every site would keep the settings
# of whichever site loaded first, so this site assigns its own.
os.environ["DJANGO_SETTINGS_MODULE"] = "{{settingsModule}}"
{{else}}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{{settingsModule}}")
{{/if}}

application = get_wsgi_application()
{{#if auth}}

# Apache calls check_password() to check Django users' passwords
# (WSGIAuthUserScript).
{{#if groups}}
# It calls groups_for_user() to learn their groups (WSGIAuthGroupScript).
{{/if}}
# The module reads the user model when it is imported, which fails with
# AppRegistryNotReady before get_wsgi_application() has set Django up.
{{#if groups}}
from django.contrib.auth.handlers.modwsgi import check_password, groups_for_user  # noqa: E402, F401
{{else}}
from django.contrib.auth.handlers.modwsgi import check_password  # noqa: E402, F401
{{/if}}
{{/if}}
{{middlewareBlock}}
