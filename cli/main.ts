// Entry point of the `mlops` CLI: wires the subcommands and maps errors to exit codes.
import { buildProgram } from './program';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mlops: ${message}\n`);
    process.exitCode =
      typeof (error as { exitCode?: unknown })?.exitCode === 'number'
        ? (error as { exitCode: number }).exitCode
        : 1;
  });
