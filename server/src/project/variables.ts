// What every reader of a deployment file reports for an environment variable it sets.

/** `NAME=value` as a deployment file sets it for a process, with the place of the name. */
export interface VariableAssignment {
  variable: string;
  /** The value the process gets; undefined when it depends on something the file does not say. */
  value: string | undefined;
  /** 0-based line and the columns of the variable's name on it. */
  line: number;
  start: number;
  end: number;
}
