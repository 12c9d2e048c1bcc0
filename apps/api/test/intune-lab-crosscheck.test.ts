// The "done when" flow at the API level: in the correct lab, export the root CA certificate
// (certutil -ca.cert), create an iOS trusted certificate profile from it and an iOS SCEP profile that references it
// with the NDES URL, assign both to the same group — no findings on them; then the wizard switches key usage to
// Digital signature only and PROF_KEYUSAGE_REGISTRY_MISMATCH appears before saving (the same rule Health runs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { CONFIGS, client, created, scepBody, trustedBody, type Client } from "./intune-fixtures.ts";

let t: TestApp;
let admin: Client;
let token: string;

type Finding = { code: string; severity: string; message: string; objects: { id: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  token = await bearerFor(t.app, users.admin.upn);
  admin = client(t.app, token);
});
afterAll(async () => {
  await t?.close();
});

/** GET a binary body (the exported .cer) as a Buffer. */
async function download(path: string): Promise<Buffer> {
  const res = await request(t.app)
    .get(path)
    .set("Authorization", `Bearer ${token}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

describe("SCEP profile against the lab's NDES", () => {
  it("correct lab + iOS root + iOS SCEP assigned to the same group: no findings; Digital signature only → PROF_KEYUSAGE_REGISTRY_MISMATCH", async () => {
    const reset = await admin.post("/api/lab/reset", { scenario: "correct" });
    expect(reset.status, JSON.stringify(reset.body).slice(0, 500)).toBe(200);
    const cas = (await admin.get("/api/lab/cas")).body.value as { id: string; name: string }[];
    const rootCa = cas.find((c) => c.name === "Contoso Root CA")!;
    expect(rootCa, JSON.stringify(cas.map((c) => c.name))).toBeTruthy();
    const cer = await download(`/api/lab/cas/${rootCa.id}/certificate?format=der`);
    const servers = (await admin.get("/api/lab/servers")).body.value as { name: string; fqdn: string }[];
    const ndes = servers.find((s) => s.name === "NDES01")!;
    const url = `https://${ndes.fqdn}/certsrv/mscep/mscep.dll`;
    // NDES published to the internet under the same name (split-brain DNS, inbound 443 to NDES)
    const network = await admin.patch("/api/lab/network", { inbound443ToNdesFromInternet: true, externalDnsRecords: [{ name: ndes.fqdn, type: "A", value: "203.0.113.10" }] });
    expect(network.status, JSON.stringify(network.body)).toBe(200);

    const root = await created(await admin.post(CONFIGS, trustedBody("iOS", cer.toString("base64"), { certFileName: "root.cer" })));
    expect(root["trustedRootCertificate@certlab.certificateInfo"]).toMatchObject({ isCa: true, subject: expect.stringContaining("CN=Contoso Root CA") });
    const scep = await created(await admin.post(CONFIGS, scepBody("iOS", root.id, { scepServerUrls: [url], subjectNameFormat: "commonName", subjectNameFormatString: null })));
    const group = { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: DEMO.contoso.pilotGroupId } };
    for (const id of [root.id, scep.id]) expect((await admin.post(`${CONFIGS}/${id}/assign`, { assignments: [group] })).status).toBe(200);

    const findings = (await admin.get(`/api/tenants/${DEMO.contoso.tenantId}/findings`)).body.value as Finding[];
    const onProfiles = findings.filter((f) => f.severity !== "info" && f.objects.some((o) => o.id === root.id || o.id === scep.id));
    expect(onProfiles.map((f) => `${f.code}: ${f.message}`)).toEqual([]);

    // The wizard, editing the SCEP profile: key usage Digital signature only, before saving.
    const draft = await admin.post("/api/intune/profile-drafts/evaluate", { existingId: scep.id, draft: { keyUsage: "digitalSignature" } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const codes = (draft.body.value as Finding[]).map((f) => f.code);
    expect(codes).toContain("PROF_KEYUSAGE_REGISTRY_MISMATCH");
    expect((draft.body.value as Finding[]).find((f) => f.code === "PROF_KEYUSAGE_REGISTRY_MISMATCH")!.message).toContain("SignatureTemplate");

    // Saving is allowed (as in the portal); the finding then shows on the tenant too.
    expect((await admin.patch(`${CONFIGS}/${scep.id}`, { keyUsage: "digitalSignature" })).status).toBe(200);
    const after = (await admin.get(`/api/tenants/${DEMO.contoso.tenantId}/findings`)).body.value as Finding[];
    expect(after.some((f) => f.code === "PROF_KEYUSAGE_REGISTRY_MISMATCH" && f.objects.some((o) => o.id === scep.id))).toBe(true);
  });
});
