# uWSGI configuration of the {{projectPackage}} project.
#
# Start uWSGI with:
#     {{runCommand}}
# Debian's and Ubuntu's uwsgi packages load Python as a plugin: start them with
# "uwsgi --plugin python3 --ini uwsgi.ini" or add "plugins = python3" below.
#
# How Django is deployed this way:
# {{docsUrl}}

[uwsgi]
# The folder that contains manage.py; uWSGI puts it on sys.path.
chdir = {{deployPath}}
module = {{projectPackage}}.wsgi:application
env = DJANGO_SETTINGS_MODULE={{settingsModule}}
# Uploads with non-ASCII file names need a UTF-8 locale.
env = LANG=C.UTF-8
{{#if virtualenv}}
home = {{virtualenv}}
{{/if}}

master = true
processes = {{workers}}
# HTTP for a reverse proxy (nginx proxy_pass, Apache mod_proxy); with nginx's
# uwsgi_pass, write "socket = {{uwsgiSocket}}" instead.
http-socket = {{uwsgiSocket}}
{{#if socket}}
# nginx (the www-data group) must be able to connect to the socket.
chmod-socket = 660
{{/if}}
# Refuse to start when the application cannot be imported.
need-app = true

# Respawn a worker stuck on one request for more than 20 seconds, and every
# worker after 5000 requests.
harakiri = 20
max-requests = 5000
# Remove sockets and pid files on exit.
vacuum = true
# Stop on SIGTERM as systemd and container runtimes expect; uWSGI would reload.
die-on-term = true
