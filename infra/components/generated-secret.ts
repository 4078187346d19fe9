// A random secret made once by the Pulumi engine and kept, encrypted, in the stack's state (a
// dynamic resource: no provider plugin needed): what the local and ephemeral pr-<n> stacks use
// for any secret their config does not set, so a fresh clone can `up` without setting six
// secrets first and without writing them into the committed stack file. Replaced only when
// its length changes; deleted with the stack.
import { randomBytes } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';

interface Inputs {
  readonly bytes: number;
}

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Inputs) {
    // base64url: safe in URLs, headers, env files and MinIO's password rules.
    const value = randomBytes(inputs.bytes).toString('base64url');
    return { id: randomBytes(8).toString('hex'), outs: { bytes: inputs.bytes, value } };
  },
  async diff(_id: string, olds: Inputs, news: Inputs) {
    const replace = olds.bytes !== news.bytes;
    return { changes: replace, replaces: replace ? ['bytes'] : [] };
  },
};

export class GeneratedSecret extends pulumi.dynamic.Resource {
  declare public readonly value: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { bytes: 24, value: undefined },
      {
        ...opts,
        additionalSecretOutputs: ['value'],
      },
    );
  }
}
