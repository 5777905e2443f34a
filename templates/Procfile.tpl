# {{serverTitle}} serving the {{projectPackage}} project: the "web" process
# for Honcho, Foreman or a platform that reads Procfiles. It runs in the
# directory that contains manage.py; {{unitFile}} does the same under systemd.
#
# How Django is deployed this way:
# {{docsUrl}}
{{#if runserverNote}}
#
{{runserverNote}}
{{/if}}
web: {{runCommand}}
