// Text no database column can hold: U+0000 (PostgreSQL's text type refuses it) and unpaired UTF-16 surrogates
// (no UTF-8 encoding exists, so the database driver fails on them). A client that sends either gets a 400 naming
// where it was (the path, the query option, or the body field), before any handler runs; never a 5xx.
import type { NextFunction, Request, Response } from "express";
import { AppError, type ErrorDetail } from "./errors.ts";

// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const problem = (s: string) => (s.includes("\u0000") ? "contains a NUL character (U+0000)" : "contains an unpaired UTF-16 surrogate");

/** The first place in a parsed JSON value (or query object) holding unsafe text, as a field path. */
function findUnsafe(value: unknown, path: string, depth = 0): ErrorDetail | undefined {
  if (typeof value === "string") return UNSAFE.test(value) ? { code: "InvalidValue", target: path || "(body)", message: `The value ${problem(value)}.` } : undefined;
  if (!value || typeof value !== "object" || depth > 512) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafe(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (UNSAFE.test(k)) return { code: "InvalidField", target: path || "(body)", message: `A property name ${problem(k)}.` };
    const hit = findUnsafe(v, path ? `${path}.${k}` : k, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

export function rejectUnsafeText(req: Request, _res: Response, next: NextFunction): void {
  let decodedPath = req.path;
  try {
    decodedPath = decodeURIComponent(req.path);
  } catch {
    // a broken percent-encoding is answered by the router (400)
  }
  if (UNSAFE.test(decodedPath)) {
    throw new AppError("badRequest", `The request URL ${problem(decodedPath)}.`, { details: [{ code: "InvalidValue", target: "(url)", message: `The path ${problem(decodedPath)}.` }] });
  }
  const inQuery = findUnsafe(req.query, "");
  if (inQuery) throw new AppError("badRequest", `Invalid query option '${inQuery.target}': ${inQuery.message}`, { details: [inQuery] });
  const inBody = findUnsafe(req.body, "");
  if (inBody) throw new AppError("badRequest", `Invalid request body. ${inBody.target}: ${inBody.message}`, { details: [inBody] });
  next();
}
