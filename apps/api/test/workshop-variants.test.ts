// Per-lab variants (issue 11; packages/domain/src/scenarios/variables.ts): a scenario's variables take the values the
// lab's seed picks. POST /api/scenarios/load records the seed and the values, GET /api/scenarios/status shows them,
// the trainee's texts (GET /api/scenarios/{id}, GET /api/workshop) show that lab's values; in a workshop each seat has
// its own seed (the workshop's seed + the seat's index), so neighbours get different labs, a seat reset reloads the
// same variant, and the trainer's drawer and JSON export show every seat's seed and values. The scenario is the
// shipped mscep-registry-wrong-template: which display name the registry holds varies per lab.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAtPointer, scenarioDocument } from "@certlab/domain/scenarios/document";
import { resolveVariables } from "@certlab/domain/scenarios/variables";
import type { ScenarioStatus } from "../src/scenarios/load.ts";
import { tenantSnapshot } from "../src/store/snapshot.ts";
import { seatSeed, shippedScenario } from "../src/workshops/scenario-port.ts";
import { createTestApp, DEMO, expectStatus as ok, signIn, users, type Agent, type TestApp } from "./harness.ts";

const SCENARIO = "mscep-registry-wrong-template";
const REGISTRY = "/lab/ndes/NDES01/mscepRegistry/GeneralPurposeTemplate";

let t: TestApp;
let trainer: Agent;
type Variant = { seed: number; vars: Record<string, string | number> };
type Seat = { seatId: string; seatNumber: number; variant: Variant; objectives: Record<string, { passed: boolean }> };
let workshop: { id: string; seed: number; joinCode: string; trainees: { seatId: string; seatNumber: number }[] };
let trainee: { agent: ReturnType<typeof request.agent>; csrf: string; seatId: string };

const post = (path: string, body: object = {}) => trainer.agent.post(path).set("X-CSRF-Token", trainer.csrf).send(body);
const registryOf = async (tenantId: string) => getAtPointer(scenarioDocument(await tenantSnapshot(t.db, tenantId)), REGISTRY);
const drawer = async (seatId: string) => (await ok(trainer.agent.get(`/api/workshops/${workshop.id}/seats/${seatId}`))).body as Seat;
const tenantOf = async (seatId: string) => (await t.db.workshopSeat.findUniqueOrThrow({ where: { id: seatId } })).tenantId;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.app, users.admin.upn);
}, 60_000);
afterAll(async () => t?.close());

describe("a scenario with variables", () => {
  it("is loaded with the seed given: status shows the seed and the values, the lab and the trainee's texts have them", async () => {
    const scenario = shippedScenario(SCENARIO)!;
    expect(Object.keys(scenario.variables ?? {})).toEqual(["displayName"]);
    const seen = new Set<string>();
    for (const seed of [0, 1]) {
      const loaded = (await ok(post("/api/scenarios/load", { scenarioId: SCENARIO, seed }))).body as ScenarioStatus;
      const want = resolveVariables(scenario, seed);
      expect(loaded.scenario).toMatchObject({ id: SCENARIO, seed, vars: want });
      expect(loaded.objectives[0]).toMatchObject({ passed: false, activeCodes: ["NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "PROF_KEYUSAGE_REGISTRY_MISMATCH"] });
      expect((await ok(trainer.agent.get("/api/scenarios/status"))).body.scenario).toMatchObject({ seed, vars: want });
      expect(await registryOf(DEMO.contoso.tenantId)).toBe(want.displayName);
      // The trainee's copy of the file: this lab's value in the ticket, no variable declarations, no solution.
      const pub = (await ok(trainer.agent.get(`/api/scenarios/${SCENARIO}`))).body;
      expect(pub.briefing.markdown).toContain(`**${String(want.displayName)}**`);
      expect(pub.briefing.markdown).not.toContain("{{var.");
      expect(pub.variables).toBeUndefined();
      expect(pub.seed).toBe(seed);
      seen.add(String(want.displayName));
    }
    expect(seen.size).toBe(2);
    const bad = await post("/api/scenarios/load", { scenarioId: SCENARIO, seed: -1 });
    expect(bad.status).toBe(400);
  });

  it("refuses an uploaded file naming an unknown variable, with its path", async () => {
    const file = structuredClone(shippedScenario(SCENARIO)!) as unknown as { objectives: { task: string }[] };
    file.objectives[0]!.task = "Fix {{var.nope}}.";
    const res = await post("/api/scenarios/load", { scenario: file });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ target: "scenario/objectives/0/task", message: expect.stringMatching(/no variable 'nope'/) }));
  });
});

describe("a workshop of a scenario with variables", () => {
  beforeAll(async () => {
    workshop = (await ok(post("/api/workshops", { name: "Variants", scenarioId: SCENARIO, seats: 2, timeLimitMinutes: 30, hintPolicy: "on" }), 201)).body;
  }, 180_000);

  it("gives each seat its own seed and neighbouring seats different values; the drawer and the export show them", async () => {
    const [one, two] = workshop.trainees;
    const d1 = await drawer(one!.seatId);
    const d2 = await drawer(two!.seatId);
    expect(d1.variant.seed).toBe(seatSeed(workshop, 1));
    expect(d2.variant.seed).toBe(seatSeed(workshop, 2));
    expect(d2.variant.seed).not.toBe(d1.variant.seed);
    expect(d1.variant.vars.displayName).not.toBe(d2.variant.vars.displayName);
    // Each seat's lab really holds its own value, and both raise the scenario's codes.
    expect(await registryOf(await tenantOf(one!.seatId))).toBe(d1.variant.vars.displayName);
    expect(await registryOf(await tenantOf(two!.seatId))).toBe(d2.variant.vars.displayName);
    expect(d1.objectives["o-template-name"]!.passed).toBe(false);
    expect(d2.objectives["o-template-name"]!.passed).toBe(false);
    const exported = (await ok(trainer.agent.get(`/api/workshops/${workshop.id}/export.json`))).body as { seats: (Variant & { seat: number })[] };
    expect(exported.seats.map((s) => [s.seat, s.seed, s.vars])).toEqual([
      [1, d1.variant.seed, d1.variant.vars],
      [2, d2.variant.seed, d2.variant.vars],
    ]);
  });

  it("shows the trainee the ticket with their own value", async () => {
    const agent = request.agent(t.app);
    const joined = await ok(agent.post("/api/workshops/join").send({ code: workshop.joinCode, displayName: "Ada" }));
    trainee = { agent, csrf: joined.body.csrfToken as string, seatId: joined.body.seatId as string };
    const view = (await ok(agent.get("/api/workshop"))).body as { seatNumber: number; briefing: string; objectives: { task: string }[] };
    const mine = await drawer(joined.body.seatId as string);
    expect(view.seatNumber).toBe(mine.seatNumber);
    expect(view.briefing).toContain(`**${String(mine.variant.vars.displayName)}**`);
    expect(JSON.stringify(view)).not.toContain("{{var.");
    const other = await drawer(workshop.trainees.find((s) => s.seatId !== joined.body.seatId)!.seatId);
    expect(view.briefing).not.toContain(`**${String(other.variant.vars.displayName)}**`);
  });

  it("keeps a seat's variant when the trainer resets the seat", async () => {
    const seat = workshop.trainees.find((s) => s.seatId === trainee.seatId)!;
    const before = await drawer(seat.seatId);
    const tenantId = await tenantOf(seat.seatId);
    // The trainee fixes the registry; the reset puts this seat's own wrong value back, not another seat's.
    const server = getAtPointer(scenarioDocument(await tenantSnapshot(t.db, tenantId)), "/lab/servers/NDES01/id") as string;
    await ok(trainee.agent.patch(`/api/lab/servers/${server}/registry/mscep`).set("X-CSRF-Token", trainee.csrf).send({ GeneralPurposeTemplate: "IntuneSCEP" }));
    expect(await registryOf(tenantId)).toBe("IntuneSCEP");
    await ok(post(`/api/workshops/${workshop.id}/seats/${seat.seatId}/reset`));
    const after = await drawer(seat.seatId);
    expect(after.variant).toEqual(before.variant);
    expect(await registryOf(tenantId)).toBe(before.variant.vars.displayName);
    const active = await t.db.activeScenario.findUniqueOrThrow({ where: { tenantId } });
    expect(active.seed).toBe(seatSeed(workshop, seat.seatNumber));
  }, 60_000);
});
