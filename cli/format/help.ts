// Help text shared by the subcommands: an "Examples:" block and the exit-code contract.
import type { Command } from 'commander';

export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  failure (the command ran and failed)
  2  bad usage or input (unknown flag, invalid value, unreadable file)
  3  not found (model, version, alias, dataset)
  4  conflict (a concurrent change, e.g. promote --expect)
`;

/** Appends an "Examples:" block to a command's --help. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText(
    'after',
    `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`,
  );
}
