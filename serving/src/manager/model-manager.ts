// Serves several models and versions at once: loads what the model config and the registry ask
// for, warms each version before it takes traffic, switches atomically on reload, and retires old
// versions once their in-flight requests finish. A `specific` version policy is exclusive: aliases
// and labels only select among the pinned versions. A registry listing that fails or comes back
// empty never unloads what is served; one that shrinks is applied except for pinned versions.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ModelMetadata } from '../../../core/registry/types';
import { notFound, notReady } from '../errors';
import type { DetectionModel } from '../../../core/detection/detector';
import type { LoadSpec } from '../engine/protocol';
import type { ModelSource } from '../models/model-source';
import { LoadedVersion } from './loaded-version';
import type { ModelConfig, ServedModelConfig } from './model-config';
import { routeVersion, shadowVersion, type RouteRequest, type RoutingState } from './routing';

/** Where model versions run: the inference engine (its threads own every session). */
export interface ModelEngine {
  load(name: string, version: number, spec: LoadSpec): Promise<DetectionModel>;
}

export interface ManagerDeps {
  readonly engine: ModelEngine;
  readonly source: ModelSource;
  readonly config: ModelConfig;
  /** Where SavedModel files are materialised for tf.node.loadSavedModel. */
  readonly cacheDir: string;
  /** Native backend: compile tfjs graph models into SavedModels under cacheDir/compiled. */
  readonly compileGraphModels?: boolean;
  readonly onLoaded?: (name: string, version: number, seconds: number, execution: string) => void;
  readonly onLoadFailed?: (name: string, version: number, err: Error) => void;
  readonly onVersionsChanged?: (name: string, versions: readonly number[]) => void;
  /**
   * The registry disagreed with what is served (listing failed or empty, a loaded version
   * vanished, an alias pointing outside the pins): what was kept or dropped, for logs and alerts.
   */
  readonly onSyncAnomaly?: (name: string, reason: SyncAnomaly, detail: string) => void;
  readonly random?: () => number;
}

export type SyncAnomaly =
  | 'listing-failed'
  | 'listing-empty'
  | 'version-removed'
  | 'pinned-version-missing'
  | 'label-outside-pins';

export interface Lease {
  readonly model: LoadedVersion;
  readonly release: () => void;
}

interface ModelState {
  readonly config: ServedModelConfig;
  versions: ReadonlyMap<number, LoadedVersion>;
  labels: Readonly<Record<string, number>>;
  defaultVersion?: number;
  /** Admin overrides (promote/unload) that survive reloads. */
  readonly pinnedLabels: Record<string, number>;
  readonly unloaded: Set<number>;
}

export class ModelManager {
  private readonly models = new Map<string, ModelState>();
  private syncing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private allLoaded = false;
  private readonly random: () => number;

  constructor(private readonly deps: ManagerDeps) {
    this.random = deps.random ?? Math.random;
    for (const c of deps.config.models) {
      this.models.set(c.name, {
        config: c,
        versions: new Map(),
        labels: {},
        pinnedLabels: {},
        unloaded: new Set(),
      });
    }
  }

  /** True once every configured model has at least one loaded, warmed version. */
  get ready(): boolean {
    return this.allLoaded;
  }

  names(): string[] {
    return [...this.models.keys()];
  }

  /** Reloads from the registry (serialised: concurrent calls queue behind each other). */
  sync(only?: string): Promise<void> {
    const next = this.syncing.then(() => this.doSync(only));
    this.syncing = next.catch(() => undefined);
    return next;
  }

  startPolling(intervalMs: number, onError: (err: Error) => void): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => this.sync().catch(onError), intervalMs);
    this.timer.unref();
  }

  routing(name: string): RoutingState {
    const s = this.state(name);
    return {
      versions: [...s.versions.keys()].sort((a, b) => a - b),
      labels: s.labels,
      canary: s.config.canary,
      shadow: s.config.shadow,
      defaultVersion: s.defaultVersion,
    };
  }

  /** Picks and leases the version answering a request, plus an optional shadow lease. */
  acquire(name: string, req: RouteRequest): { primary: Lease; shadow?: Lease } {
    const s = this.state(name);
    // Until the first sync has loaded it, a configured model is starting, not missing.
    if (s.versions.size === 0 && !this.allLoaded) {
      throw notReady(`model ${name} is loading; retry shortly`);
    }
    const routing = this.routing(name);
    const route = routeVersion(routing, req, this.random());
    if (!route.ok) throw notFound(`model ${name}: ${route.reason}`);
    const lease = (v: number): Lease => {
      const model = s.versions.get(v)!;
      return { model, release: model.acquire() };
    };
    const primary = lease(route.version);
    const sv = shadowVersion(routing, route.version, this.random());
    return { primary, shadow: sv === undefined ? undefined : lease(sv) };
  }

  metadata(name: string, version?: number): ModelMetadata[] {
    const s = this.state(name);
    return [...s.versions.values()]
      .filter((v) => version === undefined || v.version === version)
      .map((v) => v.metadata);
  }

  /**
   * Points a label at a committed version (admin promote/rollback). Labels the model follows as
   * registry aliases are written to the registry too, so every replica converges on its next poll.
   */
  async setLabel(name: string, label: string, version: number): Promise<void> {
    const s = this.state(name);
    if (!(await this.deps.source.listVersions(name)).includes(version)) {
      throw notFound(`model ${name} has no committed version ${version}`);
    }
    if (this.deps.source.setAlias && s.config.aliases.includes(label)) {
      await this.deps.source.setAlias(name, label, version);
    }
    s.pinnedLabels[label] = version;
    s.unloaded.delete(version);
    await this.sync(name);
  }

  /** Unloads a version (admin); it stays unloaded until a label is pointed at it again. */
  async unload(name: string, version: number): Promise<void> {
    const s = this.state(name);
    if (!s.versions.has(version)) throw notFound(`model ${name} version ${version} is not loaded`);
    s.unloaded.add(version);
    await this.sync(name);
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    this.stopPolling();
    await this.syncing;
    for (const s of this.models.values()) for (const v of s.versions.values()) v.retire();
  }

  private state(name: string): ModelState {
    const s = this.models.get(name);
    if (!s) throw notFound(`model ${name} is not served here`);
    return s;
  }

  private async doSync(only?: string): Promise<void> {
    for (const [name, s] of this.models) {
      if (only && only !== name) continue;
      await this.syncModel(name, s);
    }
    this.allLoaded = [...this.models.values()].every((s) => s.versions.size > 0);
  }

  private async syncModel(name: string, s: ModelState): Promise<void> {
    const { source } = this.deps;
    const anomaly = (reason: SyncAnomaly, detail: string) =>
      this.deps.onSyncAnomaly?.(name, reason, detail);
    let committed: number[];
    try {
      committed = await source.listVersions(name);
    } catch (err) {
      anomaly('listing-failed', `${(err as Error).message}; serving ${this.describe(s)} as before`);
      return;
    }
    if (committed.length === 0 && s.versions.size > 0) {
      anomaly(
        'listing-empty',
        `the registry lists no version; serving ${this.describe(s)} as before`,
      );
      return;
    }
    const policy = s.config.versionPolicy;
    const pins = policy === 'latest' ? undefined : new Set(policy.specific);
    // A pinned version stays while it is loaded, even when the listing no longer has it.
    for (const v of pins ?? []) {
      if (!committed.includes(v) && s.versions.has(v)) {
        anomaly(
          'pinned-version-missing',
          `pinned version ${v} is not in the registry listing; kept`,
        );
      }
    }
    const available = (v: number) =>
      committed.includes(v) || (pins?.has(v) === true && s.versions.has(v));
    const labels: Record<string, number> = {};
    const offer = (label: string, v: number | undefined) => {
      if (v === undefined || !available(v)) return;
      if (pins && !pins.has(v)) {
        anomaly(
          'label-outside-pins',
          `${label} → ${v} is not pinned (${[...pins].join(', ')}); ignored`,
        );
        return;
      }
      labels[label] = v;
    };
    for (const [label, v] of Object.entries(s.config.labels)) offer(label, v);
    for (const alias of s.config.aliases) offer(alias, await source.resolveAlias(name, alias));
    for (const [label, v] of Object.entries(s.pinnedLabels)) offer(label, v);
    // `latest` is the newest version not unloaded by an admin: unloading it rolls back.
    const latest = committed.filter((v) => !s.unloaded.has(v)).at(-1);
    const wanted = new Set<number>(
      pins ? [...pins].filter(available) : latest === undefined ? [] : [latest],
    );
    Object.values(labels).forEach((v) => wanted.add(v));
    s.unloaded.forEach((v) => wanted.delete(v));
    for (const v of s.versions.keys()) {
      if (!wanted.has(v) && !committed.includes(v)) {
        anomaly('version-removed', `version ${v} left the registry listing; unloading it`);
      }
    }

    const next = new Map<number, LoadedVersion>();
    for (const v of [...wanted].sort((a, b) => a - b)) {
      const current = s.versions.get(v);
      if (current) {
        next.set(v, current);
        continue;
      }
      try {
        next.set(v, await this.load(name, v));
      } catch (err) {
        this.deps.onLoadFailed?.(name, v, err instanceof Error ? err : new Error(String(err)));
      }
    }
    // A failed load must not take the last working version out of service.
    if (next.size === 0 && s.versions.size > 0 && wanted.size > 0) return;
    const previous = s.versions;
    s.versions = next; // the atomic switch: new requests see only the new map
    s.labels = labels;
    const chosen = defaultVersion(s.config, labels, pins, latest);
    // Under `latest`, a newest version that failed to load leaves the previous default serving.
    s.defaultVersion =
      !pins && chosen !== undefined && !next.has(chosen) && next.has(s.defaultVersion ?? -1)
        ? s.defaultVersion
        : chosen;
    for (const [v, old] of previous) if (!next.has(v)) old.retire();
    const changed = previous.size !== next.size || [...next.keys()].some((v) => !previous.has(v));
    if (changed) this.deps.onVersionsChanged?.(name, [...next.keys()]);
  }

  private describe(s: ModelState): string {
    const loaded = [...s.versions.keys()];
    return loaded.length
      ? `version${loaded.length > 1 ? 's' : ''} ${loaded.join(', ')}`
      : 'nothing';
  }

  private async load(name: string, version: number): Promise<LoadedVersion> {
    const { source, cacheDir } = this.deps;
    const started = performance.now();
    const metadata = await source.getMetadata(name, version);
    const files: Record<string, Uint8Array> = {};
    for (const file of Object.keys(metadata.files)) {
      files[file] = new Uint8Array(await source.readFile(name, version, file));
    }
    let localDir: string | undefined;
    if (metadata.format === 'tf-saved-model') {
      // tf.node.loadSavedModel reads from disk: materialise the version there, send no bytes.
      localDir = path.join(cacheDir, name, String(version));
      for (const [file, bytes] of Object.entries(files)) {
        await fs.mkdir(path.dirname(path.join(localDir, file)), { recursive: true });
        await fs.writeFile(path.join(localDir, file), bytes);
        delete files[file];
      }
    }
    const detector = await this.deps.engine.load(name, version, {
      format: metadata.format,
      entry: metadata.entry,
      inputDtype: metadata.signature.inputs[0]?.dtype,
      processing: metadata.processing,
      files,
      localDir,
      compileDir: this.deps.compileGraphModels ? path.join(cacheDir, 'compiled') : undefined,
    });
    this.deps.onLoaded?.(name, version, (performance.now() - started) / 1000, detector.execution);
    return new LoadedVersion(name, version, metadata, detector);
  }
}

const PRIMARY_LABELS = ['stable', 'production'];

/** The version answering unpinned requests: the config's `default`, one pin, or under `latest`
 * the stable/production label, else the latest version. Never "the highest loaded". */
function defaultVersion(
  config: ServedModelConfig,
  labels: Readonly<Record<string, number>>,
  pins: ReadonlySet<number> | undefined,
  latest: number | undefined,
): number | undefined {
  if (typeof config.default === 'number') return config.default;
  if (typeof config.default === 'string') return labels[config.default];
  if (pins) return pins.size === 1 ? [...pins][0] : undefined;
  return PRIMARY_LABELS.map((l) => labels[l]).find((v) => v !== undefined) ?? latest;
}
