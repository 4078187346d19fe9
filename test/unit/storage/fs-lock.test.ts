// The filesystem backend's per-key lock: exclusive while held, and locks left by crashed
// processes (dead owner, or an unreadable owner) do not block writers forever.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireLock } from '../../../core/storage/fs-lock';

describe('acquireLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-lock-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('is exclusive until released', async () => {
    const lockPath = path.join(dir, '.mlops-lock-a');
    const first = await acquireLock(lockPath);
    let secondHeld = false;
    const second = acquireLock(lockPath).then((l) => {
      secondHeld = true;
      return l;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondHeld).toBe(false);
    await first.release();
    const held = await second;
    expect(await held.stillHeld()).toBe(true);
    await held.release();
  });

  it('breaks a lock whose owner process is gone, and an ownerless one', async () => {
    const dead = path.join(dir, '.mlops-lock-dead');
    // pid 2^22+1 is above Linux's pid_max, so no live process owns it.
    await fs.writeFile(dead, `${2 ** 22 + 1} ${os.hostname()} x`);
    await (await acquireLock(dead)).release();
    const empty = path.join(dir, '.mlops-lock-empty');
    await fs.writeFile(empty, '');
    await (await acquireLock(empty)).release();
    expect(await fs.readdir(dir)).toEqual([]);
  }, 15_000);
});
