import { checkTable } from "../../helpers/checkTable";

const SETTINGS = "DEBUG = False\n";

checkTable("deploy.W055", {
  valid: [
    { name: "no deployment files", settings: SETTINGS },
    {
      name: "a Procfile with gunicorn",
      settings: SETTINGS,
      files: { Procfile: "web: gunicorn mysite.wsgi\n" },
    },
    {
      name: "runserver in the release process (runs once, serves nothing)",
      settings: SETTINGS,
      files: { Procfile: "release: python manage.py migrate && python manage.py runserver --help\n" },
    },
    {
      name: "a Procfile named for development",
      settings: SETTINGS,
      files: { "Procfile.dev": "web: python manage.py runserver 0.0.0.0:$PORT\n" },
    },
    {
      name: "a development Dockerfile",
      settings: SETTINGS,
      files: {
        "Dockerfile.dev": 'FROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      },
    },
    {
      name: "Dockerfile RUN is a build step",
      settings: SETTINGS,
      files: {
        Dockerfile:
          'FROM python:3.12\nRUN python manage.py runserver --version\nCMD ["gunicorn", "mysite.wsgi"]\n',
      },
    },
    {
      name: "an earlier build stage the final image is not made of",
      settings: SETTINGS,
      files: {
        Dockerfile:
          'FROM python:3.12 AS dev\nCMD ["python", "manage.py", "runserver"]\n\nFROM python:3.12-slim\nCMD ["gunicorn", "mysite.wsgi"]\n',
      },
    },
    {
      name: "the compose override file is development's",
      settings: SETTINGS,
      files: {
        "docker-compose.override.yml":
          "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n",
      },
    },
    {
      name: "a compose service named for development",
      settings: SETTINGS,
      files: {
        "compose.yaml":
          "services:\n  web-dev:\n    command: python manage.py runserver 0.0.0.0:8000\n  web:\n    command: gunicorn mysite.wsgi\n",
      },
    },
    {
      name: "a compose service with DEBUG on",
      settings: SETTINGS,
      files: {
        "docker-compose.yml":
          "services:\n  web:\n    environment:\n      DEBUG: 1\n    command: python manage.py runserver 0.0.0.0:8000\n",
      },
    },
    {
      name: "a plain compose file beside one named for production",
      settings: SETTINGS,
      files: {
        "docker-compose.yml": "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n",
        "docker-compose.prod.yml": "services:\n  web:\n    command: gunicorn mysite.wsgi -b 0.0.0.0:8000\n",
      },
    },
    {
      name: "a systemd unit's ExecStartPre= is a one-off",
      settings: SETTINGS,
      files: {
        "deploy/mysite.service":
          "[Service]\nExecStartPre=/srv/venv/bin/python manage.py check --deploy\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\n",
      },
    },
    {
      name: "a plain compose file's service that runs runserver is development's (nothing marks it production)",
      settings: SETTINGS,
      files: {
        "docker-compose.yml":
          "services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n  db:\n    image: postgres:16\n",
      },
    },
    {
      name: "a plain Dockerfile whose final image runs runserver is development's",
      settings: SETTINGS,
      files: { Dockerfile: 'FROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n' },
    },
    {
      name: "a plain compose service without a command runs its image's runserver: development's",
      settings: SETTINGS,
      files: {
        "compose.yaml": "services:\n  web:\n    build: .\n",
        Dockerfile: 'FROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      },
    },
    {
      name: "an earlier CMD of the final image that a later one overrides",
      settings: SETTINGS,
      files: {
        "Dockerfile.prod":
          'FROM python:3.12\nCMD ["python", "manage.py", "runserver"]\nCMD ["gunicorn", "mysite.wsgi"]\n',
      },
    },
    {
      name: "silenced",
      settings: "SILENCED_SYSTEM_CHECKS = ['deploy.W055']\n",
      files: { Procfile: "web: python manage.py runserver 0.0.0.0:$PORT\n" },
    },
    {
      name: "only a development profile",
      module: "mysite.settings.dev",
      settings: SETTINGS,
      files: { Procfile: "web: python manage.py runserver 0.0.0.0:$PORT\n" },
    },
  ],
  invalid: [
    {
      name: "Procfile web process",
      settings: SETTINGS,
      files: {
        Procfile: "release: python manage.py migrate\nweb: python manage.py runserver 0.0.0.0:$PORT\n",
      },
      findings: ["2:23"],
      findingFile: "Procfile",
      message: /^Production starts manage\.py runserver, Django's development server\.$/m,
    },
    {
      name: "the CMD, in exec form, of a Dockerfile named for production",
      settings: SETTINGS,
      files: {
        "Dockerfile.prod": 'FROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      },
      findings: ["2:30"],
      findingFile: "Dockerfile.prod",
    },
    {
      name: "the ENTRYPOINT, in shell form and continued, of production.Dockerfile",
      settings: SETTINGS,
      files: {
        "docker/production.Dockerfile":
          "FROM python:3.12\nENTRYPOINT python manage.py migrate && \\\n    python manage.py runserver 0.0.0.0:8000\n",
      },
      findings: ["3:22"],
      findingFile: "docker/production.Dockerfile",
    },
    {
      name: "compose command: through sh -c, in a compose file named for production",
      settings: SETTINGS,
      files: {
        "compose.prod.yaml":
          'services:\n  web:\n    build: .\n    command: sh -c "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"\n',
      },
      findings: ["4:66"],
      findingFile: "compose.prod.yaml",
    },
    {
      name: "compose command: as a list, in cookiecutter-django's production.yml",
      settings: SETTINGS,
      files: {
        "production.yml":
          "services:\n  web:\n    command:\n      - python\n      - manage.py\n      - runserver_plus\n",
      },
      findings: ["6:9"],
      findingFile: "production.yml",
      message: /runserver_plus/,
    },
    {
      name: "systemd ExecStart=",
      settings: SETTINGS,
      files: {
        "deploy/mysite.service":
          "[Unit]\nDescription=mysite\n\n[Service]\nExecStart=/srv/venv/bin/python /srv/mysite/manage.py runserver 127.0.0.1:8000\n",
      },
      findings: ["5:54"],
      findingFile: "deploy/mysite.service",
    },
    {
      name: "a compose service named for production, in a plain file",
      settings: SETTINGS,
      files: {
        "docker-compose.yml":
          "services:\n  web-prod:\n    command: python manage.py runserver 0.0.0.0:8000\n",
      },
      findings: ["3:31"],
      findingFile: "docker-compose.yml",
    },
    {
      name: "a plain Dockerfile's CMD that a service of docker-compose.prod.yml runs",
      settings: SETTINGS,
      files: {
        "docker-compose.prod.yml": "services:\n  web:\n    build:\n      context: .\n",
        Dockerfile: 'FROM python:3.12\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      },
      findings: ["2:30"],
      findingFile: "Dockerfile",
    },
  ],
});
