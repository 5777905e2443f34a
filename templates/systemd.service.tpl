# systemd unit: {{serverTitle}} serving the {{projectPackage}} project.
#
# Install: copy this file to /etc/systemd/system/{{unitName}}.service, then
#     systemctl daemon-reload && systemctl enable --now {{unitName}}
#
# How Django is deployed this way:
# {{docsUrl}}

[Unit]
Description={{serverTitle}} serving the {{projectPackage}} Django project
After=network.target

[Service]
Type=simple
# An account that can read the project but owns nothing else.
User=www-data
Group=www-data
WorkingDirectory={{deployPath}}
Environment=DJANGO_SETTINGS_MODULE={{settingsModule}}
# Secrets such as SECRET_KEY belong in a file only root can read, not here:
# EnvironmentFile=/etc/{{projectPackage}}/environment
ExecStart={{execStart}}
Restart=on-failure

[Install]
WantedBy=multi-user.target
