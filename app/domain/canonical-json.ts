// Canonical JSON: one spelling per value, so that the SHA-256 of a frozen evidence snapshot is the same
// whoever computes it and whenever. Object keys are sorted by code point at every depth, no whitespace
// is added, and values JSON cannot carry faithfully are refused rather than silently changed (undefined
// inside an object is dropped like JSON.stringify does; Dates must be turned into ISO strings first, so
// the caller decides the instant's spelling).

export type CanonicalValue = null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue | undefined };

function compareKeys(a: string, b: string): number {
  // Code-point order, not locale order: the result must not depend on the server's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical JSON text of a value; throws TypeError on NaN, Infinity, functions, Dates and the like. */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`Không thể đưa số ${value} vào JSON chuẩn tắc.`);
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError("Chỉ đối tượng thuần mới đưa được vào JSON chuẩn tắc.");
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => compareKeys(a, b));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`Không thể đưa giá trị kiểu ${typeof value} vào JSON chuẩn tắc.`);
  }
}
