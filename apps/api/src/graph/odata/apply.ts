import { sortCompare } from "./compare";
import { formatFilter } from "./filter-format";
import { matchesFilter, readPath } from "./filter-eval";
import { applySelect } from "./select";
import type { EntityTypeInfo, ODataQuery, PropKind } from "./types";

export const DEFAULT_PAGE_SIZE = 100;

/** The declared kind of an $orderby path ("a/b"), undefined when not described. */
function kindOfPath(type: EntityTypeInfo, path: string[]): PropKind | undefined {
  let current: EntityTypeInfo | undefined = type;
  let kind: PropKind | undefined;
  for (const seg of path) {
    if (!current) return undefined;
    kind = current.properties[seg];
    current = current.nested?.[seg];
  }
  return kind;
}

function serializeOptions(q: ODataQuery, skip: number): string {
  const raw = q.raw ?? {};
  const filter = raw.filter ?? (q.filter ? formatFilter(q.filter) : undefined);
  const select = raw.select ?? q.select?.join(",");
  const expand = raw.expand ?? q.expand?.map((e) => (e.select ? `${e.property}($select=${e.select.join(",")})` : e.property)).join(",");
  const orderby = raw.orderby ?? q.orderby?.map((o) => `${o.property} ${o.direction}`).join(",");
  const search = raw.search ?? q.search;
  const count = raw.count ?? (q.count === undefined ? undefined : String(q.count));
  const top = raw.top ?? (q.top === undefined ? undefined : String(q.top));
  const parts: [string, string | undefined][] = [
    ["$filter", filter], ["$select", select], ["$expand", expand], ["$orderby", orderby],
    ["$search", search], ["$count", count], ["$top", top], ["$skip", String(skip)],
  ];
  return parts
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
}

/**
 * Apply $filter, $orderby, $count, $skip/$top paging and $select to an in-memory collection.
 *
 * Paging follows Graph's directory behaviour: a page holds `$top` items when the client sent $top, otherwise
 * `pageSize` (default 100); when items remain after the page, `nextLink` is `baseUrl` plus the client's options
 * with $skip advanced past the page. `count` (only when $count=true) is the number of matches before paging.
 * $expand is the caller's job, but expanded properties survive $select. $search is ignored here.
 */
export function applyODataQuery<T extends Record<string, unknown>>(
  items: T[],
  q: ODataQuery,
  type: EntityTypeInfo,
  opts: { baseUrl: string; pageSize?: number },
): { value: Record<string, unknown>[]; count?: number; nextLink?: string } {
  const filter = q.filter;
  let rows: T[] = filter ? items.filter((item) => matchesFilter(filter, item, type)) : [...items];

  if (q.orderby && q.orderby.length > 0) {
    const ci = type.caseInsensitive !== false;
    const keys = q.orderby.map((o) => {
      const path = o.property.split("/");
      return { path, kind: kindOfPath(type, path), sign: o.direction === "desc" ? -1 : 1 };
    });
    // Array.prototype.sort is stable, so equal keys keep the collection's order.
    rows = rows.sort((a, b) => {
      for (const k of keys) {
        const c = sortCompare(readPath(a, k.path), readPath(b, k.path), k.kind, ci);
        if (c !== 0) return c * k.sign;
      }
      return 0;
    });
  }

  const total = rows.length;
  const skip = q.skip ?? 0;
  const pageLength = pageLengthOf(q, opts.pageSize);
  const page = rows.slice(skip, skip + pageLength);
  const keep = (q.expand ?? []).map((e) => e.property);

  const result: { value: Record<string, unknown>[]; count?: number; nextLink?: string } = {
    value: page.map((row) => applySelect(row, q.select, keep)),
  };
  if (q.count === true) result.count = total;
  if (skip + pageLength < total) result.nextLink = nextLinkFor(opts.baseUrl, q, skip + pageLength);
  return result;
}

/** The full URL of the page starting at `skip`: the client's options with $skip advanced. */
export function nextLinkFor(baseUrl: string, q: ODataQuery, skip: number): string {
  const sep = baseUrl.includes("?") ? "&" : "?";
  return `${baseUrl}${sep}${serializeOptions(q, skip)}`;
}

/** The number of items a page holds for this query. */
export function pageLengthOf(q: ODataQuery, pageSize = DEFAULT_PAGE_SIZE): number {
  return Math.max(1, q.top ?? pageSize);
}
