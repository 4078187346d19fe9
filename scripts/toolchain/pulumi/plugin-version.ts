// Prints the version a Pulumi resource plugin reports over gRPC (GetPluginInfo): the value the
// engine compares with the version the SDK asks for. A plugin has no `--version` flag, so the
// toolchain starts it in attach mode (no engine address: it only prints its port) and asks.
// Usage: tsx scripts/toolchain/pulumi/plugin-version.ts <path of the plugin binary>
import { spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { ResourceProviderClient } from '@pulumi/pulumi/proto/provider_grpc_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';

const TIMEOUT_MS = 30_000;

async function pluginVersion(binary: string): Promise<string> {
  const child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${binary} printed no port`)), TIMEOUT_MS);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`${binary} exited with ${code}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^(\d+)\s/.exec(out);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const client = new ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    try {
      return await new Promise<string>((resolve, reject) => {
        client.getPluginInfo(new Empty(), (error, info) =>
          error ? reject(error) : resolve(info.getVersion()),
        );
      });
    } finally {
      client.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

const binary = process.argv[2];
if (binary === undefined) {
  process.stderr.write('usage: plugin-version.ts <plugin binary>\n');
  process.exit(2);
}
pluginVersion(binary).then(
  (version) => process.stdout.write(`${version}\n`),
  (error: unknown) => {
    process.stderr.write(`plugin-version: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
