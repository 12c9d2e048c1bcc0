// One error type for the whole API. A code maps to an HTTP status and to the error code Graph would
// send for that kind of resource (directory objects use Request_* / Authorization_*, Intune resources
// BadRequest / ResourceNotFound — graph-reference.md §1.4). Every body is Graph's error body.
export type ErrorKind =
  | "badRequest"
  | "unauthenticated"
  | "forbidden"
  | "notFound"
  | "methodNotAllowed"
  | "conflict"
  | "preconditionFailed"
  | "payloadTooLarge"
  | "unsupportedMediaType"
  | "tooManyRequests"
  | "internal";

export type ErrorFlavor = "directory" | "intune" | "generic";

export interface ErrorDetail {
  code: string;
  target: string;
  message: string;
}

const STATUS: Record<ErrorKind, number> = {
  badRequest: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  preconditionFailed: 412,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  tooManyRequests: 429,
  internal: 500,
};

const CODES: Record<ErrorFlavor, Record<ErrorKind, string>> = {
  directory: {
    badRequest: "Request_BadRequest",
    unauthenticated: "InvalidAuthenticationToken",
    forbidden: "Authorization_RequestDenied",
    notFound: "Request_ResourceNotFound",
    methodNotAllowed: "Request_BadRequest",
    conflict: "Request_BadRequest",
    preconditionFailed: "Request_PreconditionFailed",
    payloadTooLarge: "Request_EntityTooLarge",
    unsupportedMediaType: "Request_UnsupportedMediaType",
    tooManyRequests: "Request_ThrottledTemporarily",
    internal: "Service_InternalServerError",
  },
  intune: {
    badRequest: "BadRequest",
    unauthenticated: "InvalidAuthenticationToken",
    forbidden: "Forbidden",
    notFound: "ResourceNotFound",
    methodNotAllowed: "BadRequest",
    conflict: "Conflict",
    preconditionFailed: "PreconditionFailed",
    payloadTooLarge: "RequestEntityTooLarge",
    unsupportedMediaType: "UnsupportedMediaType",
    tooManyRequests: "TooManyRequests",
    internal: "InternalError",
  },
  generic: {
    badRequest: "invalidRequest",
    unauthenticated: "unauthenticated",
    forbidden: "accessDenied",
    notFound: "itemNotFound",
    methodNotAllowed: "notSupported",
    conflict: "nameAlreadyExists",
    preconditionFailed: "resourceModified",
    payloadTooLarge: "invalidRequest",
    unsupportedMediaType: "invalidRequest",
    tooManyRequests: "activityLimitReached",
    internal: "generalException",
  },
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorDetail[];
  readonly codeOverride: string | undefined;
  /** Response headers the answer needs (Retry-After on a 429). */
  readonly headers: Record<string, string>;

  constructor(kind: ErrorKind, message: string, opts: { details?: ErrorDetail[]; code?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.kind = kind;
    this.details = opts.details ?? [];
    this.codeOverride = opts.code;
    this.headers = opts.headers ?? {};
  }

  get status(): number {
    return STATUS[this.kind];
  }

  code(flavor: ErrorFlavor): string {
    return this.codeOverride ?? CODES[flavor][this.kind];
  }
}

export const notFound = (id: string) =>
  new AppError("notFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const badRequest = (message: string, details?: ErrorDetail[]) => new AppError("badRequest", message, { details });

/** Graph's innerError date: ISO without fractional seconds and without the Z (graph-reference.md §1.4). */
export function graphErrorDate(d = new Date()): string {
  return d.toISOString().slice(0, 19);
}

export function errorBody(err: AppError, flavor: ErrorFlavor, requestId: string, clientRequestId: string | undefined) {
  return {
    error: {
      code: err.code(flavor),
      message: err.message,
      ...(err.details.length ? { details: err.details } : {}),
      innerError: {
        date: graphErrorDate(),
        "request-id": requestId,
        "client-request-id": clientRequestId ?? requestId,
      },
    },
  };
}
