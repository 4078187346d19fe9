// Entry point of the `mlops` CLI: runs it and sets the exit code (logic in cli/run.ts).
import { runCli } from './run';

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
