// The reaper's view of Pulumi, through scripts/pulumi.sh (the same wiring as `npm run up`): list
// the project's stacks, read an ephemeral stack's expiry tag, destroy and remove a stack.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { EPHEMERAL_STACK, type PreviewInfo, type StackInfo } from './decide';
import type { StackBackend } from './reap';

const run = promisify(execFile);
export const EXPIRY_TAG = 'mlops:expires-at';
const SCRIPT = join(resolve(__dirname, '..', '..'), 'scripts', 'pulumi.sh');

async function pulumi(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run('bash', [SCRIPT, ...args], { env, maxBuffer: 64 << 20 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`pulumi.sh ${args.join(' ')}: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

export function pulumiBackend(env: NodeJS.ProcessEnv = process.env): StackBackend {
  return {
    async listStacks(): Promise<StackInfo[]> {
      const rows = JSON.parse(await pulumi(['ls'], env)) as {
        name: string;
        updateInProgress?: boolean;
      }[];
      // Organisation-qualified names (org/project/stack) on shared backends: keep the stack part.
      return rows.map((r) => ({
        name: r.name.split('/').pop()!,
        updateInProgress: r.updateInProgress === true,
      }));
    },
    async previewConfig(stack: string): Promise<PreviewInfo | undefined> {
      const tags = JSON.parse(
        await pulumi(['exec', stack, 'stack', 'tag', 'ls', '--json'], env),
      ) as Record<string, string>;
      const expiresAt = tags[EXPIRY_TAG];
      const prNumber = Number(EPHEMERAL_STACK.exec(stack)?.[1]);
      return expiresAt ? { prNumber, expiresAt } : undefined;
    },
    async destroy(stack: string): Promise<void> {
      await pulumi(['destroy', stack], env);
    },
  };
}
