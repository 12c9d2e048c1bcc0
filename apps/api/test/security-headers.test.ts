// Transport hardening (issue 9 §3): security headers on every response (CSP with no 'unsafe-inline' for scripts,
// frame-ancestors 'none', X-Content-Type-Options, Referrer-Policy; HSTS only over https), the session cookie
// (HttpOnly, SameSite=Strict; Secure over https, including behind a proxy the server is told to trust), JWTs that
// are tampered, expired, unsigned (alg=none) or HMAC-signed with the public key refused, and body size limits
// answered with 413 in Graph's error body.
import request from "supertest";
import { decodeJwt, importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { createTestApp, DEMO, PASSWORD, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";
import { fillPath, fillTenant, routeTable, type TenantObjects } from "./route-table.ts";
import path from "node:path";
import { repoRoot } from "../src/paths.ts";
import type { Express } from "express";

let t: TestApp;
let token: string;
let objects: TenantObjects;
/** The same database behind an app told to trust one proxy hop (CERTLAB_TRUST_PROXY=loopback). */
let proxied: Express;

beforeAll(async () => {
  t = await createTestApp();
  const login = await request(t.app).post("/api/session").send({ username: users.admin.upn, password: PASSWORD });
  const cookie = login.headers["set-cookie"]![0]!.split(";")[0]!;
  token = (await request(t.app).post("/api/tokens").set("Cookie", cookie).set("X-CSRF-Token", login.body.csrfToken).send({ displayName: "headers" })).body.token;
  objects = await fillTenant(t, { Authorization: `Bearer ${token}` }, DEMO.contoso.tenantId, "contoso", DEMO.contoso.domain);
  proxied = createApp({ db: t.db, databaseUrl: t.databaseUrl, webRoot: path.join(repoRoot, ".tmp/no-web"), trustProxy: "loopback" });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function expectSecurityHeaders(res: request.Response, what: string): void {
  const csp = String(res.headers["content-security-policy"] ?? "");
  const script = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("default-src"));
  expect(script, `${what}: CSP script-src`).toBeTruthy();
  expect(script, `${what}: CSP script-src`).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  expect(csp, `${what}: CSP frame-ancestors`).toMatch(/frame-ancestors 'none'/);
  expect(res.headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(res.headers["referrer-policy"], `${what}: Referrer-Policy`).toMatch(/^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/);
  expect(res.headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
}

describe("security headers", () => {
  it("are on every response: every GET route of the route tables, errors, 401s, 404s, 413s, docs and CORS preflights", { timeout: 60_000 }, async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const gets = routeTable().filter((r) => r.method === "GET");
    expect(gets.length).toBeGreaterThan(60);
    for (const r of gets) expectSecurityHeaders(await request(t.app).get(fillPath(r.path, objects)).set(auth), `GET ${r.path}`);
    const others: [string, request.Test][] = [
      ["401", request(t.app).get(`${GRAPH}/me`)],
      ["400 unknown segment", request(t.app).get(`${GRAPH}/nope`).set(auth)],
      ["404 lab API", request(t.app).get("/api/nope").set(auth)],
      ["404 outside the APIs", request(t.app).get("/nothing-here")],
      ["413", request(t.app).post(`${GRAPH}/groups`).set(auth).set("Content-Type", "application/json").send(JSON.stringify({ displayName: "x".repeat(1_100_000) }))],
      ["token endpoint error", request(t.app).post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send({ grant_type: "password" })],
      ["docs", request(t.app).get("/docs/getting-started.md")],
      ["OPTIONS", request(t.app).options(`${GRAPH}/users`)],
      ["sign-in", request(t.app).post("/api/session").send({ username: users.reader.upn, password: PASSWORD })],
    ];
    for (const [what, req] of others) expectSecurityHeaders(await req, what);
  });

  it("HSTS only over https: never on plain http, nor for an X-Forwarded-Proto the server doesn't trust; yes behind a trusted proxy", async () => {
    expect((await request(t.app).get("/api/healthz")).headers["strict-transport-security"]).toBeUndefined();
    expect((await request(t.app).get("/api/healthz").set("X-Forwarded-Proto", "https")).headers["strict-transport-security"]).toBeUndefined();
    const hsts = (await request(proxied).get("/api/healthz").set("X-Forwarded-Proto", "https")).headers["strict-transport-security"];
    expect(hsts).toMatch(/^max-age=(\d+); includeSubDomains$/);
    expect(Number(hsts!.match(/max-age=(\d+)/)![1])).toBeGreaterThanOrEqual(15_552_000);
    expect((await request(proxied).get("/api/healthz")).headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("the session cookie", () => {
  const cookieOf = (res: request.Response) => (res.headers["set-cookie"] as unknown as string[] | undefined)?.find((c) => c.startsWith("certlab_session="));

  it("is HttpOnly and SameSite=Strict, without Secure on plain http (it would never come back)", async () => {
    const c = cookieOf(await request(t.app).post("/api/session").send({ username: users.reader.upn, password: PASSWORD }))!;
    expect(c).toMatch(/; HttpOnly/);
    expect(c).toMatch(/; SameSite=Strict/);
    expect(c).not.toMatch(/; Secure/);
    // A client claiming https itself doesn't get a Secure cookie either (nor anything else that trusts it).
    expect(cookieOf(await request(t.app).post("/api/session").set("X-Forwarded-Proto", "https").send({ username: users.reader.upn, password: PASSWORD }))).not.toMatch(/; Secure/);
  });

  it("is Secure behind a trusted proxy that terminated https", async () => {
    const c = cookieOf(await request(proxied).post("/api/session").set("X-Forwarded-Proto", "https").send({ username: users.reader.upn, password: PASSWORD }))!;
    expect(c).toMatch(/; Secure/);
    expect(c).toMatch(/; HttpOnly/);
    expect(c).toMatch(/; SameSite=Strict/);
    // Signing out clears it with the same attributes.
    const login = await request(proxied).post("/api/session").set("X-Forwarded-Proto", "https").send({ username: users.reader.upn, password: PASSWORD });
    const out = await request(proxied).delete("/api/session").set("X-Forwarded-Proto", "https").set("Cookie", cookieOf(login)!.split(";")[0]!).set("X-CSRF-Token", login.body.csrfToken);
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/Max-Age=0.*Secure|Secure.*Max-Age=0/);
  });
});

describe("access tokens (JWT) the server did not issue as they are", () => {
  it("tampered, expired, alg=none and HS256-with-the-public-key tokens are 401 in Graph's body; the genuine one works", async () => {
    const grant = await request(t.app).post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form")
      .send({ grant_type: "password", client_id: "14d82eec-204b-4c2f-b7e8-296a70dab67e", username: users.reader.upn, password: PASSWORD, scope: "https://graph.microsoft.com/.default" });
    expect(grant.status).toBe(200);
    const jwt = grant.body.access_token as string;
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const header = JSON.parse(Buffer.from(h, "base64url").toString()) as { kid: string };
    const claims = decodeJwt(jwt);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const me = (bearer: string) => request(t.app).get(`${GRAPH}/me`).set("Authorization", `Bearer ${bearer}`);

    expect((await me(jwt)).status).toBe(200);
    // The payload changed (Global Administrator's oid), the signature kept.
    expectGraphError(await me(`${h}.${b64({ ...claims, oid: users.admin.id })}.${s}`), 401);
    // One signature byte flipped.
    const sig = Buffer.from(s, "base64url");
    sig[10] = sig[10]! ^ 0xff;
    expectGraphError(await me(`${h}.${p}.${sig.toString("base64url")}`), 401);
    // Unsigned: alg "none" (with and without the kid), empty signature.
    expectGraphError(await me(`${b64({ alg: "none", typ: "JWT" })}.${p}.`), 401);
    expectGraphError(await me(`${b64({ alg: "none", typ: "JWT", kid: header.kid })}.${b64({ ...claims, oid: users.admin.id })}.`), 401);
    // Key confusion: HMAC-signed with the server's public key as the secret.
    const row = await t.db.signingKey.findUniqueOrThrow({ where: { kid: header.kid } });
    const publicPem = Buffer.from(row.publicJwk);
    const hs = await new SignJWT({ ...claims, oid: users.admin.id }).setProtectedHeader({ alg: "HS256", kid: header.kid }).sign(publicPem);
    expectGraphError(await me(hs), 401);
    // Expired an hour ago, signed with the server's own key.
    const key = await importJWK(JSON.parse(row.privateJwk) as JWK, "RS256");
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }).setProtectedHeader({ alg: "RS256", kid: header.kid }).sign(key);
    expectGraphError(await me(expired), 401);
    // Not valid yet.
    const future = await new SignJWT({ ...claims, iat: now + 3600, nbf: now + 3600, exp: now + 7200 }).setProtectedHeader({ alg: "RS256", kid: header.kid }).sign(key);
    expectGraphError(await me(future), 401);
    // JWKS serves the public keys only: the private half never leaves the database.
    const jwks = (await request(t.app).get(`/${DEMO.contoso.tenantId}/discovery/v2.0/keys`)).body as { keys: JWK[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) expect(k.d).toBeUndefined();
    // The genuine token still works.
    expect((await me(jwt)).status).toBe(200);
  });
});

describe("request body size limits", () => {
  it("a JSON body over 1 MB is 413 in Graph's body on Graph and on the lab API, and writes nothing", async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const before = await t.db.group.count();
    const big = JSON.stringify({ displayName: "x".repeat(1_100_000), mailEnabled: false, mailNickname: "big", securityEnabled: true });
    expectGraphError(await request(t.app).post(`${GRAPH}/groups`).set(auth).set("Content-Type", "application/json").send(big), 413, { code: "Request_EntityTooLarge" });
    expectGraphError(await request(t.app).patch(`/api/lab/servers/${objects.server}/registry/mscep`).set(auth).set("Content-Type", "application/json").send(big), 413);
    expect(await t.db.group.count()).toBe(before);
  });

  it("a form body over 64 KB on the token endpoint is 413, not parsed", async () => {
    const res = await request(t.app).post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send(`grant_type=password&username=${"a".repeat(70_000)}`);
    expect(res.status).toBe(413);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
  });
});
