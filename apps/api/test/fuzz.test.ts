// Fuzz (issue 9 §3): malformed requests generated from the route tables — every Graph route the router declares and
// every /api route of /api/openapi.json (test/route-table.ts) — against a tenant holding one object of every kind.
// A fixed seed makes a failure repeat. What a script author would notice is asserted for every request: no 5xx, every
// error in Graph's body ({ error: { code, message, innerError } }), and a rejected request changes no row of the
// tenant (its rows are compared before and after each rejected write).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../src/http/http-server.ts";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { exampleOf, fillPath, fillTenant, paramIndices, prng, routeTable, tenantRows, writeProbe, WRITE_METHODS, type Prng, type Route, type TenantObjects } from "./route-table.ts";

const SEED = Number(process.env.CERTLAB_FUZZ_SEED ?? 9_2026);
const TOTAL = 5_200;

let t: TestApp;
let server: http.Server;
let port: number;
let token: string;
let objects: TenantObjects;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  t = await createTestApp();
  token = await bearerFor(t.app, users.admin.upn);
  objects = await fillTenant(t, { Authorization: `Bearer ${token}` }, DEMO.contoso.tenantId, "contoso", DEMO.contoso.domain);
  server = createHttpServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => {
  agent.destroy();
  if (server) await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

type Sent = { method: string; path: string; headers: Record<string, string>; body?: Buffer; kind: string };
type Got = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(req: Sent): Promise<Got> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: "127.0.0.1", port, method: req.method, path: req.path, agent, headers: { Authorization: `Bearer ${token}`, ...req.headers, ...(req.body ? { "Content-Length": String(req.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

// ------------------------------------------------------------------------------------------ the mutations

const MB = 1_000_000;
const ODD_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202eevil\u202c",
  "\u200b\u200d\ufeff",
  "\uffff\ufffe",
  "𝕮𝖔𝖓𝖙𝖔𝖘𝖔 👩‍👩‍👧‍👦",
  "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
  "' OR 1=1 --",
  "\"; DROP TABLE User; --",
  "../../../../etc/passwd",
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "%00%ZZ%",
  "\r\nSet-Cookie: x=1",
  "",
  " ",
];
const BAD_IDS = [
  "",
  "x",
  "00000000-0000-0000-0000-000000000000",
  "not-a-guid",
  "%00",
  "%ZZ",
  "%",
  "%2e%2e",
  "..",
  "a".repeat(5000),
  "'; DELETE FROM User; --",
  "%F0%9F%98%80",
  "%C0%AF",
  "%ED%A0%80",
  "('x')",
  "null",
  "-1",
  "1e309",
  "__proto__",
  "constructor",
  "$count",
  "$ref",
];
const BAD_ODATA = [
  "$top=-1",
  "$top=abc",
  "$top=99999999999999999999",
  "$top=1.5",
  "$top=",
  "$top=1&$top=2",
  "$top[a]=1",
  "$skip=-5",
  "$skip=x",
  "$skiptoken=%00",
  "$filter=",
  "$filter=(((((",
  "$filter=displayName eq",
  "$filter=displayName eq 'unterminated",
  "$filter=nosuchProperty eq 'x'",
  "$filter=startswith(displayName,1,2,3)",
  "$filter=displayName eq 'a' and",
  "$filter=not not not",
  `$filter=${encodeURIComponent("(".repeat(5000) + "true" + ")".repeat(5000))}`,
  `$filter=${encodeURIComponent(Array.from({ length: 800 }, (_, i) => `displayName eq '${i}'`).join(" or "))}`,
  "$filter[x]=1",
  `$search=${"a".repeat(100_000)}`,
  "$filter=id in ()",
  "$filter=createdDateTime ge 2026-13-45T99:99:99Z",
  "$filter=any(x:x eq 1)",
  "$filter=%00",
  "$select=",
  "$select=nosuchProperty",
  "$select=,,,",
  "$select[]=id",
  "$orderby=nosuchProperty",
  "$orderby=displayName sideways",
  "$orderby=displayName asc,displayName asc,,",
  "$count=maybe",
  "$count=true&$count=false",
  "$expand=nosuch",
  "$expand=rootCertificate($expand=rootCertificate)",
  "$expand=a/b/c/d",
  "$search=%22",
  "$search=\"displayName:",
  "$format=xml",
  "$unknown=1",
  "$apply=groupby((x))",
  "%24top=1%",
  "a[b][c][d][e][f][g]=1",
  "__proto__[polluted]=1",
  "constructor[prototype][polluted]=1",
  "from=%00&url=%00",
  "url=javascript:alert(1)",
  "format=%00",
];
const CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/json; charset=latin-9999",
  "application/json;;;",
  "application/*",
  "*/*",
  "application/merge-patch+json",
  "",
  "application/json, text/plain",
  "x/y; charset=",
];

/** Percent-encodes; a lone surrogate (which has no UTF-8) goes out as the CESU bytes a broken client would send. */
const pct = (s: string) => s.replace(/[\s\S]/gu, (c) => (/[\ud800-\udfff]/.test(c) && c.length === 1 ? "%ED%A0%80" : encodeURIComponent(c)));
const enc = (s: string) => s.replace(/[^\u0021-\u007e]/g, (c) => encodeURIComponent(c)).replace(/ /g, "%20");

/** A value of some other type than `v`. */
function wrongType(rng: Prng, v: unknown): unknown {
  const options: unknown[] = [42, -1, 1e308, "text", true, null, [], [1, "a", null], {}, { nested: { x: 1 } }, "", 0.5];
  const filtered = options.filter((o) => typeof o !== typeof v || Array.isArray(o) !== Array.isArray(v));
  return rng.pick(filtered);
}

function deep(depth: number, rng: Prng): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { a: v };
  return v;
}

const FIELD_NAMES = ["displayName", "name", "id", "value", "description", "@odata.type", "@odata.id", "members@odata.bind", "__proto__", "constructor", "prototype", "\u0000", "a".repeat(300)];

function objectBody(route: Route): Record<string, unknown> {
  const ex = exampleOf(route.bodySchema);
  return ex && typeof ex === "object" && !Array.isArray(ex) ? { ...(ex as Record<string, unknown>) } : {};
}

/** One malformed request for the route. */
function mutate(route: Route, rng: Prng): Sent {
  const write = WRITE_METHODS.has(route.method) && route.method !== "DELETE";
  let path = fillPath(route.path, objects);
  let query = "";
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  let kind: string;
  const jsonBody = (v: unknown) => {
    headers["Content-Type"] = "application/json";
    body = Buffer.from(JSON.stringify(v));
  };
  const kinds = [
    ...(paramIndices(route.path).length ? ["badId", "badId", "oddId"] : []),
    "badOData",
    "oddQuery",
    "badIfMatch",
    ...(write || route.method === "DELETE" ? ["badContentType", "truncatedJson", "wrongRoot", "rawBytes"] : []),
    ...(write ? ["wrongType", "wrongType", "missingField", "extraField", "oddUnicode", "oddUnicode", "deepNesting", "hugeString", "tooLarge", "nullFields"] : []),
  ];
  kind = rng.pick(kinds);
  // A huge string costs a megabyte per request: keep them to a few per route.
  if ((kind === "hugeString" || kind === "tooLarge") && !rng.chance(0.25)) kind = "wrongType";
  const base = objectBody(route);
  const keys = Object.keys(base);
  switch (kind) {
    case "badId": {
      const segs = path.split("/");
      segs[rng.pick(paramIndices(route.path))] = enc(rng.pick(BAD_IDS));
      path = segs.join("/");
      break;
    }
    case "oddId": {
      const segs = path.split("/");
      segs[rng.pick(paramIndices(route.path))] = pct(rng.pick(ODD_STRINGS)) || "%20";
      path = segs.join("/");
      break;
    }
    case "badOData":
      query = rng.pick(BAD_ODATA);
      break;
    case "oddQuery":
      query = `${rng.pick(["$filter", "$select", "$orderby", "$top", "$expand", "url", "from", "format", "$search"])}=${pct(rng.pick(ODD_STRINGS))}`;
      break;
    case "badIfMatch":
      headers["If-Match"] = rng.pick(['W/"garbage"', '"1"', "W/", "*", '"\u00ff"', 'W/"99999999999999999999999"', 'W/"-1"', "x".repeat(4000)]);
      if (write) jsonBody(base);
      break;
    case "badContentType":
      headers["Content-Type"] = rng.pick(CONTENT_TYPES);
      body = Buffer.from(rng.chance(0.5) ? JSON.stringify(base) : "displayName=x&name=y");
      break;
    case "truncatedJson": {
      const full = JSON.stringify({ ...base, displayName: "Truncated", extra: [1, 2, { a: "b" }] });
      headers["Content-Type"] = "application/json";
      body = Buffer.from(full.slice(0, 1 + rng.int(full.length - 1)));
      break;
    }
    case "wrongRoot":
      headers["Content-Type"] = "application/json";
      body = Buffer.from(rng.pick(["[]", "[{}]", '"x"', "42", "null", "true", "{}", "  ", "\"\\u0000\"", "1e999", "-0", "{\"a\":1,\"a\":2}"]));
      break;
    case "rawBytes":
      headers["Content-Type"] = "application/json";
      body = Buffer.from(rng.pick([[0xff, 0xfe, 0x7b, 0x7d], [0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d], [0xef, 0xbb, 0xbf, 0x7b, 0x7d], [0x00, 0x00, 0x00], [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]]));
      break;
    case "wrongType": {
      const out = { ...base };
      const k = keys.length && rng.chance(0.8) ? rng.pick(keys) : rng.pick(FIELD_NAMES);
      out[k] = wrongType(rng, out[k]);
      jsonBody(out);
      break;
    }
    case "missingField": {
      const out = { ...base };
      if (keys.length) delete out[rng.pick(keys)];
      else out[rng.pick(FIELD_NAMES)] = undefined;
      jsonBody(out);
      break;
    }
    case "extraField":
      jsonBody({ ...base, [rng.pick(FIELD_NAMES.concat(["zzUnknown", "certlab", "tenantId", "version", "@odata.etag"]))]: rng.pick([1, "x", null, {}, []]) });
      break;
    case "oddUnicode": {
      const out = { ...base };
      out[keys.length && rng.chance(0.7) ? rng.pick(keys) : rng.pick(FIELD_NAMES)] = rng.pick(ODD_STRINGS) + rng.pick(ODD_STRINGS);
      headers["Content-Type"] = "application/json";
      // JSON.stringify escapes lone surrogates; send some raw (invalid UTF-16 → replacement) as well.
      body = Buffer.from(rng.chance(0.5) ? JSON.stringify(out) : JSON.stringify(out).replace(/\\u0000/g, "\\u0000\\ud800"));
      break;
    }
    case "deepNesting": {
      const out = { ...base };
      out[keys.length ? rng.pick(keys) : "displayName"] = deep(rng.pick([64, 512, 4000]), rng);
      jsonBody(out);
      break;
    }
    case "hugeString": {
      const out = { ...base };
      out[keys.length ? rng.pick(keys) : "displayName"] = rng.pick(["a", "é", "\u0000", "𝕮"]).repeat(MB / 4);
      jsonBody(out);
      break;
    }
    case "tooLarge":
      jsonBody({ ...base, displayName: "a".repeat(MB + 100_000) });
      break;
    case "nullFields":
      jsonBody(Object.fromEntries((keys.length ? keys : ["displayName"]).map((k) => [k, null])));
      break;
  }
  return { method: route.method, path: enc(path + (query ? `?${query}` : "")), headers, body, kind };
}

// ------------------------------------------------------------------------------------------ the run

type Failure = { req: string; status: number; problem: string; body: string };

function checkShape(got: Got): string | undefined {
  if (got.status >= 500) return "a 5xx";
  if (got.status < 400) return undefined;
  if (!/application\/json/.test(String(got.headers["content-type"] ?? ""))) return `an error that isn't JSON (${got.headers["content-type"]})`;
  let parsed: { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } };
  try {
    parsed = JSON.parse(got.body);
  } catch {
    return "an error body that doesn't parse";
  }
  const e = parsed.error;
  if (!e || typeof e.code !== "string" || !e.code || typeof e.message !== "string" || !e.message) return "an error body not in Graph's shape";
  if (!e.innerError || typeof e.innerError["request-id"] !== "string" || typeof e.innerError.date !== "string") return "an error without innerError";
  return undefined;
}

// Routes that end the caller's own access or wipe the fixture go last, so the other routes keep their targets.
const order = (r: Route) => (r.method === "DELETE" ? 2 : 0) + (/\/(lab\/reset|session|guides\/:id\/restart|scenarios\/load)/.test(r.path) ? 3 : 0) + (r.method === "GET" ? 0 : 1);

describe("fuzz over every route of the route tables", () => {
  it(`${TOTAL}+ malformed requests (seed ${SEED}): no 5xx, every error in Graph's shape, no change from a rejected request`, { timeout: 300_000 }, async () => {
    const routes = routeTable().sort((a, b) => order(a) - order(b));
    expect(routes.length).toBeGreaterThan(150);
    const perRoute = Math.ceil(TOTAL / routes.length);
    const rng = prng(SEED);
    const failures: Failure[] = [];
    const kinds = new Map<string, number>();
    let sent = 0;
    let accepted = 0;
    let rows = await tenantRows(t.db, objects.tenantId);
    let probe = await writeProbe(t.db, t.databaseUrl);
    let compared = 0;
    for (const route of routes) {
      for (let i = 0; i < perRoute; i++) {
        const req = mutate(route, rng);
        const got = await send(req);
        sent++;
        kinds.set(req.kind, (kinds.get(req.kind) ?? 0) + 1);
        const label = `${req.method} ${req.path.slice(0, 200)} [${req.kind}]`;
        const problem = checkShape(got);
        if (problem) failures.push({ req: label, status: got.status, problem, body: got.body.slice(0, 300) });
        if (got.status < 400) accepted++;
        const nextProbe = await writeProbe(t.db, t.databaseUrl);
        if (nextProbe === probe) continue;
        // Something was written (or a transaction was opened and rolled back): compare the tenant's rows.
        const after = await tenantRows(t.db, objects.tenantId);
        compared++;
        if (got.status >= 400) {
          const changed = Object.keys(after).filter((k) => after[k] !== rows[k]);
          if (changed.length) failures.push({ req: label, status: got.status, problem: `a rejected request changed ${changed.join(", ")}`, body: got.body.slice(0, 300) });
        }
        rows = after;
        probe = await writeProbe(t.db, t.databaseUrl);
      }
    }
    console.log(`fuzz: ${sent} requests over ${routes.length} routes, ${accepted} accepted, ${compared} row comparisons`);
    const report = failures.slice(0, 25).map((f) => `${f.status} ${f.problem}: ${f.req}\n    ${f.body}`).join("\n");
    expect(failures.length, `${failures.length} of ${sent} requests failed:\n${report}`).toBe(0);
    expect(sent).toBeGreaterThanOrEqual(5_000);
    // Every kind of malformation was tried, and most requests were refused (they are malformed, after all).
    for (const k of ["badId", "badOData", "badContentType", "truncatedJson", "wrongType", "missingField", "extraField", "oddUnicode", "deepNesting", "hugeString", "tooLarge"]) {
      expect(kinds.get(k) ?? 0, `mutation ${k}`).toBeGreaterThan(0);
    }
    expect(accepted).toBeLessThan(sent / 2);
  });
});
