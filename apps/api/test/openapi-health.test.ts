// /api/healthz, /api/openapi.json and the security headers every response carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, users, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";

let t: TestApp;
let admin: Record<string, string>;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
});
afterAll(async () => {
  await t.close();
});

describe("GET /api/healthz", () => {
  it("answers ok with the database engine, without signing in", async () => {
    const res = await api().get("/api/healthz");
    expect(res.status).toBe(200);
    const engine = process.env.CERTLAB_TEST_DATABASE_URL ? "postgresql" : "sqlite";
    expect(res.body).toMatchObject({ status: "ok", database: engine });
  });
});

describe("GET /api/openapi.json", () => {
  type Doc = {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown }>>;
    components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  };
  let doc: Doc;
  beforeAll(async () => {
    const res = await api().get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    doc = res.body as Doc;
  });

  it("is an OpenAPI 3.1 document with the session and Graph user paths", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/session", "/graph/beta/users", "/api/tokens", "/api/rules", "/api/healthz"]));
    expect(Object.keys(doc.paths["/api/session"]!).sort()).toEqual(["delete", "get", "post"]);
    expect(Object.keys(doc.paths["/graph/beta/users"]!).sort()).toEqual(["get", "post"]);
    expect(doc.components?.securitySchemes).toHaveProperty("bearer");
  });

  it("is structurally valid: known methods, responses keyed by status, path parameters declared, every $ref resolves", () => {
    const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace", "parameters", "summary", "description"]);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith("/"), path).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(methods.has(method), `${path} ${method}`).toBe(true);
        if (typeof op !== "object" || !op.responses) continue;
        expect(Object.keys(op.responses).length, `${method} ${path} has responses`).toBeGreaterThan(0);
        for (const code of Object.keys(op.responses)) expect(code, `${method} ${path}`).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        const declared = ((op as { parameters?: { in: string; name: string }[] }).parameters ?? []).filter((p) => p.in === "path").map((p) => p.name).sort();
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        expect(declared, `${method} ${path} path parameters`).toEqual(templated);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\//);
      let node: unknown = doc;
      for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      expect(node, `unresolved ${ref}`).toBeDefined();
    }
  });

  it("describes request bodies with the same fields the API validates", () => {
    const body = JSON.stringify(doc.paths["/graph/beta/users"]!.post!.requestBody);
    for (const f of ["userPrincipalName", "passwordProfile", "mailNickname", "accountEnabled"]) expect(body).toContain(f);
  });
});

describe("security headers", () => {
  it("every answer (JSON, error, Graph) carries CSP and nosniff, and no X-Powered-By", async () => {
    const paths = ["/api/healthz", `${GRAPH}/users`, `${GRAPH}/users (signed in)`, "/api/session", "/nothing-here"];
    const answers = [
      await api().get("/api/healthz"),
      await api().get(`${GRAPH}/users`),
      await api().get(`${GRAPH}/users`).set(admin),
      await api().post("/api/session").send({ username: "x@y.z", password: "nope" }),
      await api().get("/nothing-here"),
    ];
    for (const res of answers.slice(0, 4)) expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    for (const [i, res] of answers.entries()) {
      const csp = res.headers["content-security-policy"] as string;
      expect(csp, paths[i]).toMatch(/default-src '(self|none)'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-powered-by"]).toBeUndefined();
      expect(res.headers["x-frame-options"]).toBeDefined();
      expect(res.headers["referrer-policy"]).toBeDefined();
    }
  });

  it("every answer carries a request-id", async () => {
    const a = await api().get("/api/healthz");
    const b = await api().get("/api/healthz");
    expect(a.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers["request-id"]).not.toBe(b.headers["request-id"]);
  });
});
