// Builds the commander program from one registration function per subcommand file. Usage errors
// throw (exitOverride) so cli/run.ts maps them to exit code 2; subcommands inherit the settings.
import { Command } from 'commander';
import { version } from '../package.json';
import { subcommands } from './commands';
import { EXAMPLES } from './format/examples';
import { EXIT_CODES_HELP, withExamples } from './format/help';

export function buildProgram(): Command {
  const program = new Command('mlops')
    .description('mlops-stack: serve, train, version and deploy object-detection models')
    .version(version)
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    })
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of subcommands) register(program);
  const attach = (command: Command, path: string) => {
    const examples = EXAMPLES[path];
    if (examples) withExamples(command, examples);
    for (const sub of command.commands) attach(sub, `${path} ${sub.name()}`.trim());
  };
  for (const command of program.commands) attach(command, command.name());
  return program;
}
