// The one fetch wrapper: same-origin cookies, the CSRF header on every write, Graph error bodies turned into
// ApiError, and a 401 handed to the app (which sends the user to /signin).

/** An error answer from the API or Graph: `{"error":{"code","message","innerError":{…}}}`. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { code: string; target: string; message: string }[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

let csrfToken = "";
let onUnauthorized: (() => void) | undefined;

/** Remembered from the session; sent as X-CSRF-Token on every non-GET request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

type Json = Record<string, unknown> | unknown[];

export type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: Json;
  /** Don't call the 401 handler (the sign-in and session probes handle 401 themselves). */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
  /** The ETag the change was made against (W/"<version>"): the API answers 412 if the object moved on since. */
  ifMatch?: string;
};

/** Reads a Graph error body; anything else becomes a generic error naming the status. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (err && typeof err === "object" && typeof err.message === "string") {
    const inner = err.innerError as Record<string, unknown> | undefined;
    return new ApiError(
      res.status,
      typeof err.code === "string" ? err.code : "UnknownError",
      err.message,
      Array.isArray(err.details) ? (err.details as ApiError["details"]) : [],
      typeof inner?.["request-id"] === "string" ? (inner["request-id"] as string) : undefined,
    );
  }
  return new ApiError(res.status, "UnknownError", `The request failed with HTTP ${res.status} ${res.statusText}`.trim());
}

export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  const res = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !options.allowUnauthenticated) onUnauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A Graph path under /graph/beta (the portals use beta, as the real ones do). */
export function graph(path: string): string {
  return `/graph/beta${path}`;
}

/** `@odata.nextLink` is absolute; fetch it relative so a dev proxy or another host name keeps working. */
export function sameOriginPath(link: string): string {
  const u = new URL(link, window.location.origin);
  return u.pathname + u.search;
}

/** The `@odata.id` of a directory object, as Graph's $ref bodies want it. */
export function directoryObjectRef(id: string): string {
  return `${window.location.origin}/graph/beta/directoryObjects/${id}`;
}

/** OData string literal: quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
