// The CLI contract: exit codes (cli/errors.ts EXIT), --json output shape, error messages that
// name the bad flag or file, and an Examples block in every subcommand's --help. Runs the
// program in-process (cli/run.ts) with stdout/stderr captured.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveConfig } from '../../../cli/commands/serve';
import { EXIT } from '../../../cli/errors';
import { buildProgram } from '../../../cli/program';
import { runCli } from '../../../cli/run';

async function mlops(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await runCli(['node', 'mlops', ...args], {});
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const registryUri = () => pathToFileURL(path.join(tmp, 'registry')).href;

describe('exit codes and messages', () => {
  it('an unknown flag is a usage error (2) that names the flag', async () => {
    const r = await mlops('registry', 'list', '--bogus');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain("unknown option '--bogus'");
  });

  it('an unknown command is a usage error (2)', async () => {
    const r = await mlops('deploy-everything');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain("unknown command 'deploy-everything'");
  });

  it('a missing required option is a usage error naming it', async () => {
    const r = await mlops('train', '--dataset', 'shapes');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('--model <name>');
  });

  it('serve rejects an invalid flag value with 2, naming the flag and its variable', async () => {
    const r = await mlops('serve', '--port', '99999');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/--port \(PORT\): .*65535/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('train rejects a non-numeric --dataset-version with 2', async () => {
    const r = await mlops('train', '--model', 'm', '--dataset', 'd', '--dataset-version', 'x');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('--dataset-version must be a positive integer, got "x"');
  });

  it('a model that does not exist is not found (3)', async () => {
    const r = await mlops('registry', 'show', 'no-such-model', '--registry', registryUri());
    expect(r.code).toBe(EXIT.notFound);
    expect(r.err).toContain('no-such-model');
  });

  it('an import directory without annotations names the directory (2)', async () => {
    const dir = path.join(tmp, 'empty-dataset');
    fs.mkdirSync(dir);
    const datasets = pathToFileURL(path.join(tmp, 'datasets')).href;
    const r = await mlops('dataset', 'import', dir, '--name', 'x', '--datasets', datasets);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain(`${dir} has no annotations/ folder`);
  });

  it('stack pin of a stack without a file is not found (3) and says what to give', async () => {
    const r = await mlops('stack', 'pin', 'nope', '--model-version', '2', '--dir', tmp);
    expect(r.code).toBe(EXIT.notFound);
    expect(r.err).toContain('Pulumi.nope.yaml');
    expect(r.err).toContain('--dir');
  });

  it('stack secrets: local generates what it lacks, a shared stack lists what is missing (1)', async () => {
    const local = await mlops('stack', 'secrets', 'local');
    expect(local.code).toBe(EXIT.ok);
    expect(local.out).toMatch(/^adminToken\s+generated on up$/m);
    // prod as committed, plus one secret set: the others are listed with how to set them.
    const prod = fs.readFileSync(
      path.join(__dirname, '..', '..', '..', 'Pulumi.prod.yaml'),
      'utf8',
    );
    fs.writeFileSync(
      path.join(tmp, 'Pulumi.prod.yaml'),
      prod.replace(/^config:\n/m, 'config:\n  mlops-stack:adminToken:\n    secure: v1:abc\n'),
    );
    const r = await mlops('stack', 'secrets', 'prod', '--dir', tmp);
    expect(r.code).toBe(EXIT.failure);
    expect(r.out).toMatch(/^adminToken\s+set$/m);
    expect(r.out).toMatch(/^triggerToken\s+missing$/m);
    expect(r.out).toMatch(/^minioRootPassword\s+not needed$/m);
    expect(r.err).toContain('config set --secret mlops-stack:triggerToken');
    expect(r.err).not.toContain('mlops-stack:adminToken');
    expect((await mlops('stack', 'secrets', 'nope', '--dir', tmp)).code).toBe(EXIT.notFound);
  });

  it('stack pin with nothing to pin is a usage error (2)', async () => {
    const r = await mlops('stack', 'pin', 'dev');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('nothing to pin');
  });

  it('a bad registry URI names the flag (2)', async () => {
    const r = await mlops('registry', 'list', '--registry', 'ftp://nope');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('--registry');
  });
});

describe('--json', () => {
  it('registry list prints one JSON array on stdout, nothing else', async () => {
    const r = await mlops('registry', 'list', '--registry', registryUri(), '--json');
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.out)).toEqual([]);
  });

  it('dataset list prints one JSON array on stdout', async () => {
    const datasets = pathToFileURL(path.join(tmp, 'datasets')).href;
    const r = await mlops('dataset', 'list', '--datasets', datasets, '--json');
    expect(r.code).toBe(EXIT.ok);
    expect(Array.isArray(JSON.parse(r.out))).toBe(true);
  });
});

describe('mlops serve', () => {
  it('maps its flags onto the serving environment; a flag wins over the variable', () => {
    const config = serveConfig(
      { port: '9000', host: '127.0.0.1', backend: 'wasm', logLevel: 'warn' },
      { PORT: '7000', MLOPS_REGISTRY_URI: 'file:///srv/registry' },
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      tfBackend: 'wasm',
      logLevel: 'warn',
      registryUri: 'file:///srv/registry',
    });
  });

  it('names a bad environment variable by its variable when no flag set it', () => {
    expect(() => serveConfig({}, { MLOPS_TF_BACKEND: 'gpu' })).toThrow(/MLOPS_TF_BACKEND: /);
  });
});

describe('--help', () => {
  const leaves = (): string[][] => {
    const paths: string[][] = [];
    const walk = (cmd: ReturnType<typeof buildProgram>, prefix: string[]) => {
      for (const sub of cmd.commands) {
        const p = [...prefix, sub.name()];
        if (sub.commands.length === 0) paths.push(p);
        else walk(sub, p);
      }
    };
    walk(buildProgram(), []);
    return paths.filter((p) => p[0] !== 'dataset-synth');
  };

  it('covers the documented subcommands', () => {
    const top = new Set(leaves().map((p) => p[0]));
    for (const name of ['serve', 'train', 'dataset', 'registry', 'cluster', 'toolchain'])
      expect(top).toContain(name);
    for (const name of ['preview-report', 'reap', 'stack']) expect(top).toContain(name);
  });

  it.each(leaves().map((p) => [p.join(' ')]))('%s --help shows examples, exit 0', async (p) => {
    const r = await mlops(...p.split(' '), '--help');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('Examples:\n  $ mlops ');
  });

  it('--version prints the package version, exit 0', async () => {
    const r = await mlops('--version');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('the top-level help documents the exit codes', async () => {
    const r = await mlops('--help');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('3  not found');
  });
});
