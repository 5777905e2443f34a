// The documents open in the editor. Each keeps its text (with line offsets, for turning LSP
// positions into offsets) and an incrementally parsed module: every change is converted to offsets
// with the text as it was before that change and handed to the parser, which reuses the previous
// tree, so a keystroke costs in proportion to what it touched.
import { basename, relative, sep } from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { TextDocumentContentChangeEvent, type TextDocumentItem } from "vscode-languageserver/node";
import { IGNORED_FOLDERS } from "../project/moduleFiles";
import type { ModuleSource } from "../engine/analysisFiles";
import { MAX_FILE_SIZE } from "../project/workspace";
import type { FileSystemHost } from "../project/workspace";
import { type ParsedModule } from "../python/parse";
import { IncrementalDocument, type TextChange } from "../python/incrementalDocument";
import { isInside, uriToPath } from "./uri";

interface OpenDocument {
  uri: string;
  path: string;
  document: TextDocument;
  /** Created on first use, so a document nobody analyses is never parsed. */
  parser: IncrementalDocument | undefined;
  /** Changes received since the parser last ran, each in the coordinates of the text before it. */
  pending: TextChange[];
}

export class OpenDocuments {
  private readonly byPath = new Map<string, OpenDocument>();
  /** Bumped whenever a document is opened or closed: uriOf may then answer differently. */
  uriGeneration = 0;

  /** Returns the file's path, or undefined for a document that is not a file. */
  open(item: TextDocumentItem): string | undefined {
    const path = uriToPath(item.uri);
    if (path === undefined) return undefined;
    const document = TextDocument.create(item.uri, item.languageId, item.version, item.text);
    this.byPath.set(path, { uri: item.uri, path, document, parser: undefined, pending: [] });
    this.uriGeneration++;
    return path;
  }

  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
  ): string | undefined {
    const path = uriToPath(uri);
    const open = path === undefined ? undefined : this.byPath.get(path);
    if (!open) return undefined;
    for (const change of changes) {
      const before = open.document;
      const offsets: TextChange = TextDocumentContentChangeEvent.isIncremental(change)
        ? {
            from: before.offsetAt(change.range.start),
            to: before.offsetAt(change.range.end),
            insert: change.text,
          }
        : { from: 0, to: before.getText().length, insert: change.text };
      if (open.parser) open.pending.push(offsets);
      open.document = TextDocument.update(before, [change], version);
    }
    return open.path;
  }

  close(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path === undefined || !this.byPath.delete(path)) return undefined;
    this.uriGeneration++;
    return path;
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  /** The URI the client uses for an open file, so diagnostics go back under the same spelling. */
  uriOf(path: string): string | undefined {
    return this.byPath.get(path)?.uri;
  }

  version(path: string): number | undefined {
    return this.byPath.get(path)?.document.version;
  }

  text(path: string): string | undefined {
    return this.byPath.get(path)?.document.getText();
  }

  /** The open document's parsed module, brought up to date with the changes received so far. */
  parsed(path: string): ParsedModule | undefined {
    const open = this.byPath.get(path);
    if (!open) return undefined;
    const text = open.document.getText();
    if (text.length > MAX_FILE_SIZE) {
      open.parser = undefined;
      open.pending = [];
      return undefined;
    }
    if (!open.parser) {
      open.parser = new IncrementalDocument(text);
    } else if (open.pending.length > 0) {
      open.parser.update(open.pending);
    }
    open.pending = [];
    // The text the parser built from the changes must be the client's; if it ever is not, start over.
    if (open.parser.module.text !== text) open.parser.replace(text);
    return open.parser.module;
  }
}

/** The disk as the engine sees it while documents are open: an open document's text wins. */
export function overlayHost(documents: OpenDocuments, disk: FileSystemHost): FileSystemHost & ModuleSource {
  return {
    readFile: (path) => documents.text(path) ?? disk.readFile(path),
    // Whether a file exists, as the CLI asks the disk: without it a module that exists but cannot be
    // read (not UTF-8) would pass for a missing one here, and the editor would say nothing where the
    // CLI reports python.E002.
    ...(disk.exists
      ? { exists: (path: string) => documents.text(path) !== undefined || disk.exists!(path) }
      : {}),
    ...(disk.folderExists ? { folderExists: (path: string) => disk.folderExists!(path) } : {}),
    findFiles: (root, accept, excluded) => {
      const found = disk.findFiles(root, accept, excluded);
      const known = new Set(found);
      for (const path of documents.paths()) {
        if (known.has(path) || !isInside(path, root) || !accept(basename(path))) continue;
        const folders = relative(root, path).split(sep).slice(0, -1);
        if (folders.some((folder) => IGNORED_FOLDERS.has(folder) || folder.startsWith("."))) continue;
        if (excluded?.(relative(root, path).split(sep).join("/"))) continue;
        found.push(path);
      }
      return found;
    },
    parsed: (path) => documents.parsed(path),
    openFiles: () => documents.paths(),
    ...(disk.unread ? { unread: (root: string) => disk.unread!(root) } : {}),
    readProblem: (path) => (documents.text(path) !== undefined ? undefined : disk.readProblem?.(path)),
  };
}
