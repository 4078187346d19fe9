// Which ephemeral stacks the reaper destroys: pr-<n> stacks whose configured expiry has passed
// or whose pull request is closed. Stacks with an update in progress are left for the next run,
// so reaping never races a PR update.

export interface StackInfo {
  readonly name: string;
  readonly updateInProgress: boolean;
}

export interface PreviewInfo {
  readonly prNumber: number;
  readonly expiresAt: string;
}

export type Action = 'destroy' | 'keep' | 'skip';

export interface Decision {
  readonly stack: string;
  readonly action: Action;
  readonly reason: string;
}

export const EPHEMERAL_STACK = /^pr-(\d+)$/;

export function decide(
  stack: StackInfo,
  preview: PreviewInfo | undefined,
  now: Date,
  closedPrs: ReadonlySet<number>,
): Decision {
  const d = (action: Action, reason: string): Decision => ({ stack: stack.name, action, reason });
  if (stack.updateInProgress) return d('skip', 'an update is in progress');
  const prInName = Number(EPHEMERAL_STACK.exec(stack.name)?.[1]);
  const pr = preview?.prNumber ?? prInName;
  if (closedPrs.has(pr)) return d('destroy', `pull request #${pr} is closed`);
  if (!preview) return d('keep', 'no preview config (expiry unknown): not reaped by age');
  const expires = Date.parse(preview.expiresAt);
  if (Number.isNaN(expires)) return d('keep', `unreadable expiry "${preview.expiresAt}"`);
  if (expires <= now.getTime()) return d('destroy', `expired at ${preview.expiresAt}`);
  const hours = ((expires - now.getTime()) / 3_600_000).toFixed(1);
  return d('keep', `expires in ${hours} h`);
}
