// `mlops reap`: destroys ephemeral pr-<n> stacks past their expiry or whose PR is closed.
// Dry run by default; --yes acts. Exit code 1 when a destroy failed, 0 otherwise.
import type { Command } from 'commander';
import { CliError } from '../errors';
import { pulumiBackend } from '../reap/pulumi-backend';
import { reap } from '../reap/reap';

function parsePrList(value: string): Set<number> {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const numbers = items.map(Number);
  const bad = items.find((_, i) => !Number.isInteger(numbers[i]) || numbers[i]! < 1);
  if (bad !== undefined)
    throw new CliError(`--closed-prs expects comma-separated PR numbers, got "${bad}"`, 2);
  return new Set(numbers);
}

export function registerReap(program: Command): void {
  program
    .command('reap')
    .description(
      'destroy ephemeral pr-<n> stacks past their expiry or whose pull request is closed',
    )
    .option('--yes', 'destroy (without it: only report what would be destroyed)', false)
    .option('--closed-prs <list>', 'comma-separated numbers of closed pull requests', '')
    .option('--json', 'print the decisions as JSON')
    .action(async (o: { yes: boolean; closedPrs: string; json?: boolean }) => {
      const results = await reap({
        backend: pulumiBackend(),
        dryRun: !o.yes,
        now: new Date(),
        closedPrs: parsePrList(o.closedPrs),
        log: o.json ? () => undefined : (line) => process.stdout.write(`${line}\n`),
      });
      if (o.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else if (results.length === 0) process.stdout.write('no ephemeral stacks\n');
      if (results.some((r) => r.outcome === 'failed')) process.exitCode = 1;
    });
}
