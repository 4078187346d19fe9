// Reads the kubeconfig of a local or existing cluster, failing with a message that says what to do.
import * as fs from 'node:fs';

export function readKubeconfig(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(
      `cannot read the kubeconfig at ${path} (${reason}): start the local cluster with ` +
        '`npm run cluster:up`, or set mlops-stack:cluster.kubeconfigPath',
    );
  }
}
