// Whether a process the cluster started still runs (its pid files outlive it).
import * as fs from 'node:fs';

/** True while `pid` runs; an exited process its parent has not reaped yet (a zombie) is not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie whose threads are all gone has exited (and closed its files); a zombie thread
    // group leader whose other threads still run has not.
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const zombie = /^State:\s+Z/m.test(status);
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? '1');
    return !(zombie && threads <= 1);
  } catch {
    return false; // gone between the two checks
  }
}
