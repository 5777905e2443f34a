# Apache virtual host of the {{projectPackage}} project, served by mod_wsgi in
# daemon mode{{authSummary}}.
#
# Needs {{neededModules}}
# (Debian: apt install apache2 libapache2-mod-wsgi-py3).
# Install: copy this file to /etc/apache2/sites-available/{{domain}}.conf, then
#     a2ensite {{domain}} && systemctl reload apache2
#
# How Django is deployed this way:
# {{docsUrl}}
{{#if auth}}

# Apache checks passwords in its own worker processes (mod_wsgi's embedded
# mode), never in the daemon process below, so the project must be importable
# there too. These two directives apply to the whole server.
WSGIPythonPath {{deployPath}}
{{#if virtualenv}}
WSGIPythonHome {{virtualenv}}
{{/if}}
{{/if}}

<VirtualHost *:{{port}}>
    ServerName {{domain}}

    # Files Django does not serve: collectstatic gathers STATIC_ROOT, uploads
    # land in MEDIA_ROOT.
    Alias {{staticUrl}} {{staticRoot}}/
    <Directory {{staticRoot}}>
        Require all granted
    </Directory>

    Alias {{mediaUrl}} {{mediaRoot}}/
    <Directory {{mediaRoot}}>
        Require all granted
    </Directory>

    # Daemon mode: the site runs in its own processes, with its own Python path
    # and DJANGO_SETTINGS_MODULE, as the user Apache runs as.
    WSGIDaemonProcess {{daemonName}} {{daemonOptions}}
    WSGIProcessGroup {{daemonName}}
    WSGIApplicationGroup %{GLOBAL}
    WSGIScriptAlias / {{wsgiPath}} process-group={{daemonName}} application-group=%{GLOBAL}

    <Directory {{packageDirectory}}>
        <Files {{wsgiFileName}}>
            Require all granted
        </Files>
    </Directory>
{{#if auth}}

    # Only Django users with a valid password (active accounts only) may see
    # {{authPath}}; Django's password hashers check it.
    <Location "{{authPath}}">
        AuthType Basic
        AuthName "{{projectPackage}}"
        AuthBasicProvider wsgi
        WSGIAuthUserScript {{wsgiPath}} application-group=%{GLOBAL}
{{#if groups}}
        WSGIAuthGroupScript {{wsgiPath}} application-group=%{GLOBAL}
        # Members of any of these Django groups.
        Require wsgi-group {{groupList}}
{{else}}
        Require valid-user
{{/if}}
    </Location>
{{/if}}

    ErrorLog ${APACHE_LOG_DIR}/{{domain}}-error.log
    CustomLog ${APACHE_LOG_DIR}/{{domain}}-access.log combined
</VirtualHost>
