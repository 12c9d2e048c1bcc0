import type { PropKind } from "./types";

/** The kind a comparison is done as; undefined = infer from the runtime values. */
export type CompareKind = PropKind | undefined;

type Normalized = { t: "string"; v: string } | { t: "number"; v: number } | { t: "boolean"; v: boolean };

export function isNullish(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function flagsKey(v: unknown): string {
  const parts = Array.isArray(v) ? v.map(String) : String(v).split(",");
  return [...new Set(parts.map((p) => p.trim().toLowerCase()).filter((p) => p !== ""))].sort().join(",");
}

function normalize(v: unknown, kind: CompareKind, caseInsensitive: boolean): Normalized | undefined {
  switch (kind) {
    case "guid":
    case "enum":
      return { t: "string", v: String(v).toLowerCase() };
    case "flags":
      return { t: "string", v: flagsKey(v) };
    case "datetime": {
      const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(String(v));
      return Number.isNaN(ms) ? undefined : { t: "number", v: ms };
    }
    case "number": {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      return Number.isNaN(n) ? undefined : { t: "number", v: n };
    }
    case "boolean":
      return typeof v === "boolean" ? { t: "boolean", v } : undefined;
    case "string":
      return { t: "string", v: caseInsensitive ? String(v).toLowerCase() : String(v) };
    default:
      if (typeof v === "number") return { t: "number", v };
      if (typeof v === "boolean") return { t: "boolean", v };
      if (typeof v === "string") return { t: "string", v: caseInsensitive ? v.toLowerCase() : v };
      return undefined;
  }
}

/**
 * Order two non-null scalar values as `kind`; undefined when they cannot be compared (different runtime types,
 * unparseable dates). Strings compare case-insensitively when `caseInsensitive`; guids and enums always do;
 * flags compare as sets of member names.
 */
export function compareScalars(a: unknown, b: unknown, kind: CompareKind, caseInsensitive: boolean): number | undefined {
  const na = normalize(a, kind, caseInsensitive);
  const nb = normalize(b, kind, caseInsensitive);
  if (!na || !nb || na.t !== nb.t) return undefined;
  if (na.v === nb.v) return 0;
  return na.v < nb.v ? -1 : 1;
}

/** Equality as OData's eq: null equals only null. */
export function valuesEqual(a: unknown, b: unknown, kind: CompareKind, caseInsensitive: boolean): boolean {
  if (isNullish(a) || isNullish(b)) return isNullish(a) && isNullish(b);
  return compareScalars(a, b, kind, caseInsensitive) === 0;
}

/** Total order for $orderby (ascending): nulls first, then values; incomparable values keep their order. */
export function sortCompare(a: unknown, b: unknown, kind: CompareKind, caseInsensitive: boolean): number {
  const an = isNullish(a);
  const bn = isNullish(b);
  if (an || bn) return an === bn ? 0 : an ? -1 : 1;
  return compareScalars(a, b, kind, caseInsensitive) ?? 0;
}
