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

/** Where a star import may be: `import` then blanks then `*` (see starImportsIn). */
const STAR_AFTER_IMPORT = /import\s+\*/g;
const STAR_IMPORT = /^from\s+([.\w]+)\s+import\s+\*$/;

/** The star imports of each parsed module already asked about (an open document is asked on every keystroke). */
const starImportsByModule = new WeakMap<ParsedModule, { module: string; line: number }[]>();

/**
 * The modules a Python module star-imports (`from .base import *`), as written, with lines: every
 * import statement of the syntax tree, outside comments and strings, whose text is a star import.
 * Such a statement's text holds `import`, blanks and `*`, so only the statements around those places
 * in the text are looked at: a keystroke in a long settings module does not walk its whole tree.
 */
export function starImportsIn(text: string, parsed?: ParsedModule): { module: string; line: number }[] {
  const open = parsed?.text === text ? parsed : undefined;
  const known = open && starImportsByModule.get(open);
  if (known) return known;
  const found: { module: string; line: number }[] = [];
  const places: number[] = [];
  STAR_AFTER_IMPORT.lastIndex = 0;
  for (let match; (match = STAR_AFTER_IMPORT.exec(text));) places.push(match.index);
  if (places.length > 0) {
    const module = open ?? parseModule(text);
    let previous: SyntaxNode | undefined;
    for (const place of places) {
      const statement = importStatementAround(module, place);
      if (!statement || statement.from === previous?.from) continue;
      previous = statement;
      const match = STAR_IMPORT.exec(text.slice(statement.from, statement.to).replace(/\s+/g, " ").trim());
      if (match) found.push({ module: match[1]!, line: module.lineIndex.positionAt(statement.from).line });
    }
  }
  if (open) starImportsByModule.set(open, found);
  return found;
}

/**
 * The outermost import statement of the tree that holds `offset`, unless it lies in a comment or a
 * string (where a walk of the whole tree, which skips those, would not find it).
 */
function importStatementAround(module: ParsedModule, offset: number): SyntaxNode | undefined {
  let statement: SyntaxNode | undefined;
  for (let node: SyntaxNode | null = module.tree.resolveInner(offset, 1); node; node = node.parent) {
    if (node.name === "Comment" || node.name === "String") return undefined;
    if (node.name === "ImportStatement") statement = node;
  }
  return statement;
}
