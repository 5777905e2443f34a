// Reads the djangoDeploy settings from the client: pulled with workspace/configuration (one item for
// the window, one per folder, since every setting has resource scope) when the client can answer it,
// else taken from what didChangeConfiguration pushed. Every problem is logged, and a bad value falls
// back to its default: a typo never leaves the user without a server.
import type { Connection } from "vscode-languageserver/node";
import { interpretSettings } from "./folderSettings";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import type { Folders } from "./folders";
import type { Logger } from "./logger";

export class Configuration {
  private pushed: unknown = undefined;
  private request = 0;
  /** Settles when the latest reading has been applied; analyses wait for it. */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly folders: Folders,
    private readonly logger: Logger,
    private readonly canPull: boolean,
  ) {}

  /** Takes the settings pushed with didChangeConfiguration (used when the client cannot be asked). */
  push(settings: unknown): void {
    if (settings !== null && typeof settings === "object" && SETTINGS_SECTION in settings) {
      this.pushed = (settings as Record<string, unknown>)[SETTINGS_SECTION];
    }
  }

  reload(): Promise<void> {
    const request = ++this.request;
    this.ready = this.read(request).catch((error: unknown) => {
      this.logger.error("Reading the djangoDeploy settings failed; keeping the previous ones.", error);
    });
    return this.ready;
  }

  private async read(request: number): Promise<void> {
    const folders = [...this.folders.all];
    let window: unknown = this.pushed;
    let perFolder: unknown[] = folders.map(() => this.pushed);
    // The user's `files.exclude` of each folder: the walk of the workspace skips what it hides.
    let excludes: unknown[] = folders.map(() => undefined);
    if (this.canPull) {
      const items = [
        { section: SETTINGS_SECTION },
        ...folders.map((folder) => ({ scopeUri: folder.uri, section: SETTINGS_SECTION })),
        ...folders.map((folder) => ({ scopeUri: folder.uri, section: "files.exclude" })),
      ];
      const values: unknown[] = await this.connection.workspace.getConfiguration(items);
      window = values[0];
      perFolder = folders.map((_, index) => values[index + 1]);
      excludes = folders.map((_, index) => values[folders.length + index + 1]);
    }
    // A newer reading started while this one waited for the client: that one wins.
    if (request !== this.request) return;

    const problems = new Set<string>();
    const windowSettings = interpretSettings(window);
    this.logger.setLevel(windowSettings.settings.logLevel);
    windowSettings.problems.forEach((problem) => problems.add(problem));
    folders.forEach((folder, index) => {
      const { settings, problems: folderProblems } = interpretSettings(perFolder[index], excludes[index]);
      this.folders.configure(folder, settings);
      folderProblems.forEach((problem) => problems.add(problem));
      this.logger.debug(`Settings of ${folder.name}: ${JSON.stringify(settings)}`);
    });
    for (const problem of problems) this.logger.warn(problem);
  }
}
