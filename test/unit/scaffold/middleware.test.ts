// Wrapping an existing entry module in one more middleware keeps what the file already does.
import assert from "node:assert/strict";
import { test } from "node:test";
import { middlewareInRequirements, wrapEntryModule } from "../../../scaffold/src/index";

const startprojectWsgi = `import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')

application = get_wsgi_application()
`;

test("the import and the wrap go after the last assignment of application", () => {
  const result = wrapEntryModule(
    startprojectWsgi,
    "sentry_sdk.integrations.wsgi.SentryWsgiMiddleware",
    "wsgi",
  );
  assert.ok(result.ok);
  assert.equal(
    result.content,
    `${startprojectWsgi}
# Imported after get_wsgi_application(): middleware may import project code,
# which needs Django's app registry to be ready.
from sentry_sdk.integrations.wsgi import SentryWsgiMiddleware  # noqa: E402

application = SentryWsgiMiddleware(application)
`,
  );
  const twice = wrapEntryModule(result.content, "whitenoise.WhiteNoise", "wsgi");
  assert.ok(twice.ok);
  assert.ok(
    twice.content.indexOf("SentryWsgiMiddleware(application)") <
      twice.content.indexOf("WhiteNoise(application,"),
  );
});

test("refuses a file without application, a second identical wrap, and the other interface's middleware", () => {
  assert.deepEqual(wrapEntryModule("import os\n", "a.B", "wsgi"), {
    ok: false,
    message: "the file does not assign a module-level `application`",
  });
  const wrapped = wrapEntryModule(startprojectWsgi, "a.B", "wsgi");
  assert.ok(wrapped.ok);
  assert.deepEqual(wrapEntryModule(wrapped.content, "a.B", "wsgi"), {
    ok: false,
    message: "application is already wrapped in B",
  });
  const mismatch = wrapEntryModule(
    startprojectWsgi,
    "sentry_sdk.integrations.asgi.SentryAsgiMiddleware",
    "wsgi",
  );
  assert.ok(!mismatch.ok && /wraps ASGI applications/.test(mismatch.message));
});

test("well-known middleware is offered when the requirements name its distribution", () => {
  const requirements = "Django==4.2\nwhitenoise[brotli]==6.6\nsentry_sdk>=1.40\n";
  assert.deepEqual(
    middlewareInRequirements(requirements, "wsgi").map((entry) => entry.dotted),
    ["whitenoise.WhiteNoise", "sentry_sdk.integrations.wsgi.SentryWsgiMiddleware"],
  );
  assert.deepEqual(
    middlewareInRequirements('dependencies = [\n  "sentry-sdk",\n]', "asgi").map((entry) => entry.dotted),
    ["sentry_sdk.integrations.asgi.SentryAsgiMiddleware"],
  );
  assert.deepEqual(middlewareInRequirements("Django\n", "wsgi"), []);
});
