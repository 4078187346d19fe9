// One place for versions: every container image the charts and Dockerfiles use (repository, tag,
// optional digest) and the local toolchain's tool versions. Tool versions live in
// scripts/toolchain/versions.env (the shell toolchain sources it); this module parses that file
// so TypeScript and shell read the same values. Digest policy: a digest is optional in the table
// because it cannot be looked up offline, but `imageRef` refuses an undigested image for
// environments that require one (staging, prod) — their stack config must supply the digest.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A container image pinned by tag and, where known, by content digest. */
export interface ImageVersion {
  /** Registry + repository, e.g. `quay.io/prometheus/prometheus`. */
  readonly repository: string;
  /** Human-readable tag; never `latest`. */
  readonly tag: string;
  /** `sha256:<64 hex>`; required where `digestRequired` says so. */
  readonly digest?: string;
}

/** Parses a `KEY=value` env file (comments and blank lines ignored); errors name the bad line. */
export function parseVersionsEnv(text: string, source = 'versions.env'): Record<string, string> {
  const out: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Z][A-Z0-9_]*)=("?)([^"\s]*)\2$/.exec(line);
    if (!m) throw new Error(`${source}:${i + 1}: expected KEY=value, got "${line}"`);
    out[m[1]] = m[3];
  });
  return out;
}

/** scripts/toolchain/versions.env, found from the sources (core/) or compiled output (dist/core/). */
export const TOOLCHAIN_VERSIONS_FILE = [1, 2, 3]
  .map((up) =>
    path.resolve(
      __dirname,
      ...Array<string>(up).fill('..'),
      'scripts',
      'toolchain',
      'versions.env',
    ),
  )
  .find((candidate) => fs.existsSync(candidate));

function loadToolVersions(): Readonly<Record<string, string>> {
  // Container images ship without the toolchain file; only tools and tests need these values.
  if (!TOOLCHAIN_VERSIONS_FILE) return Object.freeze({});
  const env = parseVersionsEnv(
    fs.readFileSync(TOOLCHAIN_VERSIONS_FILE, 'utf8'),
    TOOLCHAIN_VERSIONS_FILE,
  );
  for (const key of ['KUBERNETES_VERSION', 'PULUMI_VERSION', 'PULUMI_KUBERNETES_VERSION']) {
    if (!env[key]) throw new Error(`${TOOLCHAIN_VERSIONS_FILE}: ${key} is missing`);
  }
  return Object.freeze(env);
}

/** Tool versions of the local toolchain (KUBERNETES_VERSION, PULUMI_VERSION, …). */
export const TOOL_VERSIONS = loadToolVersions();

/** Every third-party image the platform deploys, plus the base image of our own Dockerfiles. */
export const IMAGES = Object.freeze({
  /**
   * Base of the serving and training Dockerfiles (the test checks their FROM lines): the Node.js
   * release the project runs on (NODE_VERSION in versions.env), Node 24 LTS.
   */
  node: {
    repository: 'docker.io/library/node',
    tag: `${TOOL_VERSIONS.NODE_VERSION}-bookworm-slim`,
  },
  registry: { repository: 'docker.io/library/registry', tag: '2.8.3' },
  /** The toolchain builds MinIO from Go modules (a pseudo-version); images use release tags. */
  minio: { repository: 'quay.io/minio/minio', tag: 'RELEASE.2025-04-22T22-12-26Z' },
  minioClient: { repository: 'quay.io/minio/mc', tag: 'RELEASE.2025-04-16T18-13-26Z' },
  prometheus: { repository: 'quay.io/prometheus/prometheus', tag: 'v2.55.1' },
  alertmanager: { repository: 'quay.io/prometheus/alertmanager', tag: 'v0.28.1' },
  grafana: { repository: 'docker.io/grafana/grafana', tag: '11.6.0' },
  /** The project's own images; CI builds and pushes them and records the digest per stack. */
  serving: { repository: 'ghcr.io/mlops-stack/serving', tag: '0.1.0' },
  training: { repository: 'ghcr.io/mlops-stack/training', tag: '0.1.0' },
} satisfies Record<string, ImageVersion>);

export type ImageName = keyof typeof IMAGES;

/** Environments whose images must be pinned by digest (tags are mutable). */
export const DIGEST_REQUIRED_ENVIRONMENTS: readonly string[] = Object.freeze(['staging', 'prod']);

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Validates one image entry; throws naming the image and the broken rule. */
export function checkImage(name: string, image: ImageVersion): void {
  if (!image.tag || image.tag === 'latest') {
    throw new Error(`image ${name}: tag must be set and must not be "latest"`);
  }
  if (image.digest !== undefined && !DIGEST.test(image.digest)) {
    throw new Error(`image ${name}: digest must look like sha256:<64 hex>, got "${image.digest}"`);
  }
}

/**
 * The reference to put in a pod spec: `repo:tag@digest` when a digest is known, else `repo:tag`
 * (refused in environments listed in DIGEST_REQUIRED_ENVIRONMENTS).
 */
export function imageRef(name: string, image: ImageVersion, environment: string): string {
  checkImage(name, image);
  if (image.digest) return `${image.repository}:${image.tag}@${image.digest}`;
  if (DIGEST_REQUIRED_ENVIRONMENTS.includes(environment)) {
    throw new Error(`image ${name}: environment "${environment}" requires a digest`);
  }
  return `${image.repository}:${image.tag}`;
}

/** Parses `repo[:tag][@sha256:…]` (what CI records for our own images) into an ImageVersion. */
export function parseImageRef(ref: string): ImageVersion {
  const m = /^([^@]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(ref);
  if (!m || (!m[2] && !m[3])) {
    throw new Error(`image reference "${ref}" needs a tag or a digest (repo:tag[@sha256:…])`);
  }
  return Object.freeze({ repository: m[1], tag: m[2] ?? 'untagged', digest: m[3] });
}
