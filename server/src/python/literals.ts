// Python literal syntax: string and number tokens as the parser hands them over.

/** The value of a string token, or undefined for bytes and anything not understood. */
export function parseStringLiteral(token: string): string | undefined {
  const match = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(token);
  if (!match) return undefined;
  const prefix = match[1]!.toLowerCase();
  if (prefix.includes("b")) return undefined;
  const quote = match[2]!;
  if (!token.endsWith(quote) || token.length < prefix.length + quote.length * 2) return undefined;
  const body = token.slice(prefix.length + quote.length, token.length - quote.length);
  return prefix.includes("r") ? body : unescape(body);
}

/** Backslash escapes of one character, as Python (and python-dotenv's double quotes) read them. */
export const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

function unescape(body: string): string {
  let result = "";
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== "\\" || index + 1 >= body.length) {
      result += char;
      continue;
    }
    const next = body[index + 1]!;
    if (next === "\n") {
      index++;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      result += SIMPLE_ESCAPES[next];
      index++;
      continue;
    }
    const hexLength = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(index + 2, index + 2 + hexLength);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength) {
        result += String.fromCodePoint(parseInt(hex, 16));
        index += 1 + hexLength;
        continue;
      }
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1));
    if (octal) {
      result += String.fromCharCode(parseInt(octal[0], 8));
      index += octal[0].length;
      continue;
    }
    // Python keeps an unknown escape as written.
    result += char;
  }
  return result;
}

/** An int or float token; undefined for complex numbers. */
export function parseNumberLiteral(token: string): { kind: "int" | "float"; value: number } | undefined {
  const clean = token.replace(/_/g, "");
  if (/[jJ]$/.test(clean)) return undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(clean)) return { kind: "int", value: parseInt(clean.slice(2), 16) };
  if (/^0[oO][0-7]+$/.test(clean)) return { kind: "int", value: parseInt(clean.slice(2), 8) };
  if (/^0[bB][01]+$/.test(clean)) return { kind: "int", value: parseInt(clean.slice(2), 2) };
  if (/^\d+$/.test(clean)) return { kind: "int", value: Number(clean) };
  const value = Number(clean);
  return Number.isNaN(value) ? undefined : { kind: "float", value };
}

/** A string written as Python would print it (`repr`). */
export function pythonStringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let result = quote;
  for (const char of value) {
    if (char === "\\") result += "\\\\";
    else if (char === quote) result += `\\${quote}`;
    else if (char === "\n") result += "\\n";
    else if (char === "\r") result += "\\r";
    else if (char === "\t") result += "\\t";
    else result += char;
  }
  return result + quote;
}
