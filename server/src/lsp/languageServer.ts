// The language server: wires the protocol's messages to the engine. Documents, folders, settings,
// analysis and code actions each live in their own file; this one only connects them, and makes
// sure no handler can take the server down (an exception is logged with its stack and the request
// gets an empty answer).
import { existsSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type FileSystemWatcher,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import type { CheckRecord } from "../checks/types";
import { nodeFileSystem } from "../project/nodeFileSystem";
import {
  EFFECTIVE_SETTINGS_REQUEST,
  FIX_ALL_KIND,
  FIX_ALL_UNSAFE_KIND,
  PRODUCTION_FACTS_REQUEST,
  PROFILES_REQUEST,
  STATUS_REQUEST,
  type ProductionFacts,
  type ProductionFactsParams,
  type EffectiveSettingsResult,
  type ProfilesResult,
  type StatusParams,
  type StatusResult,
} from "../../../common/src/protocol";
import { SETTINGS_SECTION } from "../../../common/src/settings";
import type { InitializationOptions } from "../../../common/src/trust";
import { DiagnosticsPublisher } from "./analysis";
import { relativeText } from "./diagnostics";
import { codeActions } from "./codeActions";
import { Configuration } from "./configuration";
import { OpenDocuments, overlayHost } from "./documents";
import type { WorkspaceFolderInfo } from "./folders";
import { describeError, Logger } from "./logger";
import { productionFactsOf } from "../../../scaffold/src/projectFacts";
import { AnalysisScheduler, debounceFor } from "./scheduler";
import { idleYoungGenerationCollection } from "./youngGeneration";
import { settingHover } from "./hover";
import { effectiveSettings, folderStatus } from "./status";
import { isInside, pathToUri, uriToPath } from "./uri";
import { editSupport, PLAIN_EDITS, type EditSupport } from "./workspaceEdits";
import { WatchedDisk, WATCHED_FILES } from "./watchedFiles";
import { TrustAwareFolders } from "./workspaceTrust";

export interface ServerOptions {
  /** The checks to run; the registry when not given. */
  checks?: readonly CheckRecord[];
}

export function startLanguageServer(connection: Connection, options: ServerOptions = {}): void {
  const logger = new Logger(connection.console);
  const documents = new OpenDocuments();
  // The disk, read once per file while the editor watches the files (see watchedFiles.ts).
  const disk = new WatchedDisk(nodeFileSystem);
  const host = overlayHost(documents, disk);
  const folders = new TrustAwareFolders(host, options.checks, (problem) => logger.warn(problem));
  const publisher = new DiagnosticsPublisher(connection, folders, documents, logger);
  let capabilities: ClientCapabilities = {};
  let support: EditSupport = PLAIN_EDITS;
  let configuration = new Configuration(connection, folders, logger, false);
  const scheduler = new AnalysisScheduler(
    async (control) => {
      await configuration.ready;
      if (!control.isStale()) await publisher.run(control);
    },
    (error) => logger.error("Analysis failed.", error),
    () => debounceFor(publisher.expectedDuration()),
    idleYoungGenerationCollection(),
  );

  /** Wraps a request handler: an exception is logged with its stack and answered with `empty`. */
  function request<P, R>(
    name: string,
    empty: R,
    handler: (params: P) => R | Promise<R>,
  ): (params: P) => Promise<R> {
    return async (params) => {
      try {
        return await handler(params);
      } catch (error) {
        logger.error(`${name} failed.`, error);
        return empty;
      }
    };
  }

  function notification<P>(
    name: string,
    handler: (params: P) => void | Promise<void>,
  ): (params: P) => Promise<void> {
    return async (params) => {
      try {
        await handler(params);
      } catch (error) {
        logger.error(`${name} failed.`, error);
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    support = editSupport(capabilities);
    folders.trusted =
      (params.initializationOptions as InitializationOptions | null)?.workspaceTrusted !== false;
    if (!folders.trusted)
      logger.info(
        "The workspace is not trusted: djangoDeploy.pythonPath and the profiles' envFile are ignored.",
      );
    configuration = new Configuration(
      connection,
      folders,
      logger,
      capabilities.workspace?.configuration === true,
    );
    try {
      const { ignored } = folders.set(initialFolders(params));
      for (const uri of ignored)
        logger.warn(`The workspace folder ${uri} is not on the file system; it is not checked.`);
      if (folders.all.length === 0)
        logger.info("No workspace folder is open, so there is no Django project to check.");
    } catch (error) {
      logger.error("Reading the workspace folders failed.", error);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND],
        },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "Django Deploy" },
    };
  });

  connection.onInitialized(
    notification("initialized", () => {
      const folderList = folders.all.map((folder) => folder.name).join(", ");
      logger.info(`Django Deploy language server started for ${folderList || "no folder"}.`);
      scheduler.schedule();
      void configuration.reload();
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          notification("workspace/didChangeWorkspaceFolders", async (event) => {
            folders.remove(event.removed.map((folder) => folder.uri));
            folders.add(event.added);
            disk.changed();
            folders.invalidate();
            scheduler.schedule();
            await configuration.reload();
          }),
        );
      }
      // Each registration on its own: a client refusing one must not cost the other.
      const register = (what: string, registration: Promise<unknown>) =>
        registration.catch((error: unknown) =>
          logger.error(`Registering ${what} with the client failed.`, error),
        );
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true) {
        void register(
          "for settings changes",
          connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }),
        );
      }
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
        const watchers: FileSystemWatcher[] = WATCHED_FILES.map((globPattern) => ({ globPattern }));
        void register(
          "the file watchers",
          connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).then(() => {
            // From now on a watched file changes only with an event: its text is kept until then.
            disk.watching = true;
          }),
        );
      } else {
        logger.debug("The client cannot register file watchers; relying on the file events it synchronises.");
      }
    }),
  );

  connection.onDidChangeConfiguration(
    notification("workspace/didChangeConfiguration", async (params) => {
      configuration.push(params.settings);
      scheduler.schedule();
      await configuration.reload();
    }),
  );

  connection.onDidOpenTextDocument(
    notification("textDocument/didOpen", (params) => {
      if (documents.open(params.textDocument) !== undefined) scheduler.schedule();
    }),
  );

  connection.onDidChangeTextDocument(
    notification("textDocument/didChange", (params) => {
      const { uri, version } = params.textDocument;
      if (documents.change(uri, version, params.contentChanges) !== undefined) scheduler.schedule();
    }),
  );

  connection.onDidCloseTextDocument(
    notification("textDocument/didClose", (params) => {
      // The file's text is the disk's again, which may differ from the editor's unsaved text.
      if (documents.close(params.textDocument.uri) !== undefined) scheduler.schedule();
    }),
  );

  connection.onDidChangeWatchedFiles(
    notification("workspace/didChangeWatchedFiles", (params) => {
      for (const change of params.changes) {
        const path = uriToPath(change.uri);
        if (path === undefined) continue;
        const folder = folders.folderOf(path);
        logger.debug(`Changed on disk: ${folder ? relative(folder.path, path) : basename(path)}`);
        disk.changed(path);
        // A Changed event is a file that exists before and after: only its text may differ.
        folders.invalidate(path, change.type === FileChangeType.Changed);
      }
      scheduler.schedule();
    }),
  );

  connection.onHover(
    request("textDocument/hover", null as Hover | null, (params: HoverParams) => {
      const path = uriToPath(params.textDocument.uri);
      const folder = path === undefined ? undefined : folders.folderOf(path);
      const text = path === undefined ? undefined : host.readFile(path);
      if (path === undefined || !folder?.settings.enable || text === undefined) return null;
      return settingHover(
        folder.project,
        path,
        text,
        params.position,
        folder.path,
        publisher.lastResult(folder)?.findings,
      );
    }),
  );

  connection.onCodeAction(
    request("textDocument/codeAction", [] as CodeAction[], (params) =>
      codeActions(params, {
        folders,
        documents,
        uriOf: (file) => publisher.uriOf(file),
        support,
        exists: (uri) => {
          const path = uriToPath(uri);
          return path !== undefined && (documents.has(path) || existsSync(path));
        },
      }),
    ),
  );

  connection.onRequest(
    PROFILES_REQUEST,
    request(PROFILES_REQUEST, { profiles: [] } as ProfilesResult, (): ProfilesResult => ({
      profiles: folders.all.flatMap((folder) => {
        const chains = folder.project.chains();
        return folder.project.profiles().profiles.map((profile) => ({
          module: profile.module,
          file: profile.file,
          kind: profile.kind,
          reason: relativeText(profile.reason, folder.path),
          uri: pathToUri(profile.file),
          folder: folder.uri,
          chain: (chains[profile.module] ?? []).map(pathToUri),
        }));
      }),
      rejected: folders.all.flatMap((folder) =>
        folder.project
          .profiles()
          .rejected.filter(
            (candidate) => !["development", "test"].includes(candidate.reason) || candidate.file,
          )
          .map((candidate) => ({
            module: candidate.module,
            folder: folder.uri,
            summary: relativeText(candidate.summary, folder.path),
          })),
      ),
    })),
  );

  connection.onRequest(
    PRODUCTION_FACTS_REQUEST,
    request(PRODUCTION_FACTS_REQUEST, null, (params: ProductionFactsParams): ProductionFacts | null => {
      const projectFolder = resolve(params.projectFolder);
      const folder = folders.all
        .filter((candidate) => isInside(projectFolder, candidate.path))
        .sort((left, right) => right.path.length - left.path.length)[0];
      if (!folder) return null;
      return productionFactsOf(folder.project, projectFolder, params.projectPackage);
    }),
  );

  connection.onRequest(
    STATUS_REQUEST,
    request(
      STATUS_REQUEST,
      { state: "off", profiles: [], inProduction: false } as StatusResult,
      (params: StatusParams) => {
        const path = uriToPath(params.uri);
        const folder = path === undefined ? folders.all[0] : folders.folderOf(path);
        return folderStatus(folder, folder && publisher.lastResult(folder), path, (file) =>
          publisher.uriOf(file),
        );
      },
    ),
  );

  connection.onRequest(
    EFFECTIVE_SETTINGS_REQUEST,
    request(
      EFFECTIVE_SETTINGS_REQUEST,
      { profiles: [] } as EffectiveSettingsResult,
      (): EffectiveSettingsResult => ({
        profiles: folders.all
          .filter((folder) => folder.settings.enable)
          .flatMap((folder) => effectiveSettings(folder, publisher.lastResult(folder)).profiles),
      }),
    ),
  );

  connection.onShutdown(() => scheduler.dispose());

  process.on("uncaughtException", (error) =>
    logger.error("Uncaught exception (the server keeps running).", error),
  );
  process.on("unhandledRejection", (reason) =>
    logger.error(`Unhandled promise rejection: ${describeError(reason)}`),
  );
}

function initialFolders(params: InitializeParams): WorkspaceFolderInfo[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders;
  if (params.rootUri)
    return [{ uri: params.rootUri, name: basename(uriToPath(params.rootUri) ?? params.rootUri) }];
  // The oldest clients send only rootPath.
  if (params.rootPath) return [{ uri: pathToUri(params.rootPath), name: basename(params.rootPath) }];
  return [];
}
