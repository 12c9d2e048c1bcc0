// Assertions and small helpers shared by the API test files (what a script calling the API would check).
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Response } from "supertest";
import type { Db } from "../src/db/client.ts";

export const GRAPH = "/graph/beta";

/** Asserts Graph's error body: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}. */
export function expectGraphError(res: Response, status: number, opts: { code?: string; message?: string | RegExp } = {}): void {
  expect(res.status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.headers["content-type"]).toMatch(/application\/json/);
  const err = res.body?.error;
  expect(err, "Graph error body").toBeTruthy();
  expect(typeof err.code).toBe("string");
  expect(typeof err.message).toBe("string");
  expect(err.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(err.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof err.innerError["client-request-id"]).toBe("string");
  if (opts.code !== undefined) expect(err.code).toBe(opts.code);
  if (typeof opts.message === "string") expect(err.message).toContain(opts.message);
  else if (opts.message) expect(err.message).toMatch(opts.message);
}

/** The field paths a 400 names in error.details[].target. */
export function targetsOf(res: Response): string[] {
  return ((res.body?.error?.details ?? []) as { target: string }[]).map((d) => d.target);
}

/** Path + query of a full URL (an @odata.nextLink or a Location header), to follow it with supertest. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** A password-less user written straight to the database: fast, for volume (no scrypt). */
export async function insertUser(
  db: Db,
  tenantId: string,
  upn: string,
  fields: { displayName?: string; accountEnabled?: boolean; department?: string; jobTitle?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await db.user.create({
    data: {
      id,
      tenantId,
      userPrincipalName: upn.toLowerCase(),
      displayName: fields.displayName ?? upn.split("@")[0]!,
      accountEnabled: fields.accountEnabled ?? true,
      department: fields.department ?? null,
      jobTitle: fields.jobTitle ?? null,
    },
  });
  return id;
}

/** A strong password that satisfies Entra's complexity rule, unique per call. */
export function strongPassword(): string {
  return `Pw-${randomUUID().slice(0, 8)}-Aa1!`;
}

/** The body Graph requires for POST /users. */
export function newUserBody(alias: string, domain = "contoso.onmicrosoft.com", password = strongPassword()) {
  return {
    accountEnabled: true,
    displayName: `Test ${alias}`,
    mailNickname: alias.replace(/[^A-Za-z0-9]/g, ""),
    userPrincipalName: `${alias}@${domain}`,
    passwordProfile: { password, forceChangePasswordNextSignIn: false },
  };
}

export function newGroupBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    displayName: name,
    mailEnabled: false,
    mailNickname: name.replace(/[^A-Za-z0-9]/g, "").slice(0, 60) || "grp",
    securityEnabled: true,
    ...extra,
  };
}
