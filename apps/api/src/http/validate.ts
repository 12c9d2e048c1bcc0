// Input validation with the shared zod schemas: a failure becomes a 400 whose message names every
// failing field path (and lists them in error.details), and nothing is written.
import type { z } from "zod";
import { AppError, type ErrorDetail } from "./errors.ts";

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[") : "(body)";
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => `Property '${k}' does not exist on this resource.`).join(" ");
  }
  return issue.message;
}

export function validationError(error: z.ZodError, what = "request body"): AppError {
  const details: ErrorDetail[] = error.issues.map((issue) => ({
    code: "InvalidField",
    target: issue.code === "unrecognized_keys" && issue.path.length === 0 ? issue.keys.join(",") : pathOf(issue),
    message: describe(issue),
  }));
  const summary = details.map((d) => `${d.target}: ${d.message}`).join("; ");
  return new AppError("badRequest", `Invalid ${what}. ${summary}`, { details });
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== "object") {
    throw new AppError("badRequest", "The request body must be a JSON object.", {
      details: [{ code: "InvalidField", target: "(body)", message: "Expected a JSON object." }],
    });
  }
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}
