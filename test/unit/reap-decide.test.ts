// The reaper's decisions: expiry, closed PRs, updates in progress, stacks without config.
import { decide } from '../../cli/reap/decide';

const now = new Date('2026-11-22T12:00:00Z');
const stack = (name: string, updateInProgress = false) => ({ name, updateInProgress });
const preview = (prNumber: number, expiresAt: string) => ({ prNumber, expiresAt });

describe('reaper decisions', () => {
  it('destroys expired stacks and keeps fresh ones', () => {
    expect(decide(stack('pr-1'), preview(1, '2026-11-22T11:59:59Z'), now, new Set()).action).toBe(
      'destroy',
    );
    const fresh = decide(stack('pr-2'), preview(2, '2026-11-22T14:00:00Z'), now, new Set());
    expect(fresh).toEqual({ stack: 'pr-2', action: 'keep', reason: 'expires in 2.0 h' });
  });

  it('destroys stacks of closed pull requests before their expiry', () => {
    expect(
      decide(stack('pr-3'), preview(3, '2026-12-01T00:00:00Z'), now, new Set([3])).reason,
    ).toBe('pull request #3 is closed');
    expect(decide(stack('pr-4'), undefined, now, new Set([4])).action).toBe('destroy');
  });

  it('never touches a stack while an update runs, even an expired one', () => {
    expect(
      decide(stack('pr-5', true), preview(5, '2020-01-01T00:00:00Z'), now, new Set([5])).action,
    ).toBe('skip');
  });

  it('keeps stacks whose expiry is unknown or unreadable', () => {
    expect(decide(stack('pr-6'), undefined, now, new Set()).action).toBe('keep');
    expect(decide(stack('pr-7'), preview(7, 'soon'), now, new Set()).action).toBe('keep');
  });
});
