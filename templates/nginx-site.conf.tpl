# nginx in front of {{serverTitle}}, serving the {{projectPackage}} project.
#
# nginx serves STATIC_ROOT and MEDIA_ROOT itself, terminates TLS and passes
# everything else to {{serverTitle}} at {{upstreamDescription}},
# saying in X-Forwarded-Proto whether the client used HTTPS. Django trusts that
# header only with SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# in the production settings ({{settingsModule}}).
#
# Install (Debian: apt install nginx):
#     cp {{siteFile}} /etc/nginx/sites-available/{{siteName}}.conf
#     ln -s ../sites-available/{{siteName}}.conf /etc/nginx/sites-enabled/
#     nginx -t && systemctl reload nginx
# HTTPS: certbot --nginx -d {{serverName}} adds the certificate and the
# redirect from HTTP to this server block.
#
# How Django is deployed this way:
# {{docsUrl}}

upstream {{upstreamName}} {
    server {{upstreamServer}};
}

server {
    listen {{proxyPort}};
    listen [::]:{{proxyPort}};
    server_name {{serverName}};

    # Uploads larger than this get 413 before they reach Django; keep it in
    # line with DATA_UPLOAD_MAX_MEMORY_SIZE and FILE_UPLOAD_MAX_MEMORY_SIZE.
    client_max_body_size 10m;

    # Files Django does not serve: collectstatic gathers STATIC_ROOT, uploads
    # land in MEDIA_ROOT.
    location {{staticUrl}} {
        alias {{staticRoot}}/;
        expires 30d;
        access_log off;
    }

    location {{mediaUrl}} {
        alias {{mediaRoot}}/;
    }

    location / {
        proxy_pass http://{{upstreamName}};
        proxy_http_version 1.1;
        # Host as the client sent it (Django checks it against ALLOWED_HOSTS),
        # the client's address, and whether it used HTTPS. nginx replaces any
        # X-Forwarded-Proto a client sends.
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
{{#if websockets}}
        # WebSocket connections (Django Channels) upgrade through the proxy.
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection ${{upstreamName}}_connection;
{{else}}
        proxy_set_header Connection "";
{{/if}}
        proxy_redirect off;
        proxy_connect_timeout 5s;
        proxy_send_timeout 60s;
        # A request that takes longer gets 504; raise it for slow views.
        proxy_read_timeout 60s;
    }
}
{{#if websockets}}

# "upgrade" for WebSocket requests, and no Connection header otherwise, so that
# connections to the upstream stay open between requests. The variable is named
# after the site, so that several sites can each define their own.
map $http_upgrade ${{upstreamName}}_connection {
    default upgrade;
    "" "";
}
{{/if}}
