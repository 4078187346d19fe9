// The real node's long-running processes: started detached (they outlive the CLI), with a log
// file and a pid file each under the node directory; stopped with SIGTERM, then SIGKILL.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from '../kube';
import { isAlive } from '../process-alive';
import { NODE_PATHS } from './layout';

const pidFile = (name: string) => path.join(NODE_PATHS.pids, `${name}.pid`);
export const logFile = (name: string): string => path.join(NODE_PATHS.logs, `${name}.log`);

/** pid of a running daemon, if any. */
export function daemonPid(name: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile(name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Every daemon with a pid file, alive or not. */
export function daemonNames(): string[] {
  if (!fs.existsSync(NODE_PATHS.pids)) return [];
  return fs.readdirSync(NODE_PATHS.pids).map((f) => f.replace(/\.pid$/, ''));
}

/** Starts `name` unless it runs already; returns its pid. */
export function startDaemon(
  name: string,
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const running = daemonPid(name);
  if (running) return running;
  fs.mkdirSync(NODE_PATHS.pids, { recursive: true });
  fs.mkdirSync(NODE_PATHS.logs, { recursive: true });
  const out = fs.openSync(logFile(name), 'a');
  const child = spawn(file, [...args], { detached: true, stdio: ['ignore', out, out], env });
  fs.closeSync(out);
  if (!child.pid) throw new Error(`${name} did not start (${file})`);
  child.unref();
  fs.writeFileSync(pidFile(name), String(child.pid));
  return child.pid;
}

/** Stops `name` (SIGTERM, SIGKILL after `graceMs`) and forgets it. */
export async function stopDaemon(name: string, graceMs = 10_000): Promise<void> {
  const pid = daemonPid(name);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    await waitFor(`${name} to exit`, async () => !isAlive(pid), graceMs, 50).catch(() => {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    });
  }
  fs.rmSync(pidFile(name), { force: true });
}

/** The last lines of a daemon's log, for error messages. */
export function logTail(name: string, lines = 15): string {
  try {
    return fs.readFileSync(logFile(name), 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
