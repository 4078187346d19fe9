// Counts the reliability suite prints (CI logs show them): one JSON line per check.
export function report(check: string, figures: Record<string, unknown>): void {
  process.stdout.write(`[reliability] ${check} ${JSON.stringify(figures)}\n`);
}
