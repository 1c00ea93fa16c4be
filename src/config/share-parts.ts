// At most this many distinct parts are remembered; past it, new parts are simply not shared.
const MAX_PARTS = 10_000;
const parts = new Map<string, object>();

/**
 * `series` with each nested object and array replaced by a stored one of equal content, shared
 * by every config that has it. The app keeps every installed repo's config in memory, and most of
 * a config is defaults and settings many repos have alike (agenda rules, carry-over sections,
 * label lists, rotations): a validated copy cost each repo about 2 KB; sharing leaves a few
 * hundred bytes (docs/PERFORMANCE.md). Shared parts are frozen, so no repo can change another's.
 * The object itself stays the caller's own.
 */
export function shareParts<T extends object>(series: T): T {
  const own = { ...series } as Record<string, unknown>;
  for (const [key, value] of Object.entries(own)) own[key] = shared(value).value;
  return own as T;
}

/** The shared equal of `value`, and its content key: JSON text, or undefined when JSON cannot tell it apart (undefined, NaN, a class instance…). */
function shared(value: unknown): { value: unknown; key: string | undefined } {
  if (value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
    return { value, key: JSON.stringify(value) };
  }
  const isArray = Array.isArray(value);
  if (typeof value !== "object" || (!isArray && Object.getPrototypeOf(value) !== Object.prototype)) return { value, key: undefined };

  let keyed = true;
  let copy: unknown[] | Record<string, unknown>;
  let key: string;
  if (isArray) {
    const inner = (value as unknown[]).map(shared);
    keyed = inner.every((part) => part.key !== undefined);
    copy = inner.map((part) => part.value);
    key = `[${inner.map((part) => part.key).join(",")}]`;
  } else {
    const entries = Object.entries(value as Record<string, unknown>).map(([name, inner]) => [name, shared(inner)] as const);
    keyed = entries.every(([, part]) => part.key !== undefined);
    copy = Object.fromEntries(entries.map(([name, part]) => [name, part.value]));
    key = `{${entries.map(([name, part]) => `${JSON.stringify(name)}:${part.key}`).join(",")}}`;
  }
  if (!keyed) return { value: copy, key: undefined };
  const known = parts.get(key);
  if (known) return { value: known, key };
  if (parts.size < MAX_PARTS) parts.set(key, Object.freeze(copy));
  return { value: copy, key };
}
