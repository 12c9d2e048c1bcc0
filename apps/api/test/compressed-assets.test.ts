// The built portal's scripts and styles are sent Brotli- or gzip-compressed to a browser that accepts it (issue 9,
// first load; apps/api/src/http/compressed-assets.ts), uncompressed to one that doesn't, and never outside assets/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, get as httpGet, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../src/app.ts";
import { pickEncoding } from "../src/http/compressed-assets.ts";
import { createTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
let app: Express;
let webRoot: string;
const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{"id":${i},"name":"row ${i}"}`).join(",")}];\n`;

let server: Server;

/** The bytes as sent (supertest and fetch would decompress them). */
function getRaw(url: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    httpGet({ host: "127.0.0.1", port, path: url, headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  webRoot = mkdtempSync(path.join(os.tmpdir(), "certlab-web-"));
  mkdirSync(path.join(webRoot, "assets"));
  writeFileSync(path.join(webRoot, "index.html"), "<!doctype html><title>Certlab</title><div id=root></div>");
  writeFileSync(path.join(webRoot, "assets", "index-abc123.js"), script);
  writeFileSync(path.join(webRoot, "secret.js"), "not an asset");
  app = createApp({ db: t.db, databaseUrl: t.databaseUrl, webRoot });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe("compressed portal assets", () => {
  it("sends Brotli when accepted, with the script's type, Vary and the security headers", async () => {
    const res = await getRaw("/assets/index-abc123.js", "gzip, deflate, br");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["vary"]).toBe("Accept-Encoding");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const body = res.body;
    expect(body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(body).toString("utf8")).toBe(script);
  });

  it("sends gzip to a client without Brotli, and the plain file to one that accepts neither", async () => {
    const gz = await getRaw("/assets/index-abc123.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString("utf8")).toBe(script);
    const plain = await getRaw("/assets/index-abc123.js", "identity");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(script);
  });

  it("leaves a missing asset and a path out of assets/ to express.static (nothing compressed from elsewhere)", async () => {
    const missing = await getRaw("/assets/nope.js", "br");
    expect(missing.headers["content-encoding"]).toBeUndefined();
    expect(missing.headers["content-type"]).not.toMatch(/javascript/);
    const escape = await getRaw("/assets/..%2Fsecret.js", "br");
    expect(escape.headers["content-encoding"]).toBeUndefined();
    expect((await request(app).get("/api/healthz")).headers["content-encoding"]).toBeUndefined();
  });

  it("reads Accept-Encoding with q-values", () => {
    expect(pickEncoding("gzip, br;q=0")).toBe("gzip");
    expect(pickEncoding("br;q=0.5, gzip")).toBe("br");
    expect(pickEncoding("identity")).toBeUndefined();
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});
