// The exit-code contract of `mlops` (documented in README "CLI") and the error type that carries
// one. Messages say what was wrong and what to do; user errors never print a stack trace.
export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** It ran and failed (a destroy, a training run, the service could not start, …). */
  failure: 1,
  /** Bad usage or input: unknown command or flag, invalid value, unreadable input file. */
  usage: 2,
  /** A named thing does not exist: model, version, alias, dataset. */
  notFound: 3,
  /** A conflicting concurrent change: an alias moved since --expect, a version already exists. */
  conflict: 4,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
