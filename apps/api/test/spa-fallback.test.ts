// The portal is served at every client-side route, starting with "/" (issue 8: README's http://localhost:3000/
// answered 404 "Cannot GET /"), the user docs at /docs/*.md, and /api and /graph paths keep their JSON answers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../src/app.ts";
import { createTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
let app: Express;
let webRoot: string;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  webRoot = mkdtempSync(path.join(os.tmpdir(), "certlab-web-"));
  writeFileSync(path.join(webRoot, "index.html"), "<!doctype html><title>Certlab</title><div id=root></div>");
  app = createApp({ db: t.db, databaseUrl: t.databaseUrl, webRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe("the SPA fallback", () => {
  it.each(["/", "/intune", "/guides/seed-000", "/lab/topology"])("GET %s answers the portal's index.html", async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.text).toContain('<div id=root>');
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it("leaves /api and /graph paths to the API's own JSON answers", async () => {
    const res = await request(app).get("/api/no-such-thing");
    // Unsigned: the API's 401 with Graph's error body, never the portal's page.
    expect(res.status).toBe(401);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.text).not.toContain("<div id=root>");
  });

  it("serves the user docs as plain text, and a missing doc is not the portal", async () => {
    const doc = await request(app).get("/docs/getting-started.md");
    expect(doc.status).toBe(200);
    expect(doc.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(doc.text).toMatch(/^# /);
    const missing = await request(app).get("/docs/no-such-doc.md");
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain("<div id=root>");
  });
});
