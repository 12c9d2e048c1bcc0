// Break-fix scenarios over HTTP (issue 11): POST /api/scenarios/load writes the complete setup plus the faults in one
// transaction (a failing `test` op or a store refusal writes nothing), a load replaces the previous one, status
// follows real fixes made through the real routes (solutions run with placeholders resolved against
// GET /api/scenarios/document), the routes need the reset's rights, and tenants stay isolated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import request from "supertest";
import { ZScenario, type ScenarioInput } from "@certlab/domain/scenarios/schema";
import { fixtureScenario, IOS_SCEP } from "@certlab/domain/scenarios/testing";
import type { ScenarioStatus } from "../src/scenarios/load.ts";
import { runSolution, type Http } from "../src/scenarios/solve.ts";
import { createTestApp, DEMO, expectStatus, signIn, signInFabrikamAdmin, users, type Agent, type TestApp } from "./harness.ts";

let t: TestApp;
let app: Express;
let contoso: Agent;
let fabrikam: Agent;
let reader: Agent;

const ok = expectStatus;
const load = (a: Agent, body: unknown) => a.agent.post("/api/scenarios/load").set("X-CSRF-Token", a.csrf).send(body as object);
const status = async (a: Agent) => (await ok(a.agent.get("/api/scenarios/status"))).body as ScenarioStatus;
const passed = (s: ScenarioStatus) => Object.fromEntries(s.objectives.map((o) => [o.id, o.passed]));
const http = (a: Agent): Http => async (method, path, body, headers) => {
  let req = a.agent[method.toLowerCase() as "get"](path).set("X-CSRF-Token", a.csrf);
  for (const [k, v] of Object.entries(headers ?? {})) req = req.set(k, v);
  const res = body === undefined ? await req : await req.send(body as object);
  return { status: res.status, body: res.body };
};
const labState = async (a: Agent) => {
  const lab = (await ok(a.agent.get("/api/lab/snapshot"))).body as { ndes: { iis: { appPools: { name: string; state: string }[] } }[] };
  return lab.ndes[0]?.iis.appPools.find((p) => p.name === "SCEP")?.state;
};
const fixture = () => fixtureScenario() as ScenarioInput & Record<string, unknown>;

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  contoso = await signIn(app, users.admin.upn);
  reader = await signIn(app, users.reader.upn);
  fabrikam = await signInFabrikamAdmin(app);
}, 60_000);
afterAll(async () => t?.close());

describe("/api/scenarios", () => {
  it("is in /api/openapi.json, needs a signed-in caller; the library hides solutions; an unknown id is a Graph 404", async () => {
    const doc = (await ok(request(app).get("/api/openapi.json"))).body as { paths: Record<string, Record<string, unknown>> };
    for (const [p, m] of [["/api/scenarios", "get"], ["/api/scenarios/{id}", "get"], ["/api/scenarios/load", "post"], ["/api/scenarios/status", "get"], ["/api/scenarios/document", "get"]] as const)
      expect(doc.paths[p]?.[m], `${m} ${p}`).toBeTruthy();
    expect((await request(app).get("/api/scenarios")).status).toBe(401);
    const list = (await ok(contoso.agent.get("/api/scenarios"))).body as { value: { id: string; objectives: number }[] };
    expect(Array.isArray(list.value)).toBe(true);
    for (const s of list.value) {
      const one = await ok(contoso.agent.get(`/api/scenarios/${s.id}`));
      expect(JSON.stringify(one.body)).not.toMatch(/"solution"|"patch"|"description":"[^"]*"[,}]\s*"expectFindings"/);
      expect(one.body.objectives).toHaveLength(s.objectives);
    }
    const missing = await contoso.agent.get("/api/scenarios/no-such-scenario");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("no-such-scenario");
    expect((await contoso.agent.get("/api/scenarios/status")).status).toBe(404);
  });

  it("loads the faults, and each objective passes after its solution runs through the real routes", async () => {
    const loaded = (await ok(load(contoso, { scenario: fixture(), seed: 7 }))).body as ScenarioStatus;
    expect(loaded.scenario).toMatchObject({ id: "fixture-pool-and-url", version: "1.0.0", seed: 7 });
    expect(loaded.scenario.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.objectives.map((o) => [o.id, o.passed, o.activeCodes])).toEqual([
      ["o-pool", false, ["NDES_APPPOOL_STOPPED"]],
      ["o-url", false, ["PROF_URL_NOT_MSCEP_PATH"]],
    ]);
    expect(loaded.guards.every((g) => g.holds)).toBe(true);
    expect(loaded.collateral).toEqual([]);
    expect([loaded.score, loaded.maxScore, loaded.passed]).toEqual([0, 5, false]);
    expect(await labState(contoso)).toBe("stopped");
    const docUrl = ((await ok(contoso.agent.get("/api/scenarios/document"))).body as { intune: { profiles: Record<string, { settings: { scepServerUrls: string[] } }> } }).intune.profiles[IOS_SCEP]!.settings.scepServerUrls[0];
    expect(docUrl).toMatch(/^https:\/\/ndes-contoso\.msappproxy\.net\/certsrv\/mscep\/$/);

    const s = ZScenario.parse(fixture());
    const r1 = await runSolution(http(contoso), s.objectives[0]!.solution.requests);
    expect(r1, JSON.stringify(r1)).toMatchObject({ ok: true });
    expect(passed(await status(contoso))).toEqual({ "o-pool": true, "o-url": false });
    const r2 = await runSolution(http(contoso), s.objectives[1]!.solution.requests);
    expect(r2, JSON.stringify(r2)).toMatchObject({ ok: true });
    const done = await status(contoso);
    expect(passed(done)).toEqual({ "o-pool": true, "o-url": true });
    expect([done.score, done.passed, done.collateral]).toEqual([5, true, []]);
  }, 120_000);

  it("a destructive fix fails the guard: deleting the iOS SCEP profile", async () => {
    await ok(load(contoso, { scenario: fixture() }));
    const d = (await ok(contoso.agent.get("/api/scenarios/document"))).body as { intune: { profiles: Record<string, { id: string }> } };
    await ok(contoso.agent.delete(`/graph/beta/deviceManagement/deviceConfigurations/${d.intune.profiles[IOS_SCEP]!.id}`).set("X-CSRF-Token", contoso.csrf), 204);
    const s = await status(contoso);
    expect(s.objectives.find((o) => o.id === "o-url")!.activeCodes).toEqual([]);
    expect(s.guards.find((g) => g.id === "g-profile")!.holds).toBe(false);
    expect(s.passed).toBe(false);
  }, 120_000);

  it("is atomic: a failing test op (400 naming the fault's path) or a store refusal mid-write leaves the tenant as it was", async () => {
    await ok(load(contoso, { scenario: fixture() }));
    const before = await status(contoso);
    const audit = async () => (await ok(contoso.agent.get("/graph/beta/auditLogs/directoryAudits?$top=1"))).body.value[0]?.id;
    const lastAudit = await audit();

    const badTest = fixture() as any;
    badTest.id = "fixture-bad-test";
    badTest.faults[0].patch[0].value = "stopped";
    const r = await load(contoso, { scenario: badTest });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Fault 'f-pool', patch operation 0/);
    expect(r.body.error.details).toEqual([expect.objectContaining({ target: "scenario/faults/0/patch/0" })]);

    const refused = fixture() as any;
    refused.id = "fixture-store-refuses";
    refused.faults[1].patch.push({ op: "replace", path: `/intune/profiles/${IOS_SCEP}/settings/keySize`, value: "size12345" });
    const r2 = await load(contoso, { scenario: refused });
    expect(r2.status, JSON.stringify(r2.body)).toBe(400);

    const after = await status(contoso);
    expect(after.scenario).toEqual(before.scenario);
    expect(passed(after)).toEqual(passed(before));
    expect(await labState(contoso)).toBe("stopped");
    expect(await audit()).toBe(lastAudit);
  }, 180_000);

  it("a load replaces the previous one; a complete reset clears it", async () => {
    await ok(load(contoso, { scenario: fixture() }));
    const second = fixture() as any;
    second.id = "fixture-url-only";
    second.faults = [second.faults[1]];
    second.objectives = [second.objectives[1]];
    second.scoring = { passPoints: 3 };
    const s = (await ok(load(contoso, { scenario: second }))).body as ScenarioStatus;
    expect(s.scenario.id).toBe("fixture-url-only");
    expect(s.objectives.map((o) => o.id)).toEqual(["o-url"]);
    expect(await labState(contoso)).toBe("started");
    expect(await t.db.activeScenario.count({ where: { tenantId: DEMO.contoso.tenantId } })).toBe(1);
    await ok(contoso.agent.post("/api/lab/reset").set("X-CSRF-Token", contoso.csrf).send({ scenario: "complete" }));
    expect((await contoso.agent.get("/api/scenarios/status")).status).toBe(404);
  }, 180_000);

  it("refuses a bad file with details naming each path, a bad body, and a caller without the reset's rights", async () => {
    const bad = fixture() as any;
    bad.objectives[0].check.rule = "NO_SUCH_RULE";
    bad.faults[0].patch[0].op = "frobnicate";
    const r = await load(contoso, { scenario: bad });
    expect(r.status).toBe(400);
    const targets = (r.body.error.details as { target: string }[]).map((d) => d.target);
    expect(targets).toContain("scenario/faults/0/patch/0/op");
    const unknownCode = fixture() as any;
    unknownCode.objectives[0].check = { kind: "rule-cleared", rule: "NO_SUCH_RULE" };
    const r2 = await load(contoso, { scenario: unknownCode });
    expect(r2.status).toBe(400);
    expect(r2.body.error.details).toEqual([expect.objectContaining({ target: "scenario/objectives/0/check/rule", message: expect.stringContaining("NO_SUCH_RULE") })]);
    expect((await load(contoso, { scenarioId: "x", scenario: fixture() })).status).toBe(400);
    expect((await load(contoso, {})).status).toBe(400);
    expect((await load(contoso, { scenarioId: "no-such-scenario" })).status).toBe(404);
    const denied = await load(reader, { scenario: fixture() });
    expect(denied.status).toBe(403);
  });

  it("keeps tenants isolated: Fabrikam's load and status never show Contoso's", async () => {
    await ok(load(contoso, { scenario: fixture() }));
    expect((await fabrikam.agent.get("/api/scenarios/status")).status).toBe(404);
    const fdoc = (await ok(fabrikam.agent.get("/api/scenarios/document"))).body as { tenant: { id: string } };
    expect(fdoc.tenant.id).toBe(DEMO.fabrikam.tenantId);
    await ok(load(fabrikam, { scenario: { ...fixture(), id: "fixture-fabrikam" } }));
    expect((await status(contoso)).scenario.id).toBe("fixture-pool-and-url");
    expect((await status(fabrikam)).scenario.id).toBe("fixture-fabrikam");
    const cdoc = JSON.stringify((await ok(contoso.agent.get("/api/scenarios/document"))).body);
    expect(cdoc).not.toContain(DEMO.fabrikam.tenantId);
  }, 180_000);
});
