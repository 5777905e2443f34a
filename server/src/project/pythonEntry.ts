// Which settings module a Python entry file (manage.py, wsgi.py, asgi.py) names, read through the
// parser: `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "…")` (a default the environment
// overrides) and `os.environ["DJANGO_SETTINGS_MODULE"] = "…"` (which overrides the environment),
// wherever they are (manage.py calls setdefault inside main()). Comments and strings never count;
// a comment that would name a module is reported as commented out, so the discovery can say why it
// ignored it.
import type { SyntaxNode } from "@lezer/common";
import { parseStringLiteral } from "../python/literals";
import { parseModule, type ParsedModule } from "../python/parse";

export interface PythonSettingsMention {
  module: string;
  /** 0-based line. */
  line: number;
  how: "default" | "assignment" | "commented-out";
}

const VARIABLE = "DJANGO_SETTINGS_MODULE";
const ENVIRON = new Set(["os.environ", "environ"]);
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const IN_COMMENT = /DJANGO_SETTINGS_MODULE["']\s*(?:\]\s*=|,)\s*["']([A-Za-z_][\w.]*)["']/;

export function settingsNamedInPython(text: string): PythonSettingsMention[] {
  const module = parseModule(text);
  const found: PythonSettingsMention[] = [];
  const textOf = (node: SyntaxNode) => text.slice(node.from, node.to);
  const lineOf = (offset: number) => module.lineIndex.positionAt(offset).line;
  const stringValue = (node: SyntaxNode | null | undefined) =>
    node?.name === "String" ? parseStringLiteral(textOf(node)) : undefined;
  const add = (value: string | undefined, node: SyntaxNode, how: PythonSettingsMention["how"]) => {
    if (value !== undefined && DOTTED.test(value))
      found.push({ module: value, line: lineOf(node.from), how });
  };

  module.tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === "Comment") {
        const match = IN_COMMENT.exec(textOf(node));
        if (match) add(match[1], node, "commented-out");
        return false;
      }
      if (node.name === "CallExpression") {
        const callee = node.firstChild;
        const args = node.getChild("ArgList");
        if (callee?.name !== "MemberExpression" || !args) return;
        const calleeText = textOf(callee).replace(/\s+/g, "");
        if (!calleeText.endsWith(".setdefault") || !ENVIRON.has(calleeText.slice(0, -".setdefault".length)))
          return;
        const values = args.getChildren("String");
        if (values.length >= 2 && stringValue(values[0]) === VARIABLE && values[0]!.from < values[1]!.from)
          add(stringValue(values[1]), node, "default");
        return;
      }
      if (node.name === "AssignStatement") {
        const target = node.firstChild;
        const value = node.lastChild;
        if (target?.name !== "MemberExpression" || !target.getChild("[")) return;
        const object = target.firstChild;
        const key = target.getChild("String");
        if (!object || !ENVIRON.has(textOf(object).replace(/\s+/g, "")) || stringValue(key) !== VARIABLE)
          return;
        add(stringValue(value), node, "assignment");
      }
      return undefined;
    },
  });
  return found.sort((a, b) => a.line - b.line);
}

/** The modules a Python module star-imports (`from .base import *`), as written, with lines. */
export function starImportsIn(text: string, parsed?: ParsedModule): { module: string; line: number }[] {
  const module = parsed?.text === text ? parsed : parseModule(text);
  const found: { module: string; line: number }[] = [];
  module.tree.iterate({
    enter(ref) {
      if (ref.name === "Comment" || ref.name === "String") return false;
      if (ref.name !== "ImportStatement") return undefined;
      const match = /^from\s+([.\w]+)\s+import\s+\*$/.exec(
        text.slice(ref.from, ref.to).replace(/\s+/g, " ").trim(),
      );
      if (match) found.push({ module: match[1]!, line: module.lineIndex.positionAt(ref.from).line });
      return false;
    },
  });
  return found;
}
