// Workshops (issue 11 part 4): creation makes N isolated labs (each seat tenant has the scenario's findings), a
// trainee's session can't read another seat's lab or the dashboard, another trainer gets 404, reset touches one lab
// only, the hint policy, an ended workshop refuses trainee writes, the CSV lists the joined trainees, and the SSE
// stream delivers a matrix event within 2 s of a trainee's fix. The scenario is a shipped one
// (scenarios/device-to-ndes/ndes-503-iis-iusrs.json); the fix is its own solution request, sent as the trainee.
import http from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Test } from "supertest";
import { scenarioDocument } from "@certlab/domain/scenarios/document";
import { resolvePlaceholders } from "@certlab/domain/scenarios/patch";
import { createHttpServer } from "../src/http/http-server.ts";
import { tenantSnapshot } from "../src/store/snapshot.ts";
import { shippedScenario } from "../src/workshops/scenario-port.ts";
import { bearerFor, createTestApp, signIn, users, type TestApp } from "./harness.ts";
import { tenantRows } from "./route-table.ts";

const SCENARIO = "ndes-503-iis-iusrs";
const OBJECTIVE = "o-iusrs";
const CODE = "NDES_SVC_NOT_IN_IIS_IUSRS";

type Agent = ReturnType<typeof request.agent>;
type Trainee = { agent: Agent; csrf: string; seatId: string; tenantId: string };
type Matrix = {
  id: string;
  joinCode: string;
  state: string;
  trainees: { seatId: string; seatNumber: number; displayName: string | null; score: number; maxScore: number; resets: number; objectives: Record<string, { passed: boolean; activeCodes: string[]; passedAt: string | null }>; endsAt?: string | null }[];
  seatLinks?: { seatId: string; seatNumber: number; url: string }[];
};

let t: TestApp;
let server: http.Server;
let port: number;
let trainer: Awaited<ReturnType<typeof signIn>>;
let trainerToken: string;
let otherTrainer: Awaited<ReturnType<typeof signIn>>;
let created: Matrix;
let a: Trainee;
let b: Trainee;

const ok = async (req: Test, status = 200) => {
  const res = await req;
  expect(res.status, `${res.status} ${JSON.stringify(res.body).slice(0, 1500)}`).toBe(status);
  return res;
};
const tw = (path: string) => trainer.agent.post(path).set("X-CSRF-Token", trainer.csrf);
const matrix = async () => (await ok(trainer.agent.get(`/api/workshops/${created.id}`))).body as Matrix;
const cell = (m: Matrix, seatId: string) => m.trainees.find((x) => x.seatId === seatId)!.objectives[OBJECTIVE]!;

async function seatTenantOf(seatId: string): Promise<string> {
  return (await t.db.workshopSeat.findUniqueOrThrow({ where: { id: seatId } })).tenantId;
}

async function join(code: string, displayName: string): Promise<Trainee> {
  const agent = request.agent(t.app);
  const res = await ok(agent.post("/api/workshops/join").send({ code: code.toLowerCase(), displayName }));
  expect(res.headers["set-cookie"]?.[0]).toMatch(/certlab_session=.*HttpOnly; SameSite=Strict/);
  expect(res.body.redirect).toBe("/");
  return { agent, csrf: res.body.csrfToken as string, seatId: res.body.seatId as string, tenantId: await seatTenantOf(res.body.seatId) };
}

/** The objective's shipped solution, sent as the trainee (placeholders resolved against the seat's document). */
async function solve(tr: Trainee) {
  const s = shippedScenario(SCENARIO)!;
  const doc = scenarioDocument(await tenantSnapshot(t.db, tr.tenantId));
  for (const r of s.objectives.find((o) => o.id === OBJECTIVE)!.solution.requests) {
    const path = resolvePlaceholders(r.path, { now: new Date(), doc });
    const body = resolvePlaceholders(r.body, { now: new Date(), doc }) as object | undefined;
    const m = r.method.toLowerCase() as "post" | "patch" | "put" | "delete";
    const res = await tr.agent[m](path).set("X-CSRF-Token", tr.csrf).send(body ?? {});
    expect(res.status, `${r.method} ${path}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.app, users.admin.upn);
  trainerToken = await bearerFor(t.app, users.admin.upn);
  otherTrainer = await signIn(t.app, users.intuneAdmin.upn);
  server = createHttpServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  created = (await ok(tw("/api/workshops").send({ name: "Monday NDES", scenarioId: SCENARIO, seats: 3, timeLimitMinutes: 60, hintPolicy: "trainer-released" }), 201)).body;
}, 180_000);
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

describe("creating a workshop", () => {
  it("makes one new tenant per seat, each with its own admin and the scenario's findings", async () => {
    expect(created.trainees).toHaveLength(3);
    expect(created.joinCode).toMatch(/^[A-Z0-9]{6,8}$/);
    expect(created.seatLinks).toHaveLength(3);
    const seats = await t.db.workshopSeat.findMany({ where: { workshopId: created.id }, orderBy: { seatNumber: "asc" } });
    const tenants = new Set(seats.map((s) => s.tenantId));
    expect(tenants.size).toBe(3);
    for (const s of seats) {
      expect(s.seatTokenHash).toMatch(/^[0-9a-f]{64}$/);
      const domain = await t.db.domain.findFirstOrThrow({ where: { tenantId: s.tenantId, isInitial: true } });
      expect(domain.name).toBe(`ws${created.joinCode.toLowerCase()}-seat${s.seatNumber}.onmicrosoft.com`);
      const admin = await t.db.user.findUniqueOrThrow({ where: { id: s.adminUserId } });
      expect(admin.tenantId).toBe(s.tenantId);
      expect(await t.db.roleAssignment.count({ where: { tenantId: s.tenantId, principalId: admin.id, roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10" } })).toBe(1);
    }
    for (const tr of created.trainees) {
      expect(tr.objectives[OBJECTIVE]).toEqual({ passed: false, activeCodes: [CODE], passedAt: null });
      expect(tr.displayName).toBeNull();
    }
    // The seat links are the only place the tokens appear; the database holds their hashes.
    for (const l of created.seatLinks!) expect(seats.some((s) => l.url.includes(s.seatTokenHash!))).toBe(false);
  });

  it("refuses a bad body naming the field, an unknown scenario, and a role without workshops.manage", async () => {
    const bad = await tw("/api/workshops").send({ name: "x", scenarioId: SCENARIO, seats: 51, timeLimitMinutes: 60, hintPolicy: "on" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { target: string }) => d.target)).toContain("seats");
    const unknown = await tw("/api/workshops").send({ name: "x", scenarioId: "no-such-scenario", seats: 1, timeLimitMinutes: 60, hintPolicy: "on" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].target).toBe("scenarioId");
    const reader = await signIn(t.app, users.reader.upn);
    const denied = await reader.agent.post("/api/workshops").set("X-CSRF-Token", reader.csrf).send({ name: "x", scenarioId: SCENARIO, seats: 1, timeLimitMinutes: 60, hintPolicy: "on" });
    expect(denied.status).toBe(403);
  });

  it("belongs to its trainer: another trainer in the same directory gets 404 and doesn't list it", async () => {
    expect((await otherTrainer.agent.get(`/api/workshops/${created.id}`)).status).toBe(404);
    expect((await otherTrainer.agent.post(`/api/workshops/${created.id}/end`).set("X-CSRF-Token", otherTrainer.csrf)).status).toBe(404);
    expect(((await ok(otherTrainer.agent.get("/api/workshops"))).body.value as unknown[]).length).toBe(0);
    expect(((await ok(trainer.agent.get("/api/workshops"))).body.value as { id: string }[]).map((w) => w.id)).toContain(created.id);
  });
});

describe("trainees", () => {
  it("join by code (public preview first) and by a one-time seat link", async () => {
    const preview = await ok(request(t.app).get(`/api/workshops/join/${created.joinCode}`));
    expect(preview.body).toMatchObject({ name: "Monday NDES", seats: 3, seatsFree: 3, state: "running" });
    a = await join(created.joinCode, "Alice");
    const me = await ok(a.agent.get("/api/session"));
    expect(me.body.tenant.id).toBe(a.tenantId);
    // The session says it is a seat, so the portal asks GET /api/workshop for the Tasks panel (and nobody else does).
    expect(me.body.workshopSeat).toBe(true);
    // Seat 2's link signs a second browser in as seat 2, once.
    const link = new URL(created.seatLinks!.find((l) => l.seatNumber === 2)!.url);
    const agentB = request.agent(t.app);
    const go = await agentB.get(link.pathname);
    expect(go.status).toBe(302);
    expect(go.headers.location).toBe("/");
    const sessionB = await ok(agentB.get("/api/session"));
    b = { agent: agentB, csrf: sessionB.body.csrfToken, seatId: created.seatLinks!.find((l) => l.seatNumber === 2)!.seatId, tenantId: sessionB.body.tenant.id };
    expect(b.tenantId).toBe(await seatTenantOf(b.seatId));
    expect((await request(t.app).get(link.pathname)).status).toBe(404);
    expect((await ok(request(t.app).get(`/api/workshops/join/${created.joinCode}`))).body.seatsFree).toBe(1);
  });

  it("see their tasks without solutions or fault descriptions", async () => {
    const view = (await ok(a.agent.get("/api/workshop"))).body;
    expect(view.workshopName).toBe("Monday NDES");
    expect(view.objectives[0]).toMatchObject({ id: OBJECTIVE, passed: false, points: 3 });
    const text = JSON.stringify(view);
    const s = shippedScenario(SCENARIO)!;
    expect(text).not.toContain(s.objectives[0]!.solution.markdown.slice(0, 30));
    expect(text).not.toContain(s.faults[0]!.description.slice(0, 30));
    expect(text).not.toContain(s.objectives[0]!.hints[0]!.text.slice(0, 30));
    // The demo admin is not in a seat, and its session says so.
    expect((await trainer.agent.get("/api/workshop")).status).toBe(404);
    expect((await ok(trainer.agent.get("/api/session"))).body.workshopSeat).toBe(false);
  });

  it("can't read another seat's lab, the dashboard, or reset their own lab", async () => {
    const bLab = (await ok(b.agent.get("/api/lab"))).body as { servers: { id: string }[] };
    const res = await a.agent.get(`/api/lab/servers/${bLab.servers[0]!.id}`);
    expect(res.status).toBe(404);
    expect((await a.agent.get(`/api/tenants/${b.tenantId}/findings`)).status).toBe(404);
    expect((await a.agent.get(`/api/workshops/${created.id}`)).status).toBe(403);
    expect((await a.agent.get("/api/workshops")).status).toBe(403);
    expect((await a.agent.get(`/api/workshops/${created.id}/events`)).status).toBe(403);
    const reset = await a.agent.post("/api/lab/reset").set("X-CSRF-Token", a.csrf).send({ scenario: "complete" });
    expect(reset.status).toBe(403);
    expect(reset.body.error.message).toMatch(/workshop seat/);
    const load = await a.agent.post("/api/scenarios/load").set("X-CSRF-Token", a.csrf).send({ scenarioId: SCENARIO });
    expect(load.status).toBe(403);
    expect(load.body.error.message).toMatch(/workshop seat/);
    const create = await a.agent.post("/api/workshops").set("X-CSRF-Token", a.csrf).send({ name: "mine", scenarioId: SCENARIO, seats: 1, timeLimitMinutes: 10, hintPolicy: "on" });
    expect(create.status).toBe(403);
  });

  it("hints follow the policy: trainer-released only, then revealed with their penalty", async () => {
    const denied = await a.agent.post("/api/workshop/hints").set("X-CSRF-Token", a.csrf).send({ objectiveId: OBJECTIVE, hintId: "h1" });
    expect(denied.status).toBe(403);
    const badHint = await tw(`/api/workshops/${created.id}/hints/release`).send({ objectiveId: OBJECTIVE, hintId: "h9" });
    expect(badHint.status).toBe(400);
    expect(badHint.body.error.details[0].target).toBe("hintId");
    const released = await ok(tw(`/api/workshops/${created.id}/hints/release`).send({ objectiveId: OBJECTIVE, hintId: "h1" }));
    expect(released.body.releasedHints).toEqual([{ objectiveId: OBJECTIVE, hintId: "h1" }]);
    const view = (await ok(a.agent.post("/api/workshop/hints").set("X-CSRF-Token", a.csrf).send({ objectiveId: OBJECTIVE, hintId: "h1" }))).body;
    const h1 = view.objectives[0].hints.find((h: { id: string }) => h.id === "h1");
    expect(h1).toMatchObject({ revealed: true, available: true, penalty: 1 });
    expect(h1.text).toBe(shippedScenario(SCENARIO)!.objectives[0]!.hints[0]!.text);
    expect(view.objectives[0].hints.find((h: { id: string }) => h.id === "h2")).toMatchObject({ revealed: false, available: false });
    expect(view.objectives[0].hints.find((h: { id: string }) => h.id === "h2").text).toBeUndefined();
  });
});

/** Opens the dashboard's event stream; resolves each parsed matrix event to `onMatrix`. */
function openEvents(onMatrix: (m: Matrix) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: `/api/workshops/${created.id}/events`, headers: { Accept: "text/event-stream", Authorization: `Bearer ${trainerToken}` } }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/event-stream/);
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = /^event: (\w+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (ev === "matrix" && data) onMatrix(JSON.parse(data) as Matrix);
        }
      });
      resolve(req);
    });
    req.on("error", reject);
  });
}

describe("the live matrix", () => {
  it("SSE delivers a matrix event with the trainee's cell passed within 2 s of the fix; score counts the hint's penalty", async () => {
    const events: Matrix[] = [];
    const req = await openEvents((m) => events.push(m));
    try {
      await expect.poll(() => events.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(cell(events[0]!, a.seatId).passed).toBe(false);
      await solve(a);
      const fixedAt = Date.now();
      await expect.poll(() => events.some((m) => cell(m, a.seatId).passed), { timeout: 2_000, interval: 50 }).toBe(true);
      expect(Date.now() - fixedAt).toBeLessThan(2_000);
    } finally {
      req.destroy();
    }
    const m = await matrix();
    const rowA = m.trainees.find((x) => x.seatId === a.seatId)!;
    expect(cell(m, a.seatId)).toMatchObject({ passed: true, activeCodes: [] });
    expect(cell(m, a.seatId).passedAt).toMatch(/^\d{4}-/);
    expect(rowA).toMatchObject({ displayName: "Alice", score: 2, maxScore: 3 });
    expect(cell(m, b.seatId).passed).toBe(false);
    // Short polling (no Accept: text/event-stream) answers the same matrix once.
    const once = await ok(trainer.agent.get(`/api/workshops/${created.id}/events`));
    expect(cell(once.body as Matrix, a.seatId).passed).toBe(true);
    const board = (await ok(trainer.agent.get(`/api/workshops/${created.id}/scoreboard`))).body;
    expect(board.rows[0]).toMatchObject({ rank: 1, name: "Alice", score: 2, objectivesDone: 1 });
  });

  it("the drawer shows the seat's findings and its last audit entries", async () => {
    const d = (await ok(trainer.agent.get(`/api/workshops/${created.id}/seats/${b.seatId}`))).body;
    expect(d.findings.map((f: { code: string }) => f.code)).toContain(CODE);
    expect(d.findings.find((f: { code: string }) => f.code === CODE).injected).toBe(true);
    expect(d.audit.length).toBeGreaterThan(0);
    expect(d.audit.length).toBeLessThanOrEqual(20);
    const da = (await ok(trainer.agent.get(`/api/workshops/${created.id}/seats/${a.seatId}`))).body;
    expect(da.audit[0].initiatedBy).toMatch(/^admin@ws/);
    expect((await trainer.agent.get(`/api/workshops/${created.id}/seats/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it("resetting one seat reloads that lab only: its cell fails again, the other seats' rows are untouched", { timeout: 120_000 }, async () => {
    const bBefore = await tenantRows(t.db, b.tenantId);
    const row = (await ok(tw(`/api/workshops/${created.id}/seats/${a.seatId}/reset`))).body;
    expect(row.objectives[OBJECTIVE]).toEqual({ passed: false, activeCodes: [CODE], passedAt: null });
    expect(row.resets).toBe(1);
    expect(await tenantRows(t.db, b.tenantId)).toEqual(bBefore);
    // Fix again, then reset only the objective.
    await solve(a);
    expect(cell(await matrix(), a.seatId).passed).toBe(true);
    const o = (await ok(tw(`/api/workshops/${created.id}/seats/${a.seatId}/objectives/${OBJECTIVE}/reset`))).body;
    expect(o.objectives[OBJECTIVE].passed).toBe(false);
    expect(await tenantRows(t.db, b.tenantId)).toEqual(bBefore);
    const log = (await ok(trainer.agent.get(`/api/workshops/${created.id}/events/log`))).body.value.map((e: { type: string }) => e.type);
    expect(log).toEqual(expect.arrayContaining(["created", "joined", "hint.released", "hint.revealed", "objective.passed", "lab.reset", "objective.reset"]));
  });

  it("exports one row per joined trainee × objective (CSV and JSON)", async () => {
    const csv = await ok(trainer.agent.get(`/api/workshops/${created.id}/export.csv`));
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("seat,name,seed,objective,passed,passedAt,points,hintsUsed");
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(cells.map((c) => [c[0], c[1], c[3]].join(","))).toEqual([`1,Alice,${OBJECTIVE}`, `2,Seat 2,${OBJECTIVE}`]);
    // Each seat's lab seed (the variant it got): the workshop's seed plus the seat's index.
    expect(Number(cells[1]![2]) - Number(cells[0]![2])).toBe(1);
    expect(cells[0]![7]).toBe("1");
    const json = (await ok(trainer.agent.get(`/api/workshops/${created.id}/export.json`))).body;
    expect(json.value).toHaveLength(2);
  });
});

describe("ending", () => {
  it("when the time is up trainee writes are refused; extending gives the time back from now", async () => {
    const proxy = (name: string) => a.agent.post(`/api/lab/reverse-proxies`).set("X-CSRF-Token", a.csrf).send({ kind: "thirdParty", displayName: name, preauth: "passthrough", externalHostName: `${name}.example.com` });
    await t.db.workshop.update({ where: { id: created.id }, data: { endsAt: new Date(Date.now() - 60_000) } });
    const refused = await proxy("timeup");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("The workshop has ended.");
    expect((await ok(a.agent.get("/api/workshop"))).body.state).toBe("ended");
    expect((await matrix()).state).toBe("ended");
    const reopened = (await ok(tw(`/api/workshops/${created.id}/extend`).send({ minutes: 15 }))).body;
    expect(reopened.state).toBe("running");
    expect(Date.parse(reopened.endsAt)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await proxy("extended")).status).toBe(201);
  });

  it("extending one seat gives only that trainee more time, past the workshop's end", async () => {
    const proxy = (tr: Trainee, name: string) => tr.agent.post(`/api/lab/reverse-proxies`).set("X-CSRF-Token", tr.csrf).send({ kind: "thirdParty", displayName: name, preauth: "passthrough", externalHostName: `${name}.example.com` });
    const w = (await matrix()) as Matrix & { endsAt: string };
    const row = (await ok(tw(`/api/workshops/${created.id}/seats/${a.seatId}/extend`).send({ minutes: 10 }))).body as { seatId: string; endsAt: string };
    expect(row.seatId).toBe(a.seatId);
    expect(Date.parse(row.endsAt) - Date.parse(w.endsAt)).toBe(10 * 60_000);
    const m = (await matrix()) as Matrix & { endsAt: string };
    expect(m.endsAt).toBe(w.endsAt);
    expect(m.trainees.find((x) => x.seatId === a.seatId)!.endsAt).toBe(row.endsAt);
    expect(m.trainees.find((x) => x.seatId === b.seatId)!.endsAt).toBeNull();
    expect((await ok(a.agent.get("/api/workshop"))).body.endsAt).toBe(row.endsAt);
    expect((await ok(b.agent.get("/api/workshop"))).body.endsAt).toBe(w.endsAt);

    // The workshop's time runs out: Alice (extended) still works, Bob is read-only; seat actions follow the seat.
    const saved = await t.db.workshop.findUniqueOrThrow({ where: { id: created.id } });
    await t.db.workshop.update({ where: { id: created.id }, data: { endsAt: new Date(Date.now() - 60_000) } });
    try {
      expect((await proxy(a, "alice-extra")).status).toBe(201);
      const refused = await proxy(b, "bob-late");
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("The workshop has ended.");
      expect((await ok(a.agent.get("/api/workshop"))).body.state).toBe("running");
      expect((await ok(b.agent.get("/api/workshop"))).body.state).toBe("ended");
      expect((await matrix()).state).toBe("ended");
      expect((await tw(`/api/workshops/${created.id}/seats/${b.seatId}/link`)).status).toBe(409);
      expect((await tw(`/api/workshops/${created.id}/seats/${a.seatId}/link`)).status).toBe(200);
      // Extending again adds to the seat's own end, which is still ahead.
      const again = (await ok(tw(`/api/workshops/${created.id}/seats/${a.seatId}/extend`).send({ minutes: 5 }))).body as { endsAt: string };
      expect(Date.parse(again.endsAt) - Date.parse(row.endsAt)).toBe(5 * 60_000);
    } finally {
      await t.db.workshop.update({ where: { id: created.id }, data: { endsAt: saved.endsAt } });
    }
    expect((await tw(`/api/workshops/${created.id}/seats/${a.seatId}/extend`).send({ minutes: 0 })).status).toBe(400);
    expect((await tw(`/api/workshops/${created.id}/seats/00000000-0000-0000-0000-000000000000/extend`).send({ minutes: 5 })).status).toBe(404);
    expect((await otherTrainer.agent.post(`/api/workshops/${created.id}/seats/${a.seatId}/extend`).set("X-CSRF-Token", otherTrainer.csrf).send({ minutes: 5 })).status).toBe(404);
    expect((await a.agent.post(`/api/workshops/${created.id}/seats/${a.seatId}/extend`).set("X-CSRF-Token", a.csrf).send({ minutes: 5 })).status).toBe(403);
    const log = (await ok(trainer.agent.get(`/api/workshops/${created.id}/events/log`))).body.value as { type: string; seatId: string | null; data: { minutes: number } }[];
    expect(log.filter((e) => e.type === "seat.extended").map((e) => [e.seatId, e.data.minutes])).toEqual([[a.seatId, 10], [a.seatId, 5]]);
  });

  it("extend moves endsAt; end refuses trainee writes, hints and new joins with 'The workshop has ended'", async () => {
    const before = (await matrix()) as Matrix & { endsAt: string };
    const ext = (await ok(tw(`/api/workshops/${created.id}/extend`).send({ minutes: 15 }))).body;
    expect(Date.parse(ext.endsAt) - Date.parse(before.endsAt)).toBe(15 * 60_000);
    expect((await tw(`/api/workshops/${created.id}/extend`).send({ minutes: 0 })).status).toBe(400);
    const ended = (await ok(tw(`/api/workshops/${created.id}/end`))).body;
    expect(ended.state).toBe("ended");
    // Ending ends every seat, Alice's extended one too (the write below), and no seat can be extended any more.
    expect((await tw(`/api/workshops/${created.id}/seats/${a.seatId}/extend`).send({ minutes: 5 })).status).toBe(409);
    const write = await a.agent.post(`/api/lab/reverse-proxies`).set("X-CSRF-Token", a.csrf).send({ kind: "thirdParty", displayName: "late", preauth: "passthrough", externalHostName: "late.example.com" });
    expect(write.status).toBe(403);
    expect(write.body.error.message).toBe("The workshop has ended.");
    const graphWrite = await a.agent.post("/graph/beta/groups").set("X-CSRF-Token", a.csrf).send({ displayName: "late", mailEnabled: false, mailNickname: "late", securityEnabled: true });
    expect(graphWrite.status).toBe(403);
    expect((await a.agent.post("/api/workshop/hints").set("X-CSRF-Token", a.csrf).send({ objectiveId: OBJECTIVE, hintId: "h1" })).status).toBe(403);
    const late = await request(t.app).post("/api/workshops/join").send({ code: created.joinCode, displayName: "Late" });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toBe("The workshop has ended.");
    // Reads still work: the trainee sees the result, the trainer the matrix.
    expect((await ok(a.agent.get("/api/workshop"))).body.state).toBe("ended");
    expect((await tw(`/api/workshops/${created.id}/seats/${a.seatId}/reset`)).status).toBe(409);
  });
});
