# Hypercorn configuration of the {{projectPackage}} project.
#
# Start Hypercorn from the directory that contains manage.py:
#     {{runCommand}}
#
# How Django is deployed this way:
# {{docsUrl}}
# Every setting: https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html

bind = ["{{bindAddress}}"]
workers = {{workers}}

# Requests go to standard output and errors to standard error, where systemd or
# the container runtime collects them.
accesslog = "-"
errorlog = "-"
