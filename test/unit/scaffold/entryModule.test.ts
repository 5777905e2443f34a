// An entry module the project already has is kept when it does what the plan needs, so that the
// first scaffold of a fresh `django-admin startproject` succeeds without --force.
import assert from "node:assert/strict";
import { test } from "node:test";
import { entryKeptBecause, planScaffold, validateAnswers } from "../../../scaffold/src/index";
import { answers, startProject, templates } from "./helpers";

// What Django 3.2's and 5.2's startproject write (docstring and quotes differ from ours).
const STARTPROJECT_WSGI = `"""
WSGI config for mysite project.

It exposes the WSGI callable as a module-level variable named \`\`application\`\`.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')

application = get_wsgi_application()
`;
const STARTPROJECT_ASGI = STARTPROJECT_WSGI.replace(/wsgi/g, "asgi").replace(/WSGI/g, "ASGI");

function validated(raw: Parameters<typeof answers>[0]) {
  const result = validateAnswers(answers(raw));
  assert.ok(result.ok);
  return result.answers;
}

test("startproject's wsgi.py and asgi.py are kept by the plan, and say why", () => {
  for (const [kind, server, text] of [
    ["wsgi", "gunicorn", STARTPROJECT_WSGI],
    ["asgi", "uvicorn", STARTPROJECT_ASGI],
  ] as const) {
    const result = planScaffold(
      answers({ kind, server }),
      startProject({ [`mysite/${kind}.py`]: text }),
      templates,
    );
    assert.ok(result.ok);
    const entry = result.plan.writes[0];
    assert.equal(entry?.action, "kept");
    assert.match(entry?.keptBecause ?? "", /it sets mysite\.settings, defines application/);
  }
});

test("an entry module that does not do what the plan needs is not kept", () => {
  const cases: [string, Parameters<typeof answers>[0]][] = [
    [
      STARTPROJECT_WSGI.replace("'mysite.settings'", "'mysite.settings.local'"),
      { kind: "wsgi", server: "gunicorn" },
    ],
    [STARTPROJECT_WSGI, { kind: "wsgi", server: "gunicorn", middleware: ["whitenoise.WhiteNoise"] }],
    [STARTPROJECT_WSGI, { kind: "wsgi", server: "mod_wsgi", domain: "example.com", multiSite: true }],
    [STARTPROJECT_WSGI, { kind: "wsgi", server: "mod_wsgi-auth", domain: "example.com" }],
    [
      STARTPROJECT_WSGI.replace("application = get_wsgi_application()", "app = get_wsgi_application()"),
      { kind: "wsgi", server: "gunicorn" },
    ],
    [STARTPROJECT_WSGI, { kind: "asgi", server: "uvicorn" }],
  ];
  for (const [text, raw] of cases) {
    assert.equal(entryKeptBecause(text, validated(raw)), undefined, JSON.stringify(raw));
  }
});

test("a module that already wraps application in the requested middleware is kept", () => {
  const wrapped =
    `${STARTPROJECT_WSGI}\nfrom mysite.middleware import AddHeader  # noqa: E402\n\n` +
    "application = AddHeader(application)\n";
  assert.match(
    entryKeptBecause(
      wrapped,
      validated({ kind: "wsgi", server: "gunicorn", middleware: ["mysite.middleware.AddHeader"] }),
    ) ?? "",
    /wraps it in mysite\.middleware\.AddHeader/,
  );
});
