// Turns anything thrown into Graph's error body. Client mistakes become 4xx with a message naming the
// problem; only genuine server faults are 500 (and are logged).
import type { NextFunction, Request, Response } from "express";
import { AppError, errorBody, type ErrorFlavor } from "./errors.ts";
import { ODataError } from "../graph/odata/errors.ts";

function flavorOf(req: Request): ErrorFlavor {
  const p = req.originalUrl.toLowerCase();
  if (p.includes("/devicemanagement/")) return "intune";
  if (p.startsWith("/graph/")) return "directory";
  return "intune";
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ODataError) {
    return new AppError("badRequest", err.message, err.target ? { details: [{ code: "InvalidQueryOption", target: err.target, message: err.message }] } : {});
  }
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  if (e?.type === "entity.parse.failed") {
    return new AppError("badRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
  }
  if (e?.type === "entity.too.large") return new AppError("payloadTooLarge", "The request body is larger than the 1 MB this API accepts.");
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported") return new AppError("unsupportedMediaType", e.message ?? "Unsupported request encoding.");
  if (e?.code === "P2002") return new AppError("conflict", "Another object with the same value for a unique property already exists.");
  if (e?.code === "P2025") return new AppError("notFound", "The object does not exist.");
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) return new AppError("badRequest", e.message ?? "Bad request.");
  return new AppError("internal", "An internal server error occurred. The request id identifies it in the server log.");
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const appErr = toAppError(err);
  if (appErr.kind === "internal") console.error(`[${req.ctx?.requestId}] ${req.method} ${req.originalUrl}`, err);
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(appErr.headers)) res.setHeader(name, value);
  res.status(appErr.status).json(errorBody(appErr, flavorOf(req), req.ctx?.requestId ?? "", req.ctx?.clientRequestId));
}
