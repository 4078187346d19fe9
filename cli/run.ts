// Runs the CLI once and turns every outcome into an exit code (cli/errors.ts EXIT): commander's
// usage errors become 2, CliErrors keep theirs, anything else is 1. Only unexpected errors can
// show a stack trace, and only with MLOPS_DEBUG=1.
import { CommanderError } from 'commander';
import { CliError, EXIT } from './errors';
import { buildProgram } from './program';

export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    // commander has already printed its message (and the help hint) to stderr.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      process.stderr.write(`mlops: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mlops: ${message}\n`);
    if (env.MLOPS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('mlops: (unexpected error; MLOPS_DEBUG=1 prints the stack trace)\n');
    return EXIT.failure;
  }
}
