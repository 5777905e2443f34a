# {{serverTitle}} serving the {{projectPackage}} project: the "web" process
# for Honcho, Foreman or a platform that reads Procfiles. It runs in the
# directory that contains manage.py and listens on 0.0.0.0:$PORT, the port the
# platform's router sends requests to; {{unitFile}} runs the server under
# systemd on this machine instead.
#
# How Django is deployed this way:
# {{docsUrl}}
{{#if runserverNote}}
#
{{runserverNote}}
{{/if}}
web: {{runCommand}}
