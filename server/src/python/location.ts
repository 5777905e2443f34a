// Positions and ranges in the LSP's conventions (0-based lines, UTF-16 code units), without
// depending on the LSP libraries: the model and the checks are plain code.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A place in a file: an absolute file system path and a range in it. */
export interface Location {
  file: string;
  range: Range;
}

/** A span of a source file, as offsets, with its LSP range. */
export interface SourceSpan extends Location {
  from: number;
  to: number;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}
