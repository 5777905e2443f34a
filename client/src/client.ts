// The language client: starts the bundled server (dist/server.js) over Node IPC, hands it the Python
// files of the workspace, and keeps it running. It also knows why it is not running, so the commands
// can say so rather than do nothing.
import * as vscode from "vscode";
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  PROFILES_REQUEST,
  STATUS_CHANGED_NOTIFICATION,
  type ProfileInfo,
  type ProfilesResult,
} from "../../common/src/protocol";
import { SETTINGS_SECTION, type Settings } from "../../common/src/settings";
import type { InitializationOptions } from "../../common/src/trust";
import { SERVER_ENVIRONMENT, SERVER_EXEC_ARGV } from "../../common/src/serverProcess";

const CLIENT_ID = "djangoDeploy";
const CLIENT_NAME = "Django Deploy";

/**
 * Settings the running server cannot take over live, so changing one restarts it. None today: the
 * server re-reads `enable`, `djangoVersion`, `profiles` and `logLevel` on every change (an analysis
 * with the new values follows at once). A setting that decides how the server process itself is
 * started (a Node runtime, a server path, arguments) would belong here.
 */
export const SETTINGS_REQUIRING_RESTART: readonly (keyof Settings)[] = [];

export class DjangoDeployClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Why the server is not running, for the commands' messages; undefined while it is (or is starting). */
  private failure: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly statusChanges = new vscode.EventEmitter<void>();
  /** Fires when an analysis started or finished, and when the server (re)starts or stops. */
  readonly onDidChangeStatus = this.statusChanges.event;
  /** Changes on disk the server hears about (it may register more watchers of its own). */
  private readonly watchers = [
    vscode.workspace.createFileSystemWatcher("**/*.py"),
    vscode.workspace.createFileSystemWatcher("**/.env*"),
  ];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.statusChanges,
      ...this.watchers,
      vscode.workspace.onDidChangeConfiguration((event) => {
        const changed = SETTINGS_REQUIRING_RESTART.filter((key) =>
          event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`),
        );
        if (changed.length === 0) return;
        this.log.info(
          `Restarting the language server: ${changed.map((key) => `${SETTINGS_SECTION}.${key}`).join(", ")} changed.`,
        );
        void this.restart();
      }),
    );
  }

  /** Resolves once the latest start finished, whether the server came up or not. */
  private started: Promise<void> = Promise.resolve();

  start(): Promise<void> {
    this.started = this.startServer();
    return this.started;
  }

  private async startServer(): Promise<void> {
    const client = this.create();
    this.client = client;
    this.failure = undefined;
    client.onDidChangeState(() => this.statusChanges.fire());
    try {
      await client.start();
      client.onNotification(STATUS_CHANGED_NOTIFICATION, () => this.statusChanges.fire());
      this.statusChanges.fire();
    } catch (error) {
      this.failure = `it failed to start (${error instanceof Error ? error.message : String(error)})`;
      this.log.error(
        `The language server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }

  /** Restarts the server; a client whose start failed is replaced by a new one. */
  async restart(): Promise<void> {
    const client = this.client;
    if (client && this.failure === undefined && client.state !== State.Stopped) {
      this.log.info("Restarting the language server.");
      try {
        await client.restart();
        return;
      } catch (error) {
        this.log.error(
          `Restarting the language server failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (client) await client.dispose().catch(() => undefined);
    await this.start();
  }

  /** Why the server is not running, or undefined when it is running or on its way up. */
  whyNotRunning(): string | undefined {
    if (this.failure !== undefined) return this.failure;
    if (!this.client) return "it has not been started";
    if (this.client.state === State.Stopped) return "it stopped (see the log for why)";
    return undefined;
  }

  /**
   * A custom request to the server; undefined while it is not running (the caller shows "starting"
   * or nothing rather than an error).
   */
  async request<R>(method: string, params: unknown): Promise<R | undefined> {
    const client = this.client;
    if (!client || client.state !== State.Running) return undefined;
    return client.sendRequest<R>(method, params);
  }

  /**
   * A custom request that first waits for a server still starting (at most `patience` ms): a command
   * run right after the editor opened should get the server's answer, not its absence.
   */
  async requestWhenStarted<R>(method: string, params: unknown, patience = 10_000): Promise<R | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, patience)));
    await Promise.race([this.started, timeout]);
    clearTimeout(timer);
    return this.request<R>(method, params);
  }

  /** The settings modules the server found; empty while it is not running. */
  async profiles(): Promise<ProfileInfo[]> {
    return (await this.profilesAndRejected()).profiles;
  }

  /** The settings modules found, and the candidates not checked as production with why. */
  async profilesAndRejected(): Promise<Required<ProfilesResult>> {
    const client = this.client;
    if (!client || client.state !== State.Running) return { profiles: [], rejected: [] };
    const result = await client.sendRequest<ProfilesResult>(PROFILES_REQUEST, {});
    return { profiles: result.profiles, rejected: result.rejected ?? [] };
  }

  get isStarting(): boolean {
    return this.client?.state === State.Starting;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.failure = "the extension is shutting down";
    if (client && client.state !== State.Stopped) await client.stop();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    void this.stop().catch(() => undefined);
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: {
        module,
        transport: TransportKind.ipc,
        options: { env: SERVER_ENVIRONMENT, execArgv: [...SERVER_EXEC_ARGV] },
      },
      debug: {
        module,
        transport: TransportKind.ipc,
        options: { env: SERVER_ENVIRONMENT, execArgv: [...SERVER_EXEC_ARGV, "--nolazy", "--inspect=6009"] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: "file", language: "python" }],
      synchronize: { fileEvents: this.watchers },
      outputChannel: this.log,
      // Read at every (re)start: the server restarts when trust is granted (trust.ts).
      initializationOptions: (): InitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    };
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  }
}
