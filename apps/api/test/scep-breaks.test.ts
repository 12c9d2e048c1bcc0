// Issue 10: lab misconfigurations break the real protocol exchange the way rules-reference.md Part B says (Hop 3:
// 503 for the app pool, 500 for NDES's RA certificates, 414 for the URL limits; Hop 4/5: the connector's 4005;
// Hop 6: the CA's Failed Requests with NDES Event 31), and tampered, replayed, expired and mismatched challenges
// get a signed CertRep FAILURE (badRequest) — never a certificate. Each case starts from the correct lab.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import request from "supertest";
import { mintChallenge } from "@certlab/pki/scep/challenge";
import { GRAPH } from "./helpers.ts";
import { consumeChallenge } from "../src/scep/challenges.ts";
import { caVersionAndNextRequestId, insertCaRequestRaw } from "../src/store/lab/state.ts";
import { mint, publishNdes, resetCorrect, scepclient, scepProfile, startScepLab, strongswan, TENANT, type ScepLab } from "./scep-helpers.ts";

let lab: ScepLab;
let profile: string;
let appId: string;
const base = () => `/scep/${TENANT}/ndes01.corp.contoso.com/certsrv/mscep/mscep.dll`;
const localInternal = () => `${lab.origin}${base()}`;
const localExternal = () => `${lab.origin}/scep/${TENANT}/ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll`;

beforeAll(async () => {
  lab = await startScepLab();
  profile = await scepProfile(lab, "SCEP scepclient", "CN={{DeviceName}},OU=MDM,O=scep-client,C=US");
  appId = await publishNdes(lab);
}, 120_000);
beforeEach(async () => resetCorrect(lab), 60_000);
afterAll(async () => lab?.close());

const requests = async (disposition: "issued" | "failed") =>
  (await request(lab.t.app).get(`/api/lab/cas/${lab.issuingCaId}/requests?disposition=${disposition}`).set(lab.auth)).body.value as { subject: string; statusCode?: string; template: string }[];

async function enrollFails(device: string, url = localInternal()) {
  const ch = await mint(lab, profile, device);
  const r = await scepclient(lab, url, ch.challenge, device, device);
  expect(r.status, r.output).not.toBe(0);
  expect((await requests("issued")).some((q) => q.subject.includes(`CN=${device}`))).toBe(false);
  return r;
}

describe("lab breaks, seen by a real client", () => {
  it("SCEP application pool stopped → HTTP 503 (NDES_APPPOOL_STOPPED)", async () => {
    const p = await request(lab.t.app).patch(`/api/lab/servers/${lab.ndesServerId}/iis/app-pools/SCEP`).set(lab.auth).send({ state: "stopped" });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const caps = await request(lab.t.app).get(`${base()}?operation=GetCACaps&message=default`);
    expect(caps.status).toBe(503);
    expect(caps.headers["x-certlab-reason-codes"]).toContain("NDES_APPPOOL_STOPPED");
    const r = await enrollFails("go-pool");
    expect(r.output).toContain("503");
  }, 120_000);

  it("MSCEP GeneralPurposeTemplate names a template the CA does not issue → CertRep FAILURE, CA Failed Request 0x80094800", async () => {
    const p = await request(lab.t.app).patch(`/api/lab/servers/${lab.ndesServerId}/registry/mscep`).set(lab.auth).send({ GeneralPurposeTemplate: "IntuneSCEPv2" });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    // Until NDES restarts, the policy module isn't answering (NDES_NOT_RESTARTED); restart as seed 001 says.
    expect((await request(lab.t.app).get(base())).status).toBe(200);
    expect((await request(lab.t.app).post(`/api/lab/servers/${lab.ndesServerId}/restart`).set(lab.auth)).status).toBe(200);
    const r = await enrollFails("go-registry");
    expect(r.output, r.output).toContain("badRequest");
    const failed = (await requests("failed")).find((q) => q.subject.includes("CN=go-registry"));
    expect(failed).toMatchObject({ statusCode: "0x80094800", template: "IntuneSCEPv2" });
  }, 120_000);

  it("NDES service account without Request Certificates on the CA → FAILURE, Failed Request 0x80094011", async () => {
    // AD CS gives Authenticated Users Request Certificates by default: both entries go.
    for (const principal of ["CONTOSO\\svc-ndes", "Authenticated Users"]) {
      const p = await request(lab.t.app).delete(`/api/lab/cas/${lab.issuingCaId}/acl/${encodeURIComponent(principal)}`).set(lab.auth);
      expect(p.status, JSON.stringify(p.body)).toBe(204);
    }
    const r = await enrollFails("go-caacl");
    expect(r.output).toContain("badRequest");
    expect((await requests("failed")).find((q) => q.subject.includes("CN=go-caacl"))).toMatchObject({ statusCode: "0x80094011" });
  }, 120_000);

  it("Template minimum key size above the profile's 2048 bits → FAILURE, Failed Request 0x80094811 (TPL_MIN_KEY_SIZE_GT_PROFILE)", async () => {
    const templates = await request(lab.t.app).get("/api/lab/templates").set(lab.auth);
    const scep = ((templates.body.value ?? templates.body) as { id: string; name: string }[]).find((x) => x.name === "IntuneSCEP")!;
    const p = await request(lab.t.app).patch(`/api/lab/templates/${scep.id}/cryptography`).set(lab.auth).send({ minimumKeySize: 4096 });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const r = await enrollFails("go-keysize");
    expect(r.output).toContain("badRequest");
    expect((await requests("failed")).find((q) => q.subject.includes("CN=go-keysize"))).toMatchObject({ statusCode: "0x80094811", template: "IntuneSCEP" });
  }, 120_000);

  it("Certification Authority service stopped → FAILURE (RPC 0x800706ba); the CA records nothing", async () => {
    const p = await request(lab.t.app).patch(`/api/lab/cas/${lab.issuingCaId}`).set(lab.auth).send({ running: false });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const r = await enrollFails("go-castopped");
    expect(r.output).toContain("badRequest");
    expect(await requests("failed")).toHaveLength(0);
  }, 120_000);

  it("Certificate connector service stopped → the policy module can't verify with Intune (4005): FAILURE", async () => {
    const p = await request(lab.t.app).patch(`/api/lab/servers/${lab.ndesServerId}/services/PFXCertificateConnectorSvc`).set(lab.auth).send({ status: "stopped" });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const r = await enrollFails("go-connector");
    expect(r.output).toContain("badRequest");
    expect(await requests("failed")).toHaveLength(0); // the request never reached the CA
  }, 120_000);

  it("RA certificate (CEP Encryption) deleted from the NDES server → 500 on GetCACert", async () => {
    const servers = await request(lab.t.app).get(`/api/lab/servers/${lab.ndesServerId}/certificates`).set(lab.auth);
    const cep = (servers.body.my as { thumbprint: string; template?: string }[]).find((c) => c.template === "CEPEncryption")!;
    const del = await request(lab.t.app).delete(`/api/lab/servers/${lab.ndesServerId}/certificates/my/${cep.thumbprint}`).set(lab.auth);
    expect(del.status, JSON.stringify(del.body)).toBe(204);
    const cert = await request(lab.t.app).get(`${base()}?operation=GetCACert&message=ca`);
    expect(cert.status).toBe(500);
    const r = await enrollFails("go-ra");
    expect(r.output).toContain("500");
  }, 120_000);

  it("RA certificates expired → 500 - Internal server error (NDES_RA_CERTS_EXPIRED)", async () => {
    // Two years on: the RA certificates' NotAfter is in the past (written into the stored NDES, as time would).
    const row = await lab.t.db.labObject.findFirstOrThrow({ where: { tenantId: TENANT, kind: "ndes" } });
    const ndes = JSON.parse(row.data) as { raCertificates: { notAfter: string }[] };
    for (const c of ndes.raCertificates) c.notAfter = new Date(Date.now() - 86_400_000).toISOString();
    await lab.t.db.labObject.update({ where: { id: row.id }, data: { data: JSON.stringify(ndes), version: { increment: 1 } } });
    const caps = await request(lab.t.app).get(`${base()}?operation=GetCACaps`);
    expect(caps.status).toBe(500);
    expect(caps.headers["x-certlab-reason-codes"]).toContain("NDES_RA_CERTS_EXPIRED");
    const r = await enrollFails("go-raexp");
    expect(r.output).toContain("500");
  }, 120_000);

  it("Request filtering maxQueryString at the IIS default → a GET PKIOperation URL is refused with 414", async () => {
    const p = await request(lab.t.app).patch(`/api/lab/servers/${lab.ndesServerId}/iis/request-filtering`).set(lab.auth).send({ maxUrl: 4096, maxQueryString: 2048 });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const longMessage = encodeURIComponent(Buffer.alloc(3000, 7).toString("base64"));
    const res = await request(lab.t.app).get(`${base()}?operation=PKIOperation&message=${longMessage}`);
    expect(res.status).toBe(414);
    expect(res.headers["x-certlab-reason-codes"]).toMatch(/IIS_REQFILTER_MAX(QUERY|URL)_LOW/);
    // A short GetCACaps still passes: the limit is compared with each URL's real length.
    expect((await request(lab.t.app).get(`${base()}?operation=GetCACaps`)).status).toBe(200);
  }, 120_000);

  it("Pre Authentication = Microsoft Entra ID on the external URL → the client gets the sign-in, not NDES", async () => {
    const p = await request(lab.t.app).patch(`${GRAPH}/applications/${appId}`).set(lab.auth).send({ onPremisesPublishing: { externalAuthenticationType: "aadPreAuthentication" } });
    expect(p.status, JSON.stringify(p.body)).toBe(204);
    const cert = await request(lab.t.app).get(`/scep/${TENANT}/ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACert`);
    expect([302, 401]).toContain(cert.status);
    const r = await enrollFails("go-preauth", localExternal());
    // scepclient reads the sign-in page as its GetCACert answer.
    expect(r.output).toMatch(/malformed certificate|30[0-9]|401/i);
    // The internal URL still works.
    const ch = await mint(lab, profile, "go-preauth-internal");
    expect((await scepclient(lab, localInternal(), ch.challenge, "go-preauth-internal", "go-preauth-internal")).status).toBe(0);
  }, 120_000);
});

describe("Intune-style challenge refusals (signed CertRep FAILURE, badRequest)", () => {
  it("a tampered challenge", async () => {
    const ch = await mint(lab, profile, "go-tamper");
    const raw = Buffer.from(ch.challenge, "base64");
    raw[raw.length - 10] = (raw[raw.length - 10] ?? 0) ^ 0x20;
    const r = await scepclient(lab, localInternal(), raw.toString("base64"), "go-tamper", "go-tamper");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("badRequest");
  }, 120_000);

  it("a replayed challenge: the first enrollment succeeds, the second with the same challenge is refused", async () => {
    const ch = await mint(lab, profile, "go-replay");
    expect((await scepclient(lab, localInternal(), ch.challenge, "go-replay", "go-replay-1")).status).toBe(0);
    const again = await scepclient(lab, localInternal(), ch.challenge, "go-replay", "go-replay-2");
    expect(again.status).not.toBe(0);
    expect(again.output).toContain("badRequest");
    expect((await requests("issued")).filter((q) => q.subject.includes("CN=go-replay"))).toHaveLength(1);
  }, 120_000);

  it("a replayed challenge is refused by the raw consume (used), an unknown jti as unknown", async () => {
    const ch = await mint(lab, profile, "go-consume");
    const opened = await lab.t.db.scepChallenge.findFirstOrThrow({ where: { tenantId: TENANT, deviceName: "go-consume" }, orderBy: { createdDateTime: "desc" } });
    expect(ch.challenge).toBeTruthy();
    expect(await lab.t.db.$transaction((tx) => consumeChallenge(tx, TENANT, opened.id))).toBe("ok");
    const row = await lab.t.db.scepChallenge.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row.usedDateTime).toBeInstanceOf(Date);
    expect(Math.abs(row.usedDateTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await lab.t.db.$transaction((tx) => consumeChallenge(tx, TENANT, opened.id))).toBe("used");
    expect(await lab.t.db.$transaction((tx) => consumeChallenge(tx, TENANT, "no-such-jti"))).toBe("unknown");
  }, 60_000);

  it("concurrent enrollments on one CA get distinct request ids, each recorded once", async () => {
    const devices = ["go-par-1", "go-par-2", "go-par-3", "go-par-4"];
    const challenges = await Promise.all(devices.map((d) => mint(lab, profile, d)));
    const results = await Promise.all(devices.map((d, i) => scepclient(lab, localInternal(), challenges[i]!.challenge, d, d)));
    for (const r of results) expect(r.status, r.output).toBe(0);
    const rows = await lab.t.db.caRequest.findMany({ where: { caId: lab.issuingCaId } });
    const ids = rows.map((q) => q.requestId);
    expect(new Set(ids).size).toBe(ids.length);
    const issued = (await requests("issued")).filter((q) => devices.some((d) => q.subject.includes(`CN=${d}`)));
    expect(issued).toHaveLength(devices.length);
    for (const q of rows) expect(q.submittedDateTime).toBeInstanceOf(Date);
  }, 180_000);

  it("a second insert of the same (caId, requestId) answers a concurrent change (the retry's trigger)", async () => {
    const next = (await caVersionAndNextRequestId(lab.t.db, TENANT, lab.issuingCaId))!;
    expect(next.requestId).toBeGreaterThan(1);
    const entry = { requestId: next.requestId, disposition: "failed" as const, requesterName: "x", template: "t", subject: "CN=dup", submittedDateTime: new Date().toISOString(), statusCode: "0x1", statusMessage: "m" };
    await expect(
      lab.t.db.$transaction(async (tx) => {
        await insertCaRequestRaw(tx, TENANT, lab.issuingCaId, entry);
        await insertCaRequestRaw(tx, TENANT, lab.issuingCaId, entry);
      }),
    ).rejects.toThrow(/modified by another request/);
    // Nothing half-written: the transaction rolled back.
    expect(await lab.t.db.caRequest.count({ where: { caId: lab.issuingCaId, requestId: next.requestId } })).toBe(0);
    expect(await caVersionAndNextRequestId(lab.t.db, TENANT, "no-such-ca")).toBeUndefined();
  }, 60_000);

  it("an expired challenge", async () => {
    const keys = await lab.t.db.scepChallengeKey.findUniqueOrThrow({ where: { tenantId: TENANT } });
    const past = new Date(Date.now() - 2 * 3600_000);
    const { challenge, claims } = mintChallenge(keys, {
      tenantId: TENANT, profileId: profile, deviceName: "go-expired", subject: "CN=go-expired, OU=MDM, O=scep-client, C=US",
      subjectAlternativeNames: [], keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"], keySize: 2048,
      issuedDateTime: past.toISOString(), expiresDateTime: new Date(past.getTime() + 3600_000).toISOString(),
    });
    await lab.t.db.scepChallenge.create({ data: { id: claims.jti, tenantId: TENANT, profileId: profile, deviceName: "go-expired", subject: claims.subject, expiresDateTime: new Date(claims.expiresDateTime) } });
    const r = await scepclient(lab, localInternal(), challenge, "go-expired", "go-expired");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("badRequest");
  }, 120_000);

  it("a challenge minted for another device's subject", async () => {
    const ch = await mint(lab, profile, "go-alice");
    const r = await scepclient(lab, localInternal(), ch.challenge, "go-mallory", "go-mallory");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("badRequest");
    // strongSwan, asking for the right CN in the wrong organisation, is refused too.
    const sw = await strongswan(lab, localInternal(), ch.challenge, "O=Fabrikam, CN=go-alice", [], "sw-mismatch");
    expect(sw.status, sw.output).not.toBe(0);
    expect((await requests("issued")).some((q) => /go-alice|go-mallory/.test(q.subject))).toBe(false);
  }, 120_000);
});
