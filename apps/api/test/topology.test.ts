// GET /api/topology and GET /api/request-flow (issue 8, seed 004's flow 004_0623edc70b4e3354.txt): on the complete
// correct setup everything is ok; NDES switched to Microsoft Entra ID pre-authentication through Graph (as the Entra
// portal saves it) turns the device → application proxy edge and hop b red, Passthrough again turns them green;
// Fabrikam's state never shows in Contoso's picture and the reverse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import request from "supertest";
import type { RequestFlow, Topology } from "@certlab/domain/topology/types";
import { createTestApp, DEMO, expectStatus, signIn, signInFabrikamAdmin, users, type Agent, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";

let t: TestApp;
let app: Express;
let contoso: Agent;
let fabrikam: Agent;

const ok = expectStatus;
const reset = (a: Agent, scenario: string) => ok(a.agent.post("/api/lab/reset").set("X-CSRF-Token", a.csrf).send({ scenario }));
const topo = async (a: Agent) => (await ok(a.agent.get("/api/topology"))).body as Topology;
const flow = async (a: Agent) => (await ok(a.agent.get("/api/request-flow"))).body as RequestFlow;
const loud = (x: Topology) => [...x.nodes, ...x.edges].filter((e) => e.health === "error" || e.health === "warning").map((e) => `${e.id}: ${e.findings.map((f) => f.code)}`);
const hops = (f: RequestFlow) => Object.fromEntries(f.hops.map((h) => [h.id, h.health]));
const proxyEdge = (x: Topology) => x.edges.find((e) => e.source === "device" && e.target === "appProxyService")!;

async function ndesApp(a: Agent) {
  const list = (await ok(a.agent.get(`${GRAPH}/applications`))).body as { value: { id: string; displayName: string }[] };
  return list.value.find((x) => /ndes/i.test(x.displayName))!;
}
const setPreAuth = async (a: Agent, id: string, type: "aadPreAuthentication" | "passthru") =>
  ok(a.agent.patch(`${GRAPH}/applications/${id}`).set("X-CSRF-Token", a.csrf).send({ onPremisesPublishing: { externalAuthenticationType: type } }), 204);

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  contoso = await signIn(app, users.admin.upn);
  fabrikam = await signInFabrikamAdmin(app);
}, 60_000);
afterAll(async () => t?.close());

describe("GET /api/topology and /api/request-flow", () => {
  it("need a signed-in caller", async () => {
    expect((await request(app).get("/api/topology")).status).toBe(401);
    expect((await request(app).get("/api/request-flow")).status).toBe(401);
  });

  it("are documented in /api/openapi.json", async () => {
    const doc = (await ok(request(app).get("/api/openapi.json"))).body as { paths: Record<string, { get?: unknown }> };
    expect(doc.paths["/api/topology"]?.get).toBeTruthy();
    expect(doc.paths["/api/request-flow"]?.get).toBeTruthy();
  });

  it("after loading the complete correct setup: every node, edge and hop is ok (info at most)", async () => {
    await reset(contoso, "complete");
    const x = await topo(contoso);
    expect(loud(x)).toEqual([]);
    const kinds = x.nodes.map((n) => n.kind);
    for (const k of ["device", "intune", "entra", "appProxyService", "ndes", "intuneConnector", "issuingCa", "rootCa", "domainController"]) expect(kinds).toContain(k);
    expect(kinds.filter((k) => k === "appProxyConnector")).toHaveLength(2);
    const app = await ndesApp(contoso);
    const proxy = x.nodes.find((n) => n.kind === "appProxyService")!;
    expect(proxy.link).toBe(`/entra/enterprise-apps/${app.id}/app-proxy`);
    expect(proxyEdge(x).label).toBe(`HTTPS 443 ${proxy.detail}`);
    const f = await flow(contoso);
    expect(f.hops.map((h) => h.id)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(Object.values(hops(f)).filter((h) => h === "error" || h === "warning")).toEqual([]);
  }, 120_000);

  it("breaking the application proxy through Graph turns its edge and hop b red; fixing it turns them green", async () => {
    const app = await ndesApp(contoso);
    await setPreAuth(contoso, app.id, "aadPreAuthentication");
    const broken = await topo(contoso);
    expect(proxyEdge(broken).health).toBe("error");
    expect(proxyEdge(broken).findings.map((f) => f.code)).toContain("APPPROXY_PREAUTH_NOT_PASSTHROUGH");
    expect(broken.nodes.find((n) => n.kind === "issuingCa")!.health).not.toBe("error");
    expect(hops(await flow(contoso))).toMatchObject({ b: "error", f: "ok" });

    await setPreAuth(contoso, app.id, "passthru");
    const fixed = await topo(contoso);
    expect(proxyEdge(fixed).health).toBe("ok");
    expect(loud(fixed)).toEqual([]);
    expect(hops(await flow(contoso)).b).toBe("ok");
  });

  it("shows only the signed-in tenant's state", async () => {
    // Fabrikam starts from an empty lab; Contoso's complete setup must not appear there, and Fabrikam's break
    // must not appear in Contoso.
    await reset(fabrikam, "fresh");
    const fab = await topo(fabrikam);
    expect(fab.nodes.some((n) => n.kind === "ndes")).toBe(false);
    expect(fab.nodes.find((n) => n.kind === "appProxyService")!.detail).toBe("No NDES application published");
    expect(JSON.stringify(fab)).not.toContain("ndes-contoso.msappproxy.net");
    expect(fab.nodes.find((n) => n.kind === "entra")!.detail).toBe(DEMO.fabrikam.displayName);

    await reset(fabrikam, "complete");
    const fabApp = await ndesApp(fabrikam);
    await setPreAuth(fabrikam, fabApp.id, "aadPreAuthentication");
    expect(proxyEdge(await topo(fabrikam)).health).toBe("error");
    const mine = await topo(contoso);
    expect(loud(mine)).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain(fabApp.id);
    expect(hops(await flow(contoso)).b).toBe("ok");
    expect(hops(await flow(fabrikam)).b).toBe("error");
  }, 120_000);
});
