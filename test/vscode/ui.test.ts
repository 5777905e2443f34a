// The extension as a user meets it: the packaged .vsix (vsce, the same allow-list that ships) is
// installed into code-server, and Playwright drives the workbench in chromium: squiggles and the
// Problems panel, the status bar, a quick fix with Ctrl+., the production settings picker, and a
// scaffold command run from the command palette and answered prompt by prompt.
//
// Screenshots go to test-results/vscode/; with DJANGO_DEPLOY_UPDATE_SCREENSHOTS=1 the ones the README
// and the walkthrough show are written to docs/images/ instead.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  FIXTURE,
  copyFixture,
  launchChromium,
  startCodeServer,
  type CodeServer,
} from "../../scripts/vscode-code-server";
import {
  EDITOR,
  QUICK_INPUT,
  answerPrompt,
  editorText,
  goToLine,
  openFile,
  pressUntilVisible,
  runCommand,
  waitForPrompt,
  waitForWorkbench,
  waitUntil,
} from "./workbench";

const ROOT = resolve(import.meta.dirname, "..", "..");
const RESULTS = join(ROOT, "test-results", "vscode");
const IMAGES = process.env.DJANGO_DEPLOY_UPDATE_SCREENSHOTS === "1" ? join(ROOT, "docs", "images") : RESULTS;

/** Packages the extension from the bundles in dist/ with vsce, as `npm run package` does. */
function packageExtension(folder: string): string {
  const vsix = join(folder, "django-deploy.vsix");
  execFileSync(join(ROOT, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--out", vsix], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return vsix;
}

test(
  "a user sees the findings, applies a quick fix and scaffolds from the command palette",
  { timeout: 20 * 60_000 },
  async () => {
    mkdirSync(RESULTS, { recursive: true });
    mkdirSync(IMAGES, { recursive: true });
    const scratch = mkdtempSync(join(tmpdir(), "django-deploy-vsix-"));
    const { workspace, dispose } = copyFixture();
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    try {
      const vsix = packageExtension(scratch);
      console.log(`# packaged ${vsix}: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
      server = await startCodeServer({ vsix: [vsix], log: (line) => console.log(`# ${line}`) });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.workbenchUrl(workspace));
      await waitForWorkbench(page);

      // The findings: squiggles in the editor, rows in the Problems panel, the profile in the status bar.
      await openFile(page, "production.py");
      await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor({ timeout: 90_000 });
      await pressUntilVisible(page, "Control+Shift+M", page.locator(".markers-panel"), "the Problems panel");
      // Each row shows its explanation as related information, so the list is long: the filter
      // finds a row that is further down.
      const problemsFilter = page.getByPlaceholder(/^Filter \(e\.g\./);
      const debugRow = page.locator(".markers-panel .monaco-list-row", { hasText: "security.W018" });
      await page
        .locator(".markers-panel .monaco-list-row", { hasText: "deploy.W001" })
        .waitFor({ timeout: 30_000 });
      await problemsFilter.fill("security.W018");
      await debugRow.first().waitFor({ timeout: 30_000 });
      await problemsFilter.fill("");
      await goToLine(page, 6);
      await page.screenshot({ path: join(IMAGES, "diagnostics.png"), animations: "disabled" });

      // Hover on the setting's name (Ctrl+K Ctrl+I with the cursor on DEBUG): its effective value in
      // production and where it comes from.
      const hover = page.locator(".monaco-hover", { hasText: "DEBUG in production" });
      await waitUntil("the hover on DEBUG", async () => {
        await page!.keyboard.press("Control+K");
        await page!.keyboard.press("Control+I");
        return hover.waitFor({ timeout: 2_000 }).then(
          () => true,
          () => false,
        );
      });
      assert.match(await hover.innerText(), /shop\.settings\.production: True/);
      await page.screenshot({ path: join(IMAGES, "hover.png"), animations: "disabled" });
      await page.keyboard.press("Escape");
      await hover.waitFor({ state: "hidden" });

      // Quick fix with Ctrl+. on DEBUG = True.
      await pressUntilVisible(page, "Control+.", page.locator(".action-widget"), "the quick fix menu");
      await page.locator(".action-widget .monaco-list-row", { hasText: "Set DEBUG = False" }).click();
      await waitUntil("DEBUG = False in the editor", async () =>
        /^DEBUG = False$/m.test(await editorText(page!)),
      );
      await problemsFilter.fill("security.W018");
      await debugRow.first().waitFor({ state: "detached", timeout: 30_000 });
      await problemsFilter.fill("");
      await page.locator(".markers-panel .monaco-list-row", { hasText: "deploy.W001" }).waitFor();

      // The language status ({} next to Python) names the production settings and the Django version
      // with where it comes from; its Select… link opens the production settings picker.
      const languageStatus = page.locator("#status\\.languageStatus");
      await languageStatus.waitFor({ timeout: 30_000 });
      const statusHover = page.locator(".monaco-hover", { hasText: "Production: shop.settings.production" });
      await waitUntil("the language status hover", async () => {
        await languageStatus.click();
        return statusHover.waitFor({ timeout: 2_000 }).then(
          () => true,
          () => false,
        );
      });
      assert.match(await statusHover.innerText(), /Django 5\.2/);
      assert.match(await statusHover.innerText(), /assumed: no version in the project's requirements/);
      await page.screenshot({ path: join(IMAGES, "language-status.png"), animations: "disabled" });
      await statusHover
        .getByRole("button", { name: "Select…" })
        .or(statusHover.getByText("Select…"))
        .first()
        .click();
      const pickerText = await waitForPrompt(page, /Production settings/);
      assert.match(pickerText, /settings module/);
      await page
        .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: "shop.settings.production" })
        .waitFor();
      await page.screenshot({ path: join(IMAGES, "production-settings.png"), animations: "disabled" });
      await page.keyboard.press("Escape");
      await page.locator(QUICK_INPUT).waitFor({ state: "hidden" });

      // The walkthrough, with its media from the package.
      await runCommand(page, "Welcome: Open Walkthrough...");
      await answerPrompt(page, /walkthrough/i, "Get ready to deploy", /Get ready to deploy/);
      const walkthrough = page.locator(".gettingStartedContainer", { hasText: "Get ready to deploy" });
      await walkthrough.waitFor({ timeout: 30_000 });
      for (const step of ["See the findings", "Pick your production settings", "Scaffold an entry module"])
        await walkthrough.getByText(step, { exact: true }).first().waitFor();
      await waitUntil("the first step's image to load", () =>
        walkthrough
          .locator("img")
          .first()
          .evaluate((image) => {
            const loaded = image as unknown as { complete: boolean; naturalWidth: number };
            return loaded.complete && loaded.naturalWidth > 0;
          }),
      );
      // At 1280×800 with the Problems panel open, VS Code lays the walkthrough out without the
      // step's media (its narrow layout); the image loads but is not shown there. Recorded, not asserted.
      console.log(
        `# walkthrough image box: ${JSON.stringify(await walkthrough.locator("img").first().boundingBox())}`,
      );
      for (const step of ["Fix on save", "Silence a check that does not apply", "Run the same checks in CI"])
        await walkthrough.getByText(step, { exact: true }).first().waitFor();
      await page.screenshot({ path: join(RESULTS, "walkthrough.png") });
      await runCommand(page, "View: Close Editor");
      await walkthrough.waitFor({ state: "hidden" });

      // Ctrl+. on ALLOWED_HOSTS = [] in base.py: the fix adds the setting to production.py (not
      // open), says so in its title, then opens production.py with the placeholder selected.
      await openFile(page, "base.py");
      await goToLine(page, 11);
      await pressUntilVisible(page, "Control+.", page.locator(".action-widget"), "the quick fix menu");
      const hostsFix = page.locator(".action-widget .monaco-list-row", {
        hasText: "Set ALLOWED_HOSTS to your site's host names",
      });
      assert.match(await hostsFix.innerText(), /in shop\/settings\/production\.py/);
      await page.screenshot({ path: join(IMAGES, "fix-in-other-file.png"), animations: "disabled" });
      await hostsFix.click();
      await page.locator(".editor-group-container .tab.active", { hasText: "production.py" }).waitFor();
      // Typing starts once the placeholder is selected ("(16 selected)" in the status bar).
      await waitUntil("the placeholder selected", async () =>
        /\(16 selected\)/.test(await page!.locator("#status\\.editor\\.selection").innerText()),
      );
      await page.keyboard.type("shop.example.org");
      await waitUntil("the typed host in production.py", async () =>
        /ALLOWED_HOSTS = \["shop\.example\.org"\]/.test(await editorText(page!)),
      );
      await page.keyboard.press("Control+S");

      // The scaffold wizard: one multi-step input with Back; Escape at the review writes nothing.
      const gunicorn = join(workspace, "gunicorn.conf.py");
      await runCommand(page, "Django Deploy: Scaffold WSGI Entry Module and Server Configuration…");
      await waitForPrompt(page, /Which WSGI server/);
      await answerPrompt(page, /Which WSGI server/, undefined, /gunicorn/);
      await waitForPrompt(page, /project package/);
      await page.locator(`${QUICK_INPUT} .quick-input-left-action-bar .action-label`).first().click();
      await waitForPrompt(page, /Which WSGI server/);
      assert.match(
        await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: "mod_wsgi-auth" }).innerText(),
        /Django's user database/,
      );
      await answerPrompt(page, /Which WSGI server/, undefined, /gunicorn/);
      await answerPrompt(page, /project package/, undefined, /shop/);
      await answerPrompt(
        page,
        /settings module the server runs with/,
        undefined,
        /shop\.settings\.production/,
      );
      await answerPrompt(page, /Address to listen on/);
      await answerPrompt(page, /Port/);
      await answerPrompt(page, /Worker processes/);
      await answerPrompt(page, /Put nginx in front/, undefined, /nginx in front/);
      await answerPrompt(page, /folder on the server/);
      await answerPrompt(page, /Virtualenv/);
      await answerPrompt(page, /Wrap application in WSGI middleware/, undefined, /No middleware/);
      const review = await waitForPrompt(page, /Write \d+ files?\?/);
      assert.match(await page.locator(QUICK_INPUT).innerText(), /gunicorn\.conf\.py/);
      await page.screenshot({ path: join(IMAGES, "scaffold-review.png"), animations: "disabled" });
      assert.ok(review);
      await page.keyboard.press("Escape");
      await page.locator(QUICK_INPUT).waitFor({ state: "hidden" });
      assert.ok(!existsSync(gunicorn), "Cancel at the review wrote nothing");

      // A scaffold command from the command palette, every prompt answered as a user would.
      await runCommand(page, "Django Deploy: Scaffold WSGI Entry Module and Server Configuration…");
      await waitForPrompt(page, /Which WSGI server/);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: "Gunicorn" }).waitFor();
      await page.screenshot({ path: join(IMAGES, "scaffold.png"), animations: "disabled" });
      await answerPrompt(page, /Which WSGI server/, undefined, /gunicorn/);
      await answerPrompt(page, /project package/, undefined, /shop/);
      await answerPrompt(
        page,
        /settings module the server runs with/,
        undefined,
        /shop\.settings\.production/,
      );
      await answerPrompt(page, /Address to listen on/);
      await answerPrompt(page, /Port/);
      await answerPrompt(page, /Worker processes/);
      await answerPrompt(page, /Put nginx in front/, undefined, /nginx in front/);
      await answerPrompt(page, /folder on the server/);
      await answerPrompt(page, /Virtualenv/);
      await answerPrompt(page, /Wrap application in WSGI middleware/, undefined, /No middleware/);
      await answerPrompt(page, /Write \d+ files?\?/, undefined, /Write/);
      // wsgi.py already names shop.settings.production and defines application: it is kept as it is.
      // What was written is opened, the nginx site last (and active) before the next command is typed.
      await page
        .locator(".editor-group-container .tab", { hasText: "gunicorn.conf.py" })
        .waitFor({ timeout: 30_000 });
      await page
        .locator(".editor-group-container .tab.active", { hasText: "shop.conf" })
        .waitFor({ timeout: 30_000 });
      // The log, with levels, in the Output view.
      await runCommand(page, "Django Deploy: Show Log");
      await page
        .locator(".part.panel .view-lines", { hasText: "[info] Settings modules in" })
        .waitFor({ timeout: 30_000 });

      // The end of the wizard says what to run next.
      await runCommand(page, "Notifications: Show Notifications");
      await page.locator(".notifications-center", { hasText: "Next:" }).waitFor({ timeout: 30_000 });
      assert.ok(existsSync(gunicorn), "gunicorn.conf.py written");
      assert.match(readFileSync(gunicorn, "utf8"), /DJANGO_SETTINGS_MODULE=shop\.settings\.production/);
      assert.equal(
        readFileSync(join(workspace, "shop", "wsgi.py"), "utf8"),
        readFileSync(join(FIXTURE, "shop", "wsgi.py"), "utf8"),
        "wsgi.py was not overwritten",
      );
    } catch (error) {
      if (page) await page.screenshot({ path: join(RESULTS, "failure.png") }).catch(() => undefined);
      if (server)
        console.log(`# code-server's output:\n${server.output.map((line) => `#   ${line}`).join("\n")}`);
      throw error;
    } finally {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      rmSync(scratch, { recursive: true, force: true });
      dispose();
    }
  },
);
