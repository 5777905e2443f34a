// Placeholder until the scaffold planner lands (issue 5).
import { UsageError } from "./usage";

export async function runScaffoldCommand(_args: string[]): Promise<number> {
  throw new UsageError("scaffold is not available yet");
}
