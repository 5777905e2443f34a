// Hover on a setting name: its effective value in each production profile whose modules include
// this file, where it comes from, Django's default and the docs (text from model/settingHover.ts).
import { relative } from "node:path";
import type { Hover, Position } from "vscode-languageserver/node";
import { isSettingName } from "../evaluate/moduleEvaluator";
import type { DjangoProject } from "../engine/project";
import { settingHoverMarkdown } from "./settingHover";
import { LineIndex } from "../python/lineIndex";

export function settingHover(
  project: DjangoProject,
  path: string,
  text: string,
  position: Position,
  folder: string,
): Hover | null {
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  let start = offset;
  let end = offset;
  while (start > 0 && /\w/.test(text[start - 1]!)) start--;
  while (end < text.length && /\w/.test(text[end]!)) end++;
  const name = text.slice(start, end);
  if (!isSettingName(name)) return null;
  const markdown = settingHoverMarkdown(
    name,
    project.settingReport(path, name),
    (file) => relative(folder, file) || file,
  );
  if (!markdown) return null;
  return { contents: { kind: "markdown", value: markdown }, range: lines.rangeOf(start, end) };
}
