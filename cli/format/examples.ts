// The "Examples:" block of each subcommand's --help, keyed by command path. Kept together so the
// examples read as one consistent tour of the CLI; cli/program.ts attaches them.
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  serve: [
    'mlops serve                              # http://localhost:8080, the default COCO model',
    'mlops serve --port 9000 --host 127.0.0.1',
    'mlops serve --registry s3://models/registry --backend wasm',
  ],
  train: [
    'mlops dataset synth --images 200 && mlops train --model shapes-detector --dataset shapes',
    'mlops train --model shapes-detector --dataset shapes --epochs 5 --json',
    'mlops train --model shapes-detector --dataset shapes --resume <runId>',
  ],
  'dataset list': ['mlops dataset list', 'mlops dataset list shapes --json'],
  'dataset show': ['mlops dataset show shapes', 'mlops dataset show shapes 2 --json'],
  'dataset import': ['mlops dataset import ./my-coco --name street --description "June capture"'],
  'dataset synth': ['mlops dataset synth', 'mlops dataset synth --seed 7 --images 50 --no-publish'],
  'registry list': ['mlops registry list', 'mlops registry list centernet-coco --json'],
  'registry show': ['mlops registry show centernet-coco production --json'],
  'registry promote': ['mlops registry promote shapes-detector 3 --to production --expect 2'],
  'registry rollback': ['mlops registry rollback shapes-detector --alias production'],
  'registry diff': ['mlops registry diff shapes-detector production staging'],
  'registry import': ['mlops registry import ./exported-model --name my-detector'],
  'registry gc': ['mlops registry gc --grace 2h --keep 10 --json'],
  'cluster up': ['mlops cluster up', 'mlops cluster up --nodes 3'],
  'cluster down': ['mlops cluster down'],
  'cluster status': ['mlops cluster status', 'mlops cluster status --json'],
  toolchain: ['mlops toolchain', 'mlops toolchain minio kubernetes'],
  'preview-report': [
    'mlops preview-report --stack dev=preview-dev.json --out comment.md',
    'mlops preview-report --stack dev=dev.json --base-manifests base/ --head-manifests head/',
  ],
  reap: ['mlops reap --json', 'mlops reap --closed-prs 12,15 --yes'],
  'stack pin': [
    'mlops stack pin prod --model-version 4',
    'mlops stack pin staging --image serving=ghcr.io/org/serving@sha256:<digest>',
  ],
  'stack pr-init': [
    'mlops stack pr-init 42 --platform org/mlops-stack/dev --serving-image <ref> --training-image <ref>',
  ],
  'stack secrets': ['mlops stack secrets prod', 'mlops stack secrets local'],
};
