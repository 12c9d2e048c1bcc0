// Graph response shaping shared by every Graph route: @odata.context, OData collections with paging,
// entities with ETags, and $select on single entities.
import type { Request, Response } from "express";
import { ODataError, applyODataQuery, applySelect, nextLinkFor, pageLengthOf, parseODataQuery, type EntityTypeInfo, type ODataQuery } from "./odata/index.ts";
import { originOf } from "../http/context.ts";
import { etagOf } from "../store/etag.ts";
import { StampedCache } from "../db/stamped-cache.ts";

export type GraphVersion = "v1.0" | "beta";

export function graphVersion(req: Request): GraphVersion {
  return req.baseUrl.endsWith("/v1.0") ? "v1.0" : "beta";
}

/** e.g. http://localhost:3000/graph/beta */
export function graphRoot(req: Request): string {
  return `${originOf(req)}/graph/${graphVersion(req)}`;
}

export function contextUrl(req: Request, fragment: string): string {
  return `${graphRoot(req)}/$metadata#${fragment}`;
}

export function parseQuery(req: Request, type: EntityTypeInfo): ODataQuery {
  const query = parseODataQuery(req.query as Record<string, unknown>, type);
  for (const e of query.expand ?? []) {
    if (type.navigationProperties && !type.navigationProperties.some((n) => n.toLowerCase() === e.property.toLowerCase())) {
      throw new ODataError(`Expanding '${e.property}' is not supported on type '${type.name}'.`, "$expand");
    }
  }
  if (query.search !== undefined) {
    throw new ODataError("Query option '$search' is not supported by Certlab; use $filter with startswith() instead.", "$search");
  }
  return query;
}

/**
 * Where a collection's items come from. `page` lets a plain request (no $filter, $orderby or $count)
 * read just one page from the database instead of the whole collection.
 */
export interface CollectionSource {
  all(): Promise<Record<string, unknown>[]>;
  page?(skip: number, take: number): Promise<Record<string, unknown>[]>;
}

/**
 * Serialized pages of plain collection requests (GET /users?$top=100, the hot path of every script that lists),
 * kept while the database is unchanged (db/stamped-cache.ts: any commit by any process makes them stale at once),
 * so a repeated page costs a data-version check instead of the query, the mapping and JSON.stringify. Keyed by the
 * caller (tenant and user) and the full request URL; at most 256 pages and 16 MB per process.
 */
const pages = new StampedCache<Buffer>({ maxEntries: 256, maxSize: 16 * 1024 * 1024 });

function sendJsonBytes(res: Response, bytes: Buffer): void {
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.send(bytes);
}

export async function sendSourcedCollection(
  req: Request,
  res: Response,
  source: CollectionSource,
  type: EntityTypeInfo,
  contextFragment: string,
): Promise<void> {
  const query = parseQuery(req, type);
  if (!source.page || query.filter || query.orderby?.length || query.count) {
    sendCollection(req, res, await source.all(), type, contextFragment, query);
    return;
  }
  const principal = req.ctx.principal;
  // Read when the request was authenticated, before the page is: a commit after it makes the entry stale, never
  // the answer.
  const stamp = principal ? req.ctx.dataVersion : undefined;
  const key = principal ? `${principal.tenantId}\n${principal.userId}\n${req.method}\n${originOf(req)}${req.originalUrl}` : "";
  const hit = pages.get(key, stamp);
  if (hit) {
    sendJsonBytes(res, hit);
    return;
  }
  const skip = query.skip ?? 0;
  const length = pageLengthOf(query, 100);
  const rows = await source.page(skip, length + 1);
  const keep = (query.expand ?? []).map((e) => e.property);
  const bytes = Buffer.from(JSON.stringify({
    "@odata.context": contextUrl(req, query.select ? `${contextFragment}(${query.select.join(",")})` : contextFragment),
    ...(rows.length > length ? { "@odata.nextLink": nextLinkFor(`${originOf(req)}${req.baseUrl}${req.path}`, query, skip + length) } : {}),
    value: rows.slice(0, length).map((row) => applySelect(row, query.select, keep)),
  }));
  pages.set(key, stamp, bytes, { size: bytes.length });
  sendJsonBytes(res, bytes);
}

/** A collection answer: filter/orderby/count/paging/select applied by the shared OData layer. */
export function sendCollection(
  req: Request,
  res: Response,
  items: Record<string, unknown>[],
  type: EntityTypeInfo,
  contextFragment: string,
  query: ODataQuery = parseQuery(req, type),
): void {
  const baseUrl = `${originOf(req)}${req.baseUrl}${req.path}`;
  const page = applyODataQuery(items, query, type, { baseUrl, pageSize: 100 });
  res.json({
    "@odata.context": contextUrl(req, query.select ? `${contextFragment}(${query.select.join(",")})` : contextFragment),
    ...(page.count !== undefined ? { "@odata.count": page.count } : {}),
    ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    value: page.value,
  });
}

/** A single entity: $select honoured, ETag header and @odata.etag when the entity is versioned. */
export function sendEntity(
  req: Request,
  res: Response,
  entity: Record<string, unknown>,
  type: EntityTypeInfo,
  contextFragment: string,
  opts: { status?: number; version?: number } = {},
): void {
  const query = parseQuery(req, type);
  const body: Record<string, unknown> = { "@odata.context": contextUrl(req, `${contextFragment}/$entity`) };
  if (opts.version !== undefined) {
    res.setHeader("ETag", etagOf(opts.version));
    body["@odata.etag"] = etagOf(opts.version);
  }
  res.status(opts.status ?? 200).json({ ...body, ...applySelect(entity, query.select) });
}

export function ifMatch(req: Request): string | undefined {
  return req.get("if-match") ?? undefined;
}
