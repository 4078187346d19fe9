// Builds the commander program from one registration function per subcommand file.
import { Command } from 'commander';
import { subcommands } from './commands';

export function buildProgram(): Command {
  const program = new Command('mlops')
    .description('mlops-stack: serve, train, version and deploy object-detection models')
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of subcommands) register(program);
  return program;
}
