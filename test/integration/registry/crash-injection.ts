// The crash-injection scenario shared by the filesystem and MinIO tests: a child process publishes
// versions and is killed with SIGKILL after a random delay; after each kill the registry must be
// consistent, and gc must clean what the killed publisher left behind.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Storage } from '../../../core/storage/types';
import { checkConsistent, gcLeavesOnlyCommitted } from './crash-check';

export interface CrashReport {
  runs: number;
  /** Kills that landed inside a publish or alias move (not between operations). */
  killsMidPublish: number;
  versionsCommitted: number;
  leftoversCollected: number;
  lastStepAtKill: Record<string, number>;
}

// tsx as a loader inside this very process (its CLI would fork a grandchild SIGKILL cannot reach).
const REPO_ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'crash-publisher.ts');

export async function runCrashInjection(options: {
  storage: Storage;
  uri: string;
  runs: number;
  maxDelayMs: number;
  env?: Readonly<Record<string, string>>;
}): Promise<CrashReport> {
  const model = 'crashy';
  const seen = new Map<string, string>();
  const report: CrashReport = {
    runs: 0,
    killsMidPublish: 0,
    versionsCommitted: 0,
    leftoversCollected: 0,
    lastStepAtKill: {},
  };
  for (let run = 0; run < options.runs; run++) {
    // Every fourth run arms the kill only after a version is committed, so slow machines still
    // publish something and later kills land on a registry with history to protect.
    const lastStep = await publishUntilKilled(options.uri, model, `r${run}`, {
      ...options,
      armOn: run % 4 === 3 ? 'published' : 'ready',
    });
    report.runs++;
    report.lastStepAtKill[lastStep] = (report.lastStepAtKill[lastStep] ?? 0) + 1;
    if (lastStep !== 'published' && lastStep !== 'ready') report.killsMidPublish++;
    await checkConsistent(options.storage, model, seen);
    // gc on every other run so leftovers of two crashes in a row are also handled
    if (run % 2 === 1)
      report.leftoversCollected += await gcLeavesOnlyCommitted(options.storage, model);
  }
  report.leftoversCollected += await gcLeavesOnlyCommitted(options.storage, model);
  report.versionsCommitted = (await checkConsistent(options.storage, model, seen)).length;
  return report;
}

/** Spawns the publisher, kills it with SIGKILL a random time after it is ready; returns its last step. */
function publishUntilKilled(
  uri: string,
  model: string,
  tag: string,
  options: {
    maxDelayMs: number;
    armOn: 'ready' | 'published';
    env?: Readonly<Record<string, string>>;
  },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, uri, model, tag], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = 'spawned';
    let armed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), Math.random() * options.maxDelayMs);
    };
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          last = 'ready';
          if (options.armOn === 'ready') arm();
        } else if (line.startsWith('step ')) last = line.slice(5);
        else if (line.startsWith('published ')) {
          last = 'published';
          arm();
        }
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`publisher exited on its own (${signal ?? _code}): ${stderr}`));
    });
  });
}
