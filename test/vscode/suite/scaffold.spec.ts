// The scaffold commands, answered through their test hook (the prompts themselves are driven by the
// UI test): what each writes, and that a file that exists and differs is never replaced unasked.
import * as assert from "node:assert/strict";
import { suite, suiteSetup, suiteTeardown, test } from "mocha";
import * as vscode from "vscode";
import type { ScaffoldCommandOptions, ScaffoldOutcome } from "../../../client/src/commands/scaffold";
import { activateExtension, fixtureText, readWorkspaceFile, remove, restore, uriOf } from "./helpers";

const CREATED = ["gunicorn.conf.py", "uwsgi.ini", "shop/asgi.py", "shop/wsgi.py.orig", "deploy"];
const production = { projectPackage: "shop", settingsModule: "shop.settings.production" };

function scaffold(command: string, options: ScaffoldCommandOptions): Thenable<ScaffoldOutcome | undefined> {
  return vscode.commands.executeCommand<ScaffoldOutcome | undefined>(command, options);
}

suite("scaffold commands", () => {
  suiteSetup(async () => {
    await activateExtension();
    await remove(...CREATED);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await remove(...CREATED);
    await restore("shop/wsgi.py");
  });

  test("Scaffold WSGI writes gunicorn.conf.py and the nginx site, and keeps the wsgi.py that fits", async () => {
    const outcome = await scaffold("djangoDeploy.scaffoldWsgi", {
      answers: { server: "gunicorn", ...production },
      overwrite: false,
    });
    assert.deepEqual(outcome, {
      written: ["gunicorn.conf.py", "deploy/nginx/shop.conf"],
      unchanged: ["shop/wsgi.py"],
      declined: [],
    });
    assert.equal(readWorkspaceFile("shop/wsgi.py"), fixtureText("shop/wsgi.py"), "wsgi.py untouched");
    const config = readWorkspaceFile("gunicorn.conf.py") ?? "";
    assert.match(config, /wsgi_app = "shop\.wsgi:application"/);
    assert.match(config, /DJANGO_SETTINGS_MODULE=shop\.settings\.production/);
    assert.match(
      readWorkspaceFile("deploy/nginx/shop.conf") ?? "",
      /proxy_set_header X-Forwarded-Proto \$scheme;/,
    );
  });

  test("a wsgi.py that must change is replaced only when agreed, keeping a .orig copy", async () => {
    const answers = {
      server: "gunicorn" as const,
      ...production,
      middleware: ["whitenoise.WhiteNoise"],
    };
    const declined = await scaffold("djangoDeploy.scaffoldWsgi", { answers, overwrite: false });
    assert.deepEqual(declined, {
      written: [],
      unchanged: ["gunicorn.conf.py", "deploy/nginx/shop.conf"],
      declined: ["shop/wsgi.py"],
    });
    assert.equal(readWorkspaceFile("shop/wsgi.py"), fixtureText("shop/wsgi.py"), "wsgi.py untouched");

    const accepted = await scaffold("djangoDeploy.scaffoldWsgi", { answers, overwrite: true });
    assert.deepEqual(accepted, {
      written: ["shop/wsgi.py"],
      unchanged: ["gunicorn.conf.py", "deploy/nginx/shop.conf"],
      declined: [],
    });
    const wsgi = readWorkspaceFile("shop/wsgi.py") ?? "";
    assert.match(wsgi, /os\.environ\.setdefault\("DJANGO_SETTINGS_MODULE", "shop\.settings\.production"\)/);
    assert.match(wsgi, /^application = WhiteNoise\(application/m);
    assert.equal(readWorkspaceFile("shop/wsgi.py.orig"), fixtureText("shop/wsgi.py"));
    // What was written is opened.
    assert.ok(
      vscode.workspace.textDocuments.some(
        (document) => document.uri.toString() === uriOf("shop/wsgi.py").toString(),
      ),
    );
    await restore("shop/wsgi.py");
    await remove("shop/wsgi.py.orig");
  });

  test("Scaffold ASGI writes asgi.py, the Uvicorn Procfile and systemd unit, and the nginx site", async () => {
    await remove("deploy");
    const outcome = await scaffold("djangoDeploy.scaffoldAsgi", {
      answers: { server: "uvicorn", ...production },
    });
    assert.deepEqual(outcome?.written.sort(), [
      "deploy/Procfile.uvicorn",
      "deploy/nginx/shop.conf",
      "deploy/uvicorn.service",
      "shop/asgi.py",
    ]);
    assert.match(readWorkspaceFile("shop/asgi.py") ?? "", /^application = get_asgi_application\(\)$/m);
    assert.match(readWorkspaceFile("deploy/Procfile.uvicorn") ?? "", /shop\.asgi:application/);
  });

  test("Scaffold Server Configuration writes uwsgi.ini only", async () => {
    const before = readWorkspaceFile("shop/wsgi.py");
    const outcome = await scaffold("djangoDeploy.scaffoldServerConfig", {
      answers: { kind: "wsgi", server: "uwsgi", ...production, proxy: "none" },
    });
    assert.deepEqual(outcome, { written: ["uwsgi.ini"], unchanged: [], declined: [] });
    assert.match(readWorkspaceFile("uwsgi.ini") ?? "", /^module = shop\.wsgi:application$/m);
    assert.equal(readWorkspaceFile("shop/wsgi.py"), before);
  });

  test("Wrap Application in Middleware changes wsgi.py only once confirmed", async () => {
    const wsgi = uriOf("shop/wsgi.py");
    const before = readWorkspaceFile("shop/wsgi.py");
    const declined = await scaffold("djangoDeploy.wrapMiddleware", {
      resource: wsgi,
      middleware: "whitenoise.WhiteNoise",
      overwrite: false,
    });
    assert.deepEqual(declined, { written: [], unchanged: [], declined: ["shop/wsgi.py"] });
    assert.equal(readWorkspaceFile("shop/wsgi.py"), before);
    const wrapped = await scaffold("djangoDeploy.wrapMiddleware", {
      resource: wsgi,
      middleware: "whitenoise.WhiteNoise",
      overwrite: true,
    });
    assert.deepEqual(wrapped, { written: ["shop/wsgi.py"], unchanged: [], declined: [] });
    assert.match(readWorkspaceFile("shop/wsgi.py") ?? "", /application = WhiteNoise\(application/);
  });

  test("invalid answers write nothing", async () => {
    await remove("gunicorn.conf.py");
    const outcome = await scaffold("djangoDeploy.scaffoldWsgi", {
      answers: { server: "gunicorn", ...production, port: "70000" },
      overwrite: true,
    });
    assert.equal(outcome, undefined);
    assert.equal(readWorkspaceFile("gunicorn.conf.py"), undefined);
  });
});
