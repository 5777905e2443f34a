"""
Gunicorn configuration of the {{projectPackage}} project{{workerNote}}.

Start Gunicorn from the directory that contains manage.py:

    {{runCommand}}

How Django is deployed this way:
{{docsUrl}}
Every setting: https://docs.gunicorn.org/en/stable/settings.html
"""

# The {{interface}} callable; Gunicorn imports it from the current directory.
wsgi_app = "{{appPath}}"
{{#if workerClass}}

# Run the ASGI application in Uvicorn's worker under Gunicorn's process manager.
{{workerClassComment}}
worker_class = "{{workerClass}}"
{{/if}}

bind = "{{bindAddress}}"
# Gunicorn suggests (2 x CPU cores) + 1 workers as a starting point.
workers = {{workers}}

raw_env = ["DJANGO_SETTINGS_MODULE={{settingsModule}}"]

# Requests and errors go to standard output, where systemd or the container
# runtime collects them.
accesslog = "-"
errorlog = "-"

{{#if behindProxy}}
# The reverse proxy in front ({{proxyTitle}}) sets X-Forwarded-Proto and
# X-Forwarded-For; Gunicorn trusts them from these addresses only. When the
# proxy runs on another machine, list its address instead.
forwarded_allow_ips = "{{forwardedAllowIps}}"
{{else}}
# Gunicorn trusts X-Forwarded-* headers from 127.0.0.1 only. When the reverse
# proxy runs on another machine, list its address:
# forwarded_allow_ips = "10.0.0.2"
{{/if}}
