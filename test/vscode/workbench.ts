// Driving VS Code's web workbench (code-server) with Playwright the way a user would: the keyboard,
// the command palette, quick picks, the Problems panel. Every step waits for what it needs to see,
// with a time-out; a shortcut that a focus change may swallow is retried until its widget shows.
import type { Locator, Page } from "playwright-core";

export const STEP_TIMEOUT_MS = 30_000;

/** The code editors of the editor area (the chat view has editors of its own). */
export const EDITOR = ".editor-group-container .monaco-editor";
export const QUICK_INPUT = ".quick-input-widget";

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator(".monaco-workbench").waitFor({ timeout: 90_000 });
  await page.locator(".explorer-folders-view").waitFor({ timeout: 90_000 });
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Presses `key` until `widget` is visible: right after another widget closes, the workbench may not
 * have given the editor its focus back yet and swallows the key.
 */
export async function pressUntilVisible(
  page: Page,
  key: string,
  widget: Locator,
  what: string,
): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    await page.keyboard.press(key);
    try {
      await widget.first().waitFor({ state: "visible", timeout: 2_000 });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${key} never showed ${what}`);
    }
  }
}

async function quickInputHidden(page: Page): Promise<void> {
  await page.locator(QUICK_INPUT).waitFor({ state: "hidden", timeout: STEP_TIMEOUT_MS });
}

/** The text that tells one prompt from the next: title, placeholder and message of the quick input. */
async function promptText(page: Page): Promise<string> {
  const widget = page.locator(QUICK_INPUT);
  if (!(await widget.isVisible())) return "";
  const placeholder = (await widget.locator("input").first().getAttribute("placeholder")) ?? "";
  const title = await widget
    .locator(".quick-input-title")
    .innerText()
    .catch(() => "");
  const message = await widget
    .locator(".quick-input-message")
    .innerText()
    .catch(() => "");
  return `${title}\n${placeholder}\n${message}`;
}

/** Waits for a quick pick or input box whose prompt matches `prompt`, and returns its text. */
export async function waitForPrompt(page: Page, prompt: RegExp): Promise<string> {
  let text = "";
  await waitUntil(`a prompt matching ${prompt}`, async () => prompt.test((text = await promptText(page))));
  return text;
}

/**
 * Answers the prompt matching `prompt`: types `typed` (when given) and presses Enter, then waits until
 * that prompt has gone (hidden, or replaced by the next one).
 */
export async function answerPrompt(page: Page, prompt: RegExp, typed?: string, pick?: RegExp): Promise<void> {
  const before = await waitForPrompt(page, prompt);
  if (typed !== undefined) await page.keyboard.type(typed);
  if (pick) {
    await waitUntil(`the active item to match ${pick}`, async () =>
      pick.test(await page.locator(`${QUICK_INPUT} .monaco-list-row.focused`).first().innerText()),
    );
  }
  await page.keyboard.press("Enter");
  await waitUntil(`the prompt ${prompt} to be answered`, async () => (await promptText(page)) !== before);
}

/** Opens a file with Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function openFile(page: Page, name: string): Promise<void> {
  await pressUntilVisible(page, "Control+P", page.locator(QUICK_INPUT), "Quick Open");
  await page.keyboard.type(name);
  await page
    .locator(`${QUICK_INPUT} .monaco-list-row.focused`, { hasText: name })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press("Enter");
  await quickInputHidden(page);
  await page
    .locator(".editor-group-container .tab.active", { hasText: name })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Runs a command from the command palette (F1) by its full title, as the palette shows it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pressUntilVisible(page, "F1", page.locator(QUICK_INPUT), "the command palette");
  await page.keyboard.type(title);
  // The palette ranks fuzzy matches; pick the row whose label is exactly the title.
  const row = page
    .locator(`${QUICK_INPUT} .monaco-list-row`)
    .filter({ has: page.locator(".label-name").getByText(title, { exact: true }) });
  await row.first().click({ timeout: STEP_TIMEOUT_MS });
}

/** Moves the cursor to a 1-based line with Go to Line, and waits until the editor has the focus again. */
export async function goToLine(page: Page, line: number): Promise<void> {
  // On a busy machine a second Control+G can land while the first prompt opens, and the prompt then
  // swallows the Enter: the prompt is closed and the whole step tried again.
  for (let attempt = 1; ; attempt++) {
    await pressUntilVisible(page, "Control+G", page.locator(QUICK_INPUT), "Go to Line");
    await page.keyboard.type(String(line));
    await page.keyboard.press("Enter");
    try {
      await page.locator(QUICK_INPUT).waitFor({ state: "hidden", timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press("Escape");
      await quickInputHidden(page);
    }
  }
  await page.locator(`${EDITOR}.focused`).waitFor({ timeout: STEP_TIMEOUT_MS });
  await waitUntil(`the cursor on line ${line}`, async () =>
    new RegExp(`Ln ${line}, Col`).test(await page.locator("#status\\.editor\\.selection").innerText()),
  );
}

/** The text of the editor's visible lines, top to bottom. */
export async function editorText(page: Page): Promise<string> {
  const lines = await page.locator(`${EDITOR} .view-lines .view-line`).evaluateAll((elements) =>
    elements
      .map((element) => ({
        top: parseFloat((element as unknown as { style: { top: string } }).style.top || "0"),
        text: element.textContent ?? "",
      }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, " ")),
  );
  return lines.join("\n");
}
