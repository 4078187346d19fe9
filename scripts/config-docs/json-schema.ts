// Turns a zod schema into documentation rows (path, type, default, description) through zod's
// JSON Schema export: nested objects become dotted paths, arrays `[]`, discriminated unions one
// group of rows per `kind`.
import { z } from 'zod';

export interface Row {
  readonly path: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

export type Node = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Node[];
  oneOf?: Node[];
  items?: Node;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  required?: string[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
};

/** Input mode shows what may be omitted; output mode keeps defaults that sit behind a preprocess. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Node {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Node;
}

/** Rows of the input schema, with defaults the input mode cannot show taken from the output. */
export function documentRows(schema: z.ZodType, prefix: string, required: boolean): Row[] {
  const output = new Map(
    flatten(jsonSchemaOf(schema, 'output'), prefix).map((r) => [r.path, r.default]),
  );
  return flatten(jsonSchemaOf(schema), prefix, required).map((r) => {
    const fallback = output.get(r.path);
    const missing = r.default === '' || r.default === 'required';
    return missing && fallback && fallback !== 'required' ? { ...r, default: fallback } : r;
  });
}

/** A compact type: `integer ≥ 1`, `"a" \| "b"`, `string[]`, `map of string`. */
export function typeOf(node: Node): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  const union = node.anyOf ?? node.oneOf;
  if (union) return union.map(typeOf).join(' | ');
  if (node.type === 'array') return `${node.items ? typeOf(node.items) : 'any'}[]`;
  if (node.type === 'object' && !node.properties && typeof node.additionalProperties === 'object')
    return `map of ${typeOf(node.additionalProperties)}`;
  const base = Array.isArray(node.type) ? node.type.join(' | ') : (node.type ?? 'any');
  // zod's int() bounds are the safe-integer range: not worth printing.
  const bound = (v: number | undefined) =>
    v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;
  const [lo, hi] = [bound(node.minimum), bound(node.maximum)];
  if (lo !== undefined && hi !== undefined) return `${base} ${lo}–${hi}`;
  if (lo !== undefined) return `${base} ≥ ${lo}`;
  return base;
}

const isObject = (n: Node) => n.type === 'object' && n.properties !== undefined;

/** Rows for every leaf under `node`, paths prefixed with `prefix`. */
export function flatten(node: Node, prefix: string, required = true): Row[] {
  const union = node.oneOf ?? node.anyOf;
  if (union && union.every(isObject)) {
    const own: Row[] =
      node.default !== undefined || node.description ? [row(prefix, 'object', node, required)] : [];
    return [
      ...own,
      ...union.flatMap((member) => {
        const kind = member.properties?.kind?.const;
        const label = kind === undefined ? prefix : `${prefix} (kind=${String(kind)})`;
        return flatten({ ...member, default: undefined, description: undefined }, label);
      }),
    ];
  }
  if (isObject(node)) {
    const own: Row[] =
      node.default !== undefined || node.description ? [row(prefix, 'object', node, required)] : [];
    return [
      ...own,
      ...Object.entries(node.properties ?? {}).flatMap(([key, child]) =>
        flatten(child, `${prefix}.${key}`, (node.required ?? []).includes(key)),
      ),
    ];
  }
  if (node.type === 'array' && node.items && isObject(node.items))
    return [row(prefix, 'object[]', node, required), ...flatten(node.items, `${prefix}[]`)];
  return [row(prefix, typeOf(node), node, required)];
}

function row(path: string, type: string, node: Node, required: boolean): Row {
  const fallback = required ? 'required' : '';
  return {
    path,
    type,
    default: node.default === undefined ? fallback : JSON.stringify(node.default),
    description: node.description ?? '',
  };
}
