/**
 * Decodes Stripe's `application/x-www-form-urlencoded` request bodies, where
 * nested parameters are written with brackets: `metadata[kind]=ticket`,
 * `line_items[0][price_data][unit_amount]=1500`. Returns nested plain objects;
 * objects whose keys are all integers become arrays. Values stay strings.
 * Source: https://docs.stripe.com/api/request_ids , stripe-node's encoder.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Parses a form-encoded body into nested objects/arrays of strings. */
export function parseFormBody(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = keyPath(rawKey);
    let node: Record<string, FormValue> = root;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[segment] = {};
      node = node[segment] as Record<string, FormValue>;
    });
  }
  return arrayify(root) as Record<string, FormValue>;
}

function keyPath(key: string): string[] {
  const first = key.indexOf("[");
  if (first < 0) return [key];
  const head = key.slice(0, first);
  const rest = [...key.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "");
  return [head, ...rest];
}

function arrayify(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, arrayify(value[k] as FormValue)] as const);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}
