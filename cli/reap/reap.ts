// The reaper's run: list ephemeral stacks, decide, and (with --yes) destroy. A destroy that loses
// a race with a concurrent update (Pulumi's stack lock) is reported as skipped, not as a failure.
import { decide, EPHEMERAL_STACK, type Decision, type PreviewInfo, type StackInfo } from './decide';

export interface StackBackend {
  listStacks(): Promise<StackInfo[]>;
  previewConfig(stack: string): Promise<PreviewInfo | undefined>;
  /** Destroys the stack's resources and removes the stack. */
  destroy(stack: string): Promise<void>;
}

export interface ReapOptions {
  readonly backend: StackBackend;
  readonly dryRun: boolean;
  readonly now: Date;
  readonly closedPrs: ReadonlySet<number>;
  readonly log: (line: string) => void;
}

export interface ReapResult extends Decision {
  readonly outcome: 'destroyed' | 'would destroy' | 'kept' | 'skipped' | 'failed';
  readonly error?: string;
}

const CONFLICT = /another update is (currently )?in progress|conflict|locked/i;

export async function reap(o: ReapOptions): Promise<ReapResult[]> {
  const stacks = (await o.backend.listStacks()).filter((s) => EPHEMERAL_STACK.test(s.name));
  const results: ReapResult[] = [];
  for (const stack of stacks) {
    const decision = decide(stack, await o.backend.previewConfig(stack.name), o.now, o.closedPrs);
    if (decision.action !== 'destroy') {
      results.push({ ...decision, outcome: decision.action === 'skip' ? 'skipped' : 'kept' });
    } else if (o.dryRun) {
      results.push({ ...decision, outcome: 'would destroy' });
    } else {
      o.log(`destroying ${stack.name}: ${decision.reason}`);
      try {
        await o.backend.destroy(stack.name);
        results.push({ ...decision, outcome: 'destroyed' });
      } catch (error) {
        const message = (error as Error).message;
        results.push(
          CONFLICT.test(message)
            ? {
                ...decision,
                outcome: 'skipped',
                reason: `${decision.reason}; a concurrent update holds the stack`,
              }
            : { ...decision, outcome: 'failed', error: message },
        );
      }
    }
    const r = results[results.length - 1]!;
    o.log(
      `${r.stack.padEnd(12)} ${r.outcome.padEnd(14)} ${r.reason}${r.error ? ` (${r.error.split('\n')[0]})` : ''}`,
    );
  }
  return results;
}
