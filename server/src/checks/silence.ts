// The "Silence <ID>" action: adds a check ID to SILENCED_SYSTEM_CHECKS in the profile module, the
// way Django users silence its own checks.
import type { ModuleState } from "../evaluate/moduleState";
import { offsetToPosition } from "./context";
import type { TextEdit } from "./types";

export function silenceEdit(module: ModuleState, text: string, id: string): TextEdit {
  const quoted = JSON.stringify(id);
  const binding = module.bindings.get("SILENCED_SYSTEM_CHECKS");
  const valueSpan = binding?.origin.value;
  if (binding && valueSpan && valueSpan.file === module.file && !binding.assignment) {
    const literal = text.slice(valueSpan.from, valueSpan.to);
    const closing = literal.trimEnd().slice(-1);
    if ((closing === "]" || closing === ")") && /^[[(]/.test(literal)) {
      const inner = literal.slice(1, literal.trimEnd().length - 1);
      const closeOffset = valueSpan.from + literal.trimEnd().length - 1;
      let insert: string;
      if (inner.trim() === "") insert = closing === ")" ? `${quoted},` : quoted;
      else if (/,\s*$/.test(inner)) insert = inner.includes("\n") ? `    ${quoted},\n` : ` ${quoted}`;
      else insert = inner.includes("\n") ? `,\n    ${quoted}` : `, ${quoted}`;
      // Multi-line lists with a trailing comma get the new entry on its own line before the bracket.
      let offset = closeOffset;
      if (inner.includes("\n")) {
        offset = /,\s*$/.test(inner)
          ? text.lastIndexOf("\n", closeOffset - 1) + 1
          : valueSpan.from + 1 + inner.trimEnd().length;
      }
      const position = offsetToPosition(text, offset);
      return { file: module.file, range: { start: position, end: position }, newText: insert };
    }
  }
  const end = offsetToPosition(text, text.length);
  const lead = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  // Inherited: extend it. Maybe inherited from a module the engine cannot follow: extend it if it exists.
  const value = binding
    ? `[*SILENCED_SYSTEM_CHECKS, ${quoted}]`
    : module.fallback
      ? `[*globals().get("SILENCED_SYSTEM_CHECKS", []), ${quoted}]`
      : `[${quoted}]`;
  return {
    file: module.file,
    range: { start: end, end },
    newText: `${lead}\nSILENCED_SYSTEM_CHECKS = ${value}\n`,
  };
}
