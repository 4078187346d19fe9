// Starts a real MinIO server for the S3 tests: the toolchain's `minio` binary on a free loopback
// port, a temporary data directory, generated credentials (written to a credentials file the S3
// backend reads, never to the environment), and one bucket. stop() kills it and removes its data.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { S3Options } from '../../core/storage/s3-options';
import { findExecutable } from './requirements';

export interface RunningMinio {
  readonly endpoint: string;
  readonly bucket: string;
  /** Options for openStorage / S3Storage (credentials come from credentialsFile). */
  readonly s3: S3Options;
  /** Environment for child processes that parse S3 settings with s3OptionsFromEnv. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** Why MinIO tests cannot run here, or undefined when the binary is available. */
export function minioMissing(): string | undefined {
  return findExecutable('minio')
    ? undefined
    : 'minio is not built (run `npm run toolchain` to put it in .tools/bin)';
}

export async function startMinio(bucket = 'mlops-test'): Promise<RunningMinio> {
  const binary = findExecutable('minio');
  if (!binary) throw new Error(minioMissing());
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlops-minio-'));
  const port = await freePort();
  const consolePort = await freePort();
  const accessKeyId = `test${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(18).toString('hex');
  const credentialsFile = path.join(dir, 'credentials.json');
  await fs.writeFile(credentialsFile, JSON.stringify({ accessKeyId, secretAccessKey }), {
    mode: 0o600,
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      'server',
      path.join(dir, 'data'),
      '--address',
      `127.0.0.1:${port}`,
      '--console-address',
      `127.0.0.1:${consolePort}`,
      '--quiet',
    ],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        MINIO_ROOT_USER: accessKeyId,
        MINIO_ROOT_PASSWORD: secretAccessKey,
        MINIO_BROWSER: 'off',
        MINIO_UPDATE: 'off',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    await waitHealthy(endpoint, child, () => stderr);
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
  } catch (error) {
    await stop(child, dir);
    throw error;
  }
  const s3: S3Options = Object.freeze({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentialsFile,
  });
  return {
    endpoint,
    bucket,
    s3,
    env: {
      MLOPS_S3_ENDPOINT: endpoint,
      MLOPS_S3_REGION: 'us-east-1',
      MLOPS_S3_FORCE_PATH_STYLE: 'true',
      MLOPS_S3_CREDENTIALS_FILE: credentialsFile,
    },
    stop: () => stop(child, dir),
  };
}

async function waitHealthy(
  endpoint: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`minio exited (${child.exitCode}): ${log()}`);
    const ok = await fetch(`${endpoint}/minio/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`minio did not become healthy within 30 s: ${log()}`);
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  await fs.rm(dir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
