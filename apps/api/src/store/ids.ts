import { AppError, notFound } from "../http/errors.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The object id at the end of an @odata.id URL (…/directoryObjects/{id}, …/users('{id}'), …/groups/{id}). */
export function idFromODataUrl(url: string): string {
  const trimmed = url.replace(/\/\$ref$/, "").replace(/\/+$/, "");
  const m = trimmed.match(/\(\s*'?([^')]+)'?\s*\)$/) ?? trimmed.match(/\/([^/]+)$/);
  const id = m?.[1];
  if (!id) throw new AppError("badRequest", `Invalid object identifier '${url}'.`);
  return decodeURIComponent(id);
}

export function requireGuid(id: string): string {
  if (!isGuid(id)) throw notFound(id);
  return id.toLowerCase();
}
