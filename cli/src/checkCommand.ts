// Placeholder: replaced by the check command.
export async function runCheckCommand(_args: string[]): Promise<number> {
  return 0;
}
