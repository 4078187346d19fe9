// Small typed builders for Grafana dashboard JSON (schemaVersion 39): time-series and stat panels
// laid out on a 24-column grid, every query against the provisioned Prometheus data source.

export interface Target {
  readonly expr: string;
  readonly legend?: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly targets: readonly Target[];
  readonly unit?: string;
  readonly kind?: 'timeseries' | 'stat';
  /** Width in grid columns (24 = full row). @default 12 */
  readonly width?: number;
}

export const DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly Record<string, unknown>[];
  readonly [key: string]: unknown;
}

export function dashboard(uid: string, title: string, specs: readonly PanelSpec[]): Dashboard {
  let x = 0;
  let y = 0;
  const panels = specs.map((spec, i) => {
    const w = spec.width ?? 12;
    if (x + w > 24) {
      x = 0;
      y += 8;
    }
    const gridPos = { x, y, w, h: 8 };
    x += w;
    return {
      id: i + 1,
      type: spec.kind ?? 'timeseries',
      title: spec.title,
      datasource: DATASOURCE,
      gridPos,
      fieldConfig: { defaults: { unit: spec.unit ?? 'short' }, overrides: [] },
      targets: spec.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        datasource: DATASOURCE,
        expr: t.expr,
        legendFormat: t.legend ?? '__auto',
      })),
    };
  });
  return {
    uid,
    title,
    tags: ['mlops-stack'],
    timezone: 'utc',
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [] },
    panels,
  };
}
