// Concurrency (issue 9 §3): 50 writers PATCH one object at the same moment, all with the ETag they read. Exactly one
// wins, the other 49 get 412 in Graph's error body, and the object holds the winner's value (nothing lost, nothing
// merged). On a Graph user and on a lab console write (the MSCEP registry of NDES01, whose ETag is its NDES
// instance's version in GET /api/lab), over one listening server so the requests really overlap.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../src/http/http-server.ts";
import { bearerFor, createTestApp, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";

let t: TestApp;
let server: Server;
let base: string;
let auth: Record<string, string>;
const WRITERS = 50;

beforeAll(async () => {
  t = await createTestApp();
  auth = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  server = createHttpServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expect((await request(base).post("/api/lab/reset").set(auth).send({ scenario: "correct" })).status).toBe(200);
});
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

function tally(statuses: number[]): Record<number, number> {
  return statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
}

describe(`${WRITERS} concurrent PATCHes with the same If-Match`, () => {
  it("a Graph user: exactly one 204, the rest 412, and the user holds the winner's value", async () => {
    const read = await request(base).get(`${GRAPH}/users/${users.reader.id}`).set(auth);
    const etag = read.headers.etag as string;
    expect(etag).toMatch(/^W\/"\d+"$/);
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        request(base).patch(`${GRAPH}/users/${users.reader.id}`).set(auth).set("If-Match", etag).send({ jobTitle: `Writer ${i}` }).then((res) => ({ i, res })),
      ),
    );
    expect(tally(results.map((r) => r.res.status))).toEqual({ 204: 1, 412: WRITERS - 1 });
    for (const r of results.filter((x) => x.res.status === 412)) expectGraphError(r.res, 412);
    const winner = results.find((r) => r.res.status === 204)!.i;
    const after = await request(base).get(`${GRAPH}/users/${users.reader.id}`).set(auth);
    expect(after.body.jobTitle).toBe(`Writer ${winner}`);
    expect(after.headers.etag).toBe(`W/"${Number(etag.match(/\d+/)![0]) + 1}"`);
    // One change, one audit record.
    const audits = await t.db.auditLog.findMany({ where: { targetResources: { contains: users.reader.id }, activityDisplayName: "Update user" } });
    expect(audits).toHaveLength(1);
  });

  it("a lab console write (MSCEP registry): exactly one 200, the rest 412, and the registry holds the winner's value", async () => {
    const lab = (await request(base).get("/api/lab").set(auth)).body as { servers: { id: string; name: string }[]; ndes: { serverId: string; version: number }[] };
    const ndesServer = lab.servers.find((s) => s.name === "NDES01")!;
    const version = lab.ndes.find((n) => n.serverId === ndesServer.id)!.version;
    const path = `/api/lab/servers/${ndesServer.id}/registry/mscep`;
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        request(base).patch(path).set(auth).set("If-Match", `W/"${version}"`).send({ SignatureTemplate: `Concurrent${i}` }).then((res) => ({ i, res })),
      ),
    );
    expect(tally(results.map((r) => r.res.status))).toEqual({ 200: 1, 412: WRITERS - 1 });
    for (const r of results.filter((x) => x.res.status === 412)) expectGraphError(r.res, 412);
    const winner = results.find((r) => r.res.status === 200)!.i;
    expect((await request(base).get(path).set(auth)).body.SignatureTemplate).toBe(`Concurrent${winner}`);
    const next = (await request(base).get("/api/lab").set(auth)).body.ndes.find((n: { serverId: string }) => n.serverId === ndesServer.id).version;
    expect(next).toBe(version + 1);
  });
});

describe("If-Match on lab console writes", () => {
  it("a stale ETag is 412 and changes nothing; the current one, '*' or none is accepted", async () => {
    const lab = (await request(base).get("/api/lab").set(auth)).body as { servers: { id: string; name: string }[]; ndes: { serverId: string; version: number }[]; templates: { id: string; name: string; version: number; displayName: string; builtIn: boolean }[] };
    const ndesServer = lab.servers.find((s) => s.name === "NDES01")!;
    const v = lab.ndes.find((n) => n.serverId === ndesServer.id)!.version;
    const path = `/api/lab/servers/${ndesServer.id}/registry/http-parameters`;
    const before = (await request(base).get(path).set(auth)).body;
    expectGraphError(await request(base).patch(path).set(auth).set("If-Match", `W/"${v - 1}"`).send({ MaxFieldLength: 65534 }), 412);
    expect((await request(base).get(path).set(auth)).body).toEqual(before);
    expect((await request(base).patch(path).set(auth).set("If-Match", `W/"${v}"`).send({ MaxFieldLength: 65534 })).status).toBe(200);
    expect((await request(base).patch(path).set(auth).set("If-Match", "*").send({ MaxRequestBytes: 65534 })).status).toBe(200);
    expect((await request(base).patch(path).set(auth).send({ MaxRequestBytes: 65535 })).status).toBe(200);
    // A certificate template tab (a duplicated template; built-in ones can't be edited): the template's own version.
    const tpl = lab.templates.find((x) => !x.builtIn)!;
    const tab = `/api/lab/templates/${tpl.id}/general`;
    expectGraphError(await request(base).patch(tab).set(auth).set("If-Match", `W/"${tpl.version + 7}"`).send({ displayName: tpl.displayName }), 412);
    expect((await request(base).patch(tab).set(auth).set("If-Match", `W/"${tpl.version}"`).send({ displayName: `${tpl.displayName} (edited)` })).status).toBe(200);
  });
});
