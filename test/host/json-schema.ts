/**
 * A small JSON Schema checker for the keywords docs/host-snapshot.schema.json uses
 * (type, const, required, properties, additionalProperties: false, items, $ref to
 * #/$defs, pattern, maxLength, maxItems). Returns the problems found.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function checkSchema(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const visit = (schema: Schema, v: unknown, path: string) => {
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/$defs/', '');
      const def = (root.$defs as Record<string, Schema>)[name];
      if (!def) throw new Error(`unknown $ref ${schema.$ref}`);
      visit(def, v, path);
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      const t = typeOf(v);
      if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) problems.push(`${path}: ${t} is not ${types.join('/')}`);
    }
    if ('const' in schema && v !== schema.const) problems.push(`${path}: not ${JSON.stringify(schema.const)}`);
    if (typeof v === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(v)) problems.push(`${path}: ${JSON.stringify(v)} does not match ${schema.pattern}`);
      if (typeof schema.maxLength === 'number' && v.length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
      if (schema.items) v.forEach((x, i) => visit(schema.items as Schema, x, `${path}[${i}]`));
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in o)) problems.push(`${path}: missing ${r}`);
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const [k, x] of Object.entries(o)) {
        if (props[k]) visit(props[k], x, `${path}.${k}`);
        else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${k}`);
      }
    }
  };
  visit(root, value, '$');
  return problems;
}
