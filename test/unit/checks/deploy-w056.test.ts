import { checkTable } from "../../helpers/checkTable";

const SETTINGS = "DEBUG = False\n";

checkTable("deploy.W056", {
  valid: [
    { name: "no deployment files", settings: SETTINGS },
    {
      name: "a value the file states is async.E001's",
      settings: SETTINGS,
      files: { ".env": "DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
    },
    {
      name: "empty on the command",
      settings: SETTINGS,
      files: { Procfile: "web: DJANGO_ALLOW_ASYNC_UNSAFE= gunicorn mysite.wsgi\n" },
    },
    {
      name: "a development Procfile",
      settings: SETTINGS,
      files: { "Procfile.dev": "web: DJANGO_ALLOW_ASYNC_UNSAFE=1 python manage.py runserver\n" },
    },
    {
      name: "an example .env file",
      settings: SETTINGS,
      files: { ".env.example": "DJANGO_ALLOW_ASYNC_UNSAFE=${UNSAFE}\n" },
    },
    {
      name: "a Dockerfile RUN is a build step",
      settings: SETTINGS,
      files: {
        Dockerfile:
          'FROM python:3.12\nRUN DJANGO_ALLOW_ASYNC_UNSAFE=1 python manage.py collectstatic\nCMD ["gunicorn", "mysite.wsgi"]\n',
      },
    },
    {
      name: "silenced",
      settings: 'SILENCED_SYSTEM_CHECKS = ["deploy.W056"]\n',
      files: { Procfile: "web: DJANGO_ALLOW_ASYNC_UNSAFE=1 gunicorn mysite.wsgi\n" },
    },
  ],
  invalid: [
    {
      name: "on the Procfile's start command",
      settings: SETTINGS,
      files: {
        Procfile:
          "release: python manage.py migrate\nweb: DJANGO_ALLOW_ASYNC_UNSAFE=1 gunicorn mysite.wsgi\n",
      },
      findings: ["2:6"],
      findingFile: "Procfile",
      message:
        /^The production process gets DJANGO_ALLOW_ASYNC_UNSAFE, which turns off Django's async safety\.$/m,
      fixes: [
        {
          title: /Remove DJANGO_ALLOW_ASYNC_UNSAFE/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { Procfile: "release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n" },
        },
      ],
    },
    {
      name: "through env in the final image's exec-form CMD",
      settings: SETTINGS,
      files: {
        Dockerfile:
          'FROM python:3.12\nCMD ["env", "DJANGO_ALLOW_ASYNC_UNSAFE=true", "uvicorn", "mysite.asgi:application"]\n',
      },
      findings: ["2:14"],
      findingFile: "Dockerfile",
      message: /to 'true'/,
      fixes: [
        {
          title: /Remove/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { Dockerfile: 'FROM python:3.12\nCMD ["env", "uvicorn", "mysite.asgi:application"]\n' },
        },
      ],
    },
    {
      name: ".env with a value from another variable",
      settings: SETTINGS,
      files: { ".env": "DEBUG=0\nDJANGO_ALLOW_ASYNC_UNSAFE=${UNSAFE}\nSECRET=x\n" },
      findings: ["2:1"],
      findingFile: ".env",
      message: /comes from elsewhere/,
      fixes: [
        {
          title: /Remove/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: { ".env": "DEBUG=0\nSECRET=x\n" },
        },
      ],
    },
    {
      name: "compose passes it through from the shell",
      settings: SETTINGS,
      files: {
        "compose.yaml":
          "services:\n  web:\n    command: gunicorn mysite.wsgi\n    environment:\n      - DEBUG=0\n      - DJANGO_ALLOW_ASYNC_UNSAFE\n",
      },
      findings: ["6:9"],
      findingFile: "compose.yaml",
      fixes: [
        {
          title: /Remove/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "compose.yaml":
              "services:\n  web:\n    command: gunicorn mysite.wsgi\n    environment:\n      - DEBUG=0\n",
          },
        },
      ],
    },
  ],
});
