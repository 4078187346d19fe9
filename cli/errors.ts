// A CLI error with a meaningful exit code: 2 = bad usage/argument, 3 = not found, 4 = conflict,
// 1 = anything else. Messages say what was wrong and what to do.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
