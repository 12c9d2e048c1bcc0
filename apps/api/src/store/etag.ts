// ETags for entities (graph-surface.md "Beyond Graph"): W/"<version>". If-Match with a stale value → 412.
import { AppError } from "../http/errors.ts";

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** Throws 412 unless If-Match is absent, "*", or names the current version. */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (!ifMatch || ifMatch.trim() === "*") return;
  const wanted = ifMatch.split(",").map((t) => t.trim().replace(/^W\//, "").replace(/"/g, ""));
  if (!wanted.includes(String(version))) {
    throw new AppError("preconditionFailed", `The resource has been modified since it was read: If-Match ${ifMatch} does not match the current ETag ${etagOf(version)}.`);
  }
}

export const concurrentChange = () =>
  new AppError("preconditionFailed", "The resource was modified by another request while this change was being applied. Read it again and retry.");
