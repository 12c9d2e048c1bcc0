// GET /api/guides, GET /api/guides/{id}, POST /api/guides/{id}/restart (issue 8): progress is the domain's check
// on the signed-in tenant's state, so it changes after a lab write; restart resets the lab to the guide's start and
// needs the role POST /api/lab/reset needs; another tenant's state never shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import request from "supertest";
import type { GuideProgress, GuidesResponse } from "@certlab/domain/guides/types";
import { createTestApp, expectStatus, signIn, signInFabrikamAdmin, users, type Agent, type TestApp } from "./harness.ts";

let t: TestApp;
let app: Express;
let contoso: Agent;
let fabrikam: Agent;
let reader: Agent;

const ok = expectStatus;
const reset = (a: Agent, scenario: string) => ok(a.agent.post("/api/lab/reset").set("X-CSRF-Token", a.csrf).send({ scenario }));
const guide = async (a: Agent, id: string) => (await ok(a.agent.get(`/api/guides/${id}`))).body as GuideProgress;
const done = (g: GuideProgress) => g.steps.filter((s) => s.done).map((s) => s.id);
async function ndesServerId(a: Agent): Promise<string> {
  const lab = (await ok(a.agent.get("/api/lab/snapshot"))).body as { servers: { id: string; name: string }[] };
  return lab.servers.find((s) => s.name === "NDES01")!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  contoso = await signIn(app, users.admin.upn);
  reader = await signIn(app, users.reader.upn);
  fabrikam = await signInFabrikamAdmin(app);
}, 60_000);
afterAll(async () => t?.close());

describe("/api/guides", () => {
  it("needs a signed-in caller and is in /api/openapi.json", async () => {
    expect((await request(app).get("/api/guides")).status).toBe(401);
    const doc = (await ok(request(app).get("/api/openapi.json"))).body as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths["/api/guides"]?.get).toBeTruthy();
    expect(doc.paths["/api/guides/{id}"]?.get).toBeTruthy();
    expect(doc.paths["/api/guides/{id}/restart"]?.post).toBeTruthy();
  });

  it("lists one guide per seed with its steps, screens and sources; an unknown id is a Graph-shaped 404", async () => {
    const list = (await ok(contoso.agent.get("/api/guides"))).body as GuidesResponse;
    expect(list.value.map((g) => g.id)).toEqual(["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]);
    for (const g of list.value) {
      expect(g.total).toBe(g.steps.length);
      for (const s of g.steps) expect(s.screen.path).toMatch(/^\//);
    }
    const res = await contoso.agent.get("/api/guides/seed-999");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBeTruthy();
    expect(res.body.error.message).toContain("seed-999");
  });

  it("progress follows the lab: fresh → nothing done; complete → everything; an MSCEP registry edit un-ticks configure NDES and the fix ticks it", async () => {
    await reset(contoso, "fresh");
    expect(done(await guide(contoso, "seed-002"))).toEqual([]);

    await reset(contoso, "complete");
    const all = (await ok(contoso.agent.get("/api/guides"))).body as GuidesResponse;
    for (const g of all.value) expect(done(g), g.id).toEqual(g.steps.map((s) => s.id));
    expect(all.value.every((g) => g.currentStepId === null)).toBe(true);

    const id = await ndesServerId(contoso);
    const path = `/api/lab/servers/${id}/registry/mscep`;
    await ok(contoso.agent.patch(path).set("X-CSRF-Token", contoso.csrf).send({ GeneralPurposeTemplate: "IPSECIntermediateOffline" }));
    let g = await guide(contoso, "seed-002");
    const step = g.steps.find((s) => s.id === "configure-ndes")!;
    expect(step.done).toBe(false);
    expect(step.blockingFindings.map((f) => f.code)).toContain("NDES_TEMPLATE_REGISTRY_DEFAULT");
    expect(g.currentStepId).toBe("configure-ndes");

    await ok(contoso.agent.patch(path).set("X-CSRF-Token", contoso.csrf).send({ GeneralPurposeTemplate: "IntuneSCEP" }));
    await ok(contoso.agent.post(`/api/lab/servers/${id}/restart`).set("X-CSRF-Token", contoso.csrf).send({}));
    g = await guide(contoso, "seed-002");
    expect(g.steps.find((s) => s.id === "configure-ndes")!.done).toBe(true);
    expect(g.doneCount).toBe(g.total);
  }, 60_000);

  it("restart resets the lab to the guide's start, answers its progress, and needs the lab role", async () => {
    await reset(contoso, "complete");
    const denied = await reader.agent.post("/api/guides/seed-002/restart").set("X-CSRF-Token", reader.csrf).send({});
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBeTruthy();
    // Nothing was reset by the refused call.
    expect(done(await guide(contoso, "seed-002"))).toHaveLength((await guide(contoso, "seed-002")).total);

    const g = (await ok(contoso.agent.post("/api/guides/seed-002/restart").set("X-CSRF-Token", contoso.csrf).send({}))).body as GuideProgress;
    expect(g.id).toBe("seed-002");
    expect(g.start).toBe("fresh");
    expect(done(g)).toEqual([]);
    expect(g.currentStepId).toBe(g.steps[0]!.id);
    expect((await ok(contoso.agent.post("/api/guides/nope/restart").set("X-CSRF-Token", contoso.csrf).send({}), 404)).body.error).toBeTruthy();
  }, 60_000);

  it("restarting a fresh guide after the complete setup leaves no Intune or Entra step done", async () => {
    await reset(contoso, "complete");
    expect(done(await guide(contoso, "seed-001")).length).toBeGreaterThan(0);
    const g = (await ok(contoso.agent.post("/api/guides/seed-001/restart").set("X-CSRF-Token", contoso.csrf).send({}))).body as GuideProgress;
    // Only what a fresh lab has by nature (the two-tier PKI) may stay done.
    expect(done(g).filter((s) => !g.steps.find((x) => x.id === s)?.presetInFreshLab)).toEqual([]);
    const profiles = (await ok(contoso.agent.get("/graph/beta/deviceManagement/deviceConfigurations"))).body.value as unknown[];
    expect(profiles).toEqual([]);
    const apps = (await ok(contoso.agent.get("/graph/beta/applications"))).body.value as { onPremisesPublishing?: unknown }[];
    expect(apps.filter((a) => a.onPremisesPublishing)).toEqual([]);
  }, 60_000);

  it("another tenant's state never shows", async () => {
    await reset(contoso, "complete");
    await reset(fabrikam, "fresh");
    expect(done(await guide(fabrikam, "seed-002"))).toEqual([]);
    const c = await guide(contoso, "seed-002");
    expect(done(c)).toHaveLength(c.total);
    // Restarting in Fabrikam leaves Contoso's lab alone.
    await ok(fabrikam.agent.post("/api/guides/seed-001/restart").set("X-CSRF-Token", fabrikam.csrf).send({}));
    expect(done(await guide(contoso, "seed-001"))).toHaveLength((await guide(contoso, "seed-001")).total);
  }, 60_000);
});
