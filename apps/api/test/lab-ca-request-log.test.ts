// The CA's request log (certsrv Issued Certificates / Failed Requests) lives in CaRequest rows, one per request,
// not in the CA's LabObject JSON: SCEP enrollments (device Sync through NDES) and console requests append rows
// with request ids 2, 3, … per CA (also when they run at the same time), never rewrite the CA row, and the rows
// go with their CA when the lab is reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { COMPLETE_SETUP } from "@certlab/domain/setup/complete-setup";
import { bearerFor, createTestApp, DEMO, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";
import { insertCaRequest, nextCaRequestId } from "../src/store/lab/state.ts";

let t: TestApp;
let auth: Record<string, string>;
let issuingCaId: string;
let rootCaId: string;
let scepUserId: string;

type Entry = { requestId: number; disposition: string; subject: string; serialNumber?: string; submittedDateTime: string };
const log = async (caId: string, disposition?: string) => {
  const r = await request(t.app).get(`/api/lab/cas/${caId}/requests${disposition ? `?disposition=${disposition}` : ""}`).set(auth);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.value as Entry[];
};
const caRow = async (id: string) => t.db.labObject.findUniqueOrThrow({ where: { id } });
const consecutiveFrom2 = (ids: number[]) => ids.map((_, i) => i + 2);

beforeAll(async () => {
  t = await createTestApp();
  auth = { Authorization: `Bearer ${await bearerFor(t.app, DEMO.contoso.users.admin.upn)}` };
  const reset = await request(t.app).post("/api/lab/reset").set(auth).send({ scenario: "complete" });
  expect(reset.status, JSON.stringify(reset.body).slice(0, 500)).toBe(200);
  const cas = reset.body.cas as { id: string; parentCaId?: string }[];
  issuingCaId = cas.find((c) => c.parentCaId)!.id;
  rootCaId = cas.find((c) => !c.parentCaId)!.id;
  const groups = await request(t.app).get(`${GRAPH}/groups?$filter=displayName eq '${COMPLETE_SETUP.scepGroup.displayName}'`).set(auth);
  const members = await request(t.app).get(`${GRAPH}/groups/${groups.body.value[0].id as string}/members`).set(auth);
  scepUserId = (members.body.value as { id: string }[])[0]!.id;
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe("the CA request log in CaRequest rows", () => {
  it("a reset seeds the log as rows (root CA: the issuing CA's certificate is request 2), not in the CA's JSON", async () => {
    for (const id of [issuingCaId, rootCaId]) expect(JSON.parse((await caRow(id)).data)).not.toHaveProperty("requests");
    const root = await log(rootCaId);
    expect(root.length).toBeGreaterThan(0);
    expect(root.map((x) => x.requestId)).toEqual(consecutiveFrom2(root.map((x) => x.requestId)));
    expect(await t.db.caRequest.count({ where: { caId: rootCaId } })).toBe(root.length);
  });

  it("N enrollments at the same time: ids 2, 3, … in order, the CA row untouched and without `requests`", async () => {
    const before = await caRow(issuingCaId);
    const seeded = (await log(issuingCaId)).length;
    const N = 5;
    const devices: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await request(t.app).post("/api/intune/devices").set(auth).send({ deviceName: `Log-iPhone-${i}`, platform: "iOS", userId: scepUserId });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      devices.push(r.body.id as string);
    }
    const syncs = await Promise.all(devices.map((id) => request(t.app).post(`/api/intune/devices/${id}/sync`).set(auth)));
    const issuedIds: number[] = [];
    for (const s of syncs) {
      expect(s.status, JSON.stringify(s.body).slice(0, 1000)).toBe(200);
      const scep = (s.body.traces as { outcome: string; ca?: { requestId?: number; disposition: string } }[]).find((x) => x.ca?.disposition === "issued");
      expect(scep, JSON.stringify(s.body.traces).slice(0, 1000)).toBeDefined();
      issuedIds.push(scep!.ca!.requestId!);
    }
    expect(new Set(issuedIds).size).toBe(N);

    const after = await caRow(issuingCaId);
    expect(JSON.parse(after.data)).not.toHaveProperty("requests");
    // An enrollment appends a row; it does not rewrite the CA.
    expect(after.version).toBe(before.version);
    expect(after.data).toBe(before.data);

    const all = await log(issuingCaId);
    expect(all).toHaveLength(seeded + N);
    expect(all.map((x) => x.requestId)).toEqual(consecutiveFrom2(all.map((x) => x.requestId)));
    for (const id of issuedIds) expect(all.find((x) => x.requestId === id)).toMatchObject({ disposition: "issued", subject: expect.stringContaining("CN=") });
    expect((await log(issuingCaId, "issued")).map((x) => x.requestId)).toEqual(all.filter((x) => x.disposition === "issued").map((x) => x.requestId));
    expect(await log(issuingCaId, "failed")).toEqual(all.filter((x) => x.disposition === "failed"));
    for (const x of all) expect(Number.isNaN(Date.parse(x.submittedDateTime))).toBe(false);
  }, 120_000);

  it("a console request takes the next id after the enrollments", async () => {
    const last = (await log(issuingCaId)).at(-1)!.requestId;
    const r = await request(t.app).post(`/api/lab/cas/${issuingCaId}/requests`).set(auth).send({ account: "CONTOSO\\Administrator", template: "IntuneSCEP", subject: "CN=console" });
    expect([200, 201, 202], JSON.stringify(r.body)).toContain(r.status);
    expect(r.body.requestId).toBe(last + 1);
    expect((await log(issuingCaId)).at(-1)).toMatchObject({ requestId: last + 1, disposition: r.body.disposition });
    expect(JSON.parse((await caRow(issuingCaId)).data)).not.toHaveProperty("requests");
  });

  it("two writers taking the same request id: the second one answers the concurrent-change 412 (enroll retries it)", async () => {
    const tenantId = DEMO.contoso.tenantId;
    const requestId = await t.db.$transaction((tx) => nextCaRequestId(tx, issuingCaId));
    const entry = { requestId, disposition: "failed" as const, requesterName: "CONTOSO\\x", template: "IntuneSCEP", subject: "CN=race", submittedDateTime: new Date().toISOString(), statusCode: "0x80094012", statusMessage: "denied" };
    await t.db.$transaction((tx) => insertCaRequest(tx, tenantId, issuingCaId, entry));
    await expect(t.db.$transaction((tx) => insertCaRequest(tx, tenantId, issuingCaId, entry))).rejects.toMatchObject({ status: 412, message: expect.stringMatching(/modified by another request/) });
    expect((await log(issuingCaId)).at(-1)).toMatchObject({ requestId, subject: "CN=race", statusCode: "0x80094012" });
  });

  it("resetting the lab removes its CaRequest rows with the CAs (cascade)", async () => {
    const tenantId = DEMO.contoso.tenantId;
    expect(await t.db.caRequest.count({ where: { caId: issuingCaId } })).toBeGreaterThan(0);
    const reset = await request(t.app).post("/api/lab/reset").set(auth).send({ scenario: "fresh" });
    expect(reset.status, JSON.stringify(reset.body).slice(0, 500)).toBe(200);
    expect(await t.db.caRequest.count({ where: { caId: { in: [issuingCaId, rootCaId] } } })).toBe(0);
    // What is left is the new lab's seeded log only, on its own CAs.
    const newCaIds = (reset.body.cas as { id: string }[]).map((c) => c.id);
    const rows = await t.db.caRequest.findMany({ where: { tenantId } });
    expect(rows.every((r) => newCaIds.includes(r.caId))).toBe(true);
    // Deleting the CA's row (as a reset does) takes its log with it.
    const someCa = newCaIds.find((id) => rows.some((r) => r.caId === id));
    if (someCa) {
      await t.db.labObject.delete({ where: { id: someCa } });
      expect(await t.db.caRequest.count({ where: { caId: someCa } })).toBe(0);
    }
  });
});
