// The local cluster's security-relevant settings and status parsing, without starting anything.
import { parse } from 'yaml';
import { CLUSTER_BINARIES } from '../../../cli/cluster/binaries';
import type { ClusterBinary } from '../../../cli/cluster/binaries';
import { countReadyNodes } from '../../../cli/cluster/kube';
import { kwokctlConfig } from '../../../cli/cluster/kwokctl-config';
import { formatStatus } from '../../../cli/commands/cluster';
import { NODE } from '../../../cli/cluster/node/layout';

const binaries = Object.fromEntries(CLUSTER_BINARIES.map((b) => [b, `/opt/bin/${b}`])) as Record<
  ClusterBinary,
  string
>;

describe('kwokctlConfig', () => {
  const config = parse(kwokctlConfig({ binaries, kubeVersion: 'v1.33.13' })) as {
    kind: string;
    options: Record<string, unknown>;
  };

  it('binds every component to loopback and turns RBAC and admission on', () => {
    expect(config.kind).toBe('KwokctlConfiguration');
    expect(config.options).toMatchObject({
      runtime: 'binary',
      bindAddress: '127.0.0.1',
      securePort: true,
      kubeAuthorization: true,
      kubeAdmission: true,
    });
  });

  it('uses the given binaries so kwokctl downloads nothing', () => {
    expect(config.options).toMatchObject({
      kubeApiserverBinary: '/opt/bin/kube-apiserver',
      kubeControllerManagerBinary: '/opt/bin/kube-controller-manager',
      kubeSchedulerBinary: '/opt/bin/kube-scheduler',
      kwokControllerBinary: '/opt/bin/kwok',
      etcdBinary: '/opt/bin/etcd',
    });
  });

  it('lets kwok simulate only its own nodes and the API server call the real kubelet', () => {
    const patches = (
      config as unknown as {
        componentsPatches: { name: string; extraArgs: { key: string; value: string }[] }[];
      }
    ).componentsPatches;
    const args = (name: string) =>
      Object.fromEntries(
        patches.find((p) => p.name === name)!.extraArgs.map((a) => [a.key, a.value]),
      );
    expect(args('kwok-controller')).toEqual({
      'manage-all-nodes': 'false',
      'manage-nodes-with-label-selector': 'type=kwok',
    });
    expect(args('kube-apiserver')).toMatchObject({
      'kubelet-client-certificate': expect.stringMatching(/pki\/admin\.crt$/),
      'advertise-address': NODE.ip,
    });
  });

  it('refuses a version that is not vX.Y.Z', () => {
    expect(() => kwokctlConfig({ binaries, kubeVersion: '1.33' })).toThrow(/kubeVersion/);
  });
});

describe('countReadyNodes', () => {
  const node = (ready: string) => ({
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: ready },
      ],
    },
  });

  it('counts only nodes whose Ready condition is True', () => {
    const list = { items: [node('True'), node('False'), node('Unknown'), node('True'), {}] };
    expect(countReadyNodes(JSON.stringify(list))).toEqual({ total: 5, ready: 2 });
  });
});

describe('formatStatus', () => {
  it('shows nodes by kind only for a running cluster and lists live processes', () => {
    const running = formatStatus({
      state: 'running',
      kubeconfig: '/k',
      server: 'https://127.0.0.1:32766',
      nodes: { total: 3, ready: 2 },
      processes: { etcd: 10, 'kube-apiserver': 11 },
      nodeList: [
        { name: 'mlops-node', kind: 'real', ready: true },
        { name: 'node-000000', kind: 'kwok', ready: true },
        { name: 'node-000001', kind: 'kwok', ready: false },
      ],
    });
    expect(running).toContain('nodes:      2/3 Ready');
    expect(running).toContain('real (kubelet + containerd): mlops-node\n');
    expect(running).toContain('kwok (simulated): node-000000, node-000001 (NotReady)');
    expect(running).toContain('processes:  etcd=10 kube-apiserver=11');
    const absent = formatStatus({
      state: 'absent',
      kubeconfig: '/k',
      nodes: { total: 0, ready: 0 },
      processes: {},
      nodeList: [],
    });
    expect(absent).not.toContain('nodes:');
    expect(absent).toContain('state:      absent');
  });
});
