// Runs the engine on every workspace folder and publishes the result: diagnostics for each file that
// has findings (open or not: a finding may point into base.py), and empty diagnostics for each file
// that had some and has none now. A folder whose djangoDeploy.enable is false contributes nothing.
import type { Connection, Diagnostic, WorkDoneProgressServerReporter } from "vscode-languageserver/node";
import type { AnalysisResult } from "../engine/analysis";
import { STATUS_CHANGED_NOTIFICATION } from "../../../common/src/protocol";
import type { OpenDocuments } from "./documents";
import { milliseconds } from "./clock";
import { DiagnosticCache, diagnosticsByUri, relativeText } from "./diagnostics";
import type { Folder, Folders } from "./folders";
import type { Logger } from "./logger";
import { AnalysisCosts, type RunControl } from "./scheduler";
import { pathToUri, uriToPath } from "./uri";

/** An analysis that took longer than this shows progress in the editor the next time it runs. */
const SLOW_ANALYSIS_MS = 500;

export class DiagnosticsPublisher {
  /**
   * What was last sent per URI, as JSON, so an unchanged file is not sent again, with the
   * diagnostics it was made from: the same diagnostics (reused from the cache) are the same JSON.
   */
  private readonly published = new Map<string, { diagnostics: Diagnostic[]; json: string }>();
  /** Each diagnostic's JSON, made once: a workspace of hundreds of projects publishes thousands. */
  private readonly json = new WeakMap<Diagnostic, string>();
  private readonly diagnostics = new DiagnosticCache();
  /** The engine's messages, errors and profiles last logged per folder, so each is logged once, not per keystroke. */
  private readonly logged = new Map<
    string,
    { messages: Set<string>; errors: Set<string>; profiles: string }
  >();
  /** How long the last analysis of each folder took, in milliseconds. */
  private readonly durations = new Map<string, number>();
  /** The costs of each folder's analyses after its first (see AnalysisCosts). */
  private readonly costs = new Map<string, AnalysisCosts>();
  /** The last result of each folder, for hover and the status (undefined until its first analysis). */
  private readonly results = new Map<string, AnalysisResult>();
  /** True while an analysis runs. */
  private running = false;

  constructor(
    private readonly connection: Connection,
    private readonly folders: Folders,
    private readonly documents: OpenDocuments,
    private readonly logger: Logger,
  ) {}

  /** The URI diagnostics for `file` go under: the client's own spelling when it is open. */
  uriOf(file: string): string {
    return this.documents.uriOf(file) ?? pathToUri(file);
  }

  /** The last analysis of a folder, undefined before its first one finished. */
  lastResult(folder: Folder): AnalysisResult | undefined {
    return this.results.get(folder.path);
  }

  /** Whether a folder is being analysed for the first time (its status is not known yet). */
  isAnalysing(folder: Folder): boolean {
    return !this.results.has(folder.path);
  }

  async run(control: RunControl): Promise<void> {
    this.running = true;
    try {
      await this.runFolders(control);
    } finally {
      this.running = false;
      // The status (profiles, Django version) may have changed; the client asks again.
      void this.connection.sendNotification(STATUS_CHANGED_NOTIFICATION, {}).catch(() => undefined);
    }
  }

  get busy(): boolean {
    return this.running;
  }

  /**
   * What the next analysis is expected to cost, in milliseconds: the sum over the enabled folders of
   * what their last analyses predict (AnalysisCosts.expected). The scheduler debounces by it.
   */
  expectedDuration(): number {
    let total = 0;
    for (const folder of this.folders.all)
      if (folder.settings.enable) total += this.costs.get(folder.path)?.expected() ?? 0;
    return total;
  }

  private async runFolders(control: RunControl): Promise<void> {
    const next = new Map<string, Diagnostic[]>();
    for (const folder of this.folders.all) {
      if (!folder.settings.enable) continue;
      const progress = await this.beginProgress(folder, control);
      try {
        this.analyzeFolder(folder, next);
      } finally {
        progress?.done();
      }
      // Each folder is analysed in one go; between folders, newer changes get a chance to arrive.
      await control.yield();
      if (control.isStale()) {
        this.logger.debug("A newer change arrived during the analysis; its results are dropped.");
        return;
      }
    }
    if (control.isStale()) return;
    this.publish(next);
  }

  /**
   * Progress in the editor's status bar while a folder is analysed, when that may take a while: the
   * first analysis of a folder (nothing is cached yet) and any after one slower than SLOW_ANALYSIS_MS.
   * The analysis itself is synchronous, so "begin" is let out before it starts. A client that does
   * not answer the create request within a second gets no progress rather than a stalled analysis.
   */
  private async beginProgress(
    folder: Folder,
    control: RunControl,
  ): Promise<WorkDoneProgressServerReporter | undefined> {
    const last = this.durations.get(folder.path);
    if (last !== undefined && last < SLOW_ANALYSIS_MS) return undefined;
    const progress = await Promise.race([
      this.connection.window.createWorkDoneProgress(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000)),
    ]).catch(() => undefined);
    if (!progress) return undefined;
    progress.begin("Django Deploy", undefined, `Analysing the settings of ${folder.name}…`);
    await control.yield();
    return progress;
  }

  private analyzeFolder(folder: Folder, into: Map<string, Diagnostic[]>): void {
    const started = milliseconds();
    const warm = this.results.has(folder.path);
    let result;
    try {
      result = folder.project.analyze();
    } catch (error) {
      this.logger.error(`Analysing ${folder.name} failed.`, error);
      return;
    } finally {
      const duration = milliseconds() - started;
      this.durations.set(folder.path, duration);
      if (warm) {
        let costs = this.costs.get(folder.path);
        if (!costs) this.costs.set(folder.path, (costs = new AnalysisCosts()));
        costs.record(duration);
      }
    }
    this.results.set(folder.path, result);
    const elapsed = (milliseconds() - started).toFixed(1);
    const production = result.profiles.filter((profile) => profile.kind === "production");
    // One line per analysis, at debug level; what changed between analyses is logged once, at info.
    this.logger.debug(
      `Analysed ${folder.name} in ${elapsed} ms: ${result.findings.length} findings for ${production.map((profile) => profile.module).join(", ") || "no production profile"} (Django ${result.djangoVersion}).`,
    );
    this.logOnce(
      folder,
      result.messages.map((message) => relativeText(message, folder.path)),
      result.profiles.map(
        (profile) => `${profile.module} (${profile.kind}: ${relativeText(profile.reason, folder.path)})`,
      ),
      result.internalErrors.map(
        (error) =>
          `Internal error in ${error.check}${error.profile ? ` on ${error.profile}` : ""}: ${error.message}${error.stack ? `\n${error.stack}` : ""}`,
      ),
    );
    const byUri = diagnosticsByUri(result, {
      uriOf: (file) => this.uriOf(file),
      versionOf: (file) => this.documents.version(file),
      folder: folder.path,
      cache: this.diagnostics,
      uriGeneration: this.documents.uriGeneration,
    });
    for (const [uri, diagnostics] of byUri) {
      const list = into.get(uri);
      if (list) list.push(...diagnostics);
      else into.set(uri, diagnostics);
    }
  }

  private logOnce(folder: Folder, messages: string[], profiles: string[], errors: string[]): void {
    const previous = this.logged.get(folder.path);
    for (const message of messages) if (!previous?.messages.has(message)) this.logger.info(message);
    // A failing check is an error of ours: logged once while it keeps failing, with its stack.
    for (const error of errors) if (!previous?.errors.has(error)) this.logger.error(error);
    const profileSummary =
      profiles.length > 0
        ? `Settings modules in ${folder.name}: ${profiles.join("; ")}.`
        : `No settings module found in ${folder.name}.`;
    if (previous?.profiles !== profileSummary) this.logger.info(profileSummary);
    this.logged.set(folder.path, {
      messages: new Set(messages),
      errors: new Set(errors),
      profiles: profileSummary,
    });
  }

  private publish(next: Map<string, Diagnostic[]>): void {
    for (const uri of [...this.published.keys()]) {
      if (next.has(uri)) continue;
      this.published.delete(uri);
      this.send(uri, []);
    }
    for (const [uri, diagnostics] of next) {
      const previous = this.published.get(uri);
      if (
        previous?.diagnostics.length === diagnostics.length &&
        previous.diagnostics.every((diagnostic, index) => diagnostic === diagnostics[index])
      )
        continue;
      const json = this.listJson(diagnostics);
      this.published.set(uri, { diagnostics, json });
      if (previous?.json !== json) this.send(uri, diagnostics);
    }
  }

  /** JSON.stringify(diagnostics), from each diagnostic's JSON (an array's is its items', joined by commas). */
  private listJson(diagnostics: Diagnostic[]): string {
    const items = diagnostics.map((diagnostic) => {
      let json = this.json.get(diagnostic);
      if (json === undefined) this.json.set(diagnostic, (json = JSON.stringify(diagnostic)));
      return json;
    });
    return `[${items.join(",")}]`;
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    const path = uriToPath(uri);
    const version = path === undefined ? undefined : this.documents.version(path);
    void this.connection
      .sendDiagnostics({ uri, diagnostics, ...(version === undefined ? {} : { version }) })
      .catch((error: unknown) => {
        this.logger.error(`Publishing diagnostics for ${uri} failed.`, error);
      });
  }
}
