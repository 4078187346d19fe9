// Pure routing decisions: which loaded version answers a request (explicit version, label,
// weighted canary split, else the model's default version) and whether a request is mirrored to
// a shadow version.

export interface RouteRequest {
  readonly version?: number;
  readonly label?: string;
}

export interface RoutingState {
  /** Loaded versions, ascending. */
  readonly versions: readonly number[];
  /** label → version (config labels merged with registry aliases). */
  readonly labels: Readonly<Record<string, number>>;
  readonly canary?: { readonly label: string; readonly weight: number };
  readonly shadow?: { readonly label: string; readonly fraction: number };
  /** The version answering unpinned requests (resolved by the manager from the model config). */
  readonly defaultVersion?: number;
}

export type RouteResult =
  | {
      readonly ok: true;
      readonly version: number;
      readonly via: 'version' | 'label' | 'canary' | 'default';
    }
  | { readonly ok: false; readonly reason: string };

/** `random` is a number in [0, 1) (injected so tests are deterministic). */
export function routeVersion(state: RoutingState, req: RouteRequest, random: number): RouteResult {
  const loaded = (v: number | undefined): v is number =>
    v !== undefined && state.versions.includes(v);
  if (req.version !== undefined) {
    return loaded(req.version)
      ? { ok: true, version: req.version, via: 'version' }
      : { ok: false, reason: `version ${req.version} is not loaded` };
  }
  if (req.label !== undefined) {
    const v = state.labels[req.label];
    return loaded(v)
      ? { ok: true, version: v, via: 'label' }
      : { ok: false, reason: `label ${req.label} does not point at a loaded version` };
  }
  if (state.canary) {
    const v = state.labels[state.canary.label];
    if (loaded(v) && random < state.canary.weight) return { ok: true, version: v, via: 'canary' };
  }
  // Never "the highest loaded": only the default the config and the manager decided on.
  const version = state.defaultVersion;
  return loaded(version)
    ? { ok: true, version, via: 'default' }
    : { ok: false, reason: 'its default version is not loaded' };
}

/** The version to mirror this request to, if any (never the version that answers it). */
export function shadowVersion(
  state: RoutingState,
  servedVersion: number,
  random: number,
): number | undefined {
  if (!state.shadow) return undefined;
  const v = state.labels[state.shadow.label];
  if (v === undefined || v === servedVersion || !state.versions.includes(v)) return undefined;
  return random < state.shadow.fraction ? v : undefined;
}
