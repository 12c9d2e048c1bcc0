// Custom domains (add, verify by the TXT record the lab's public DNS holds), the custom-domain certificate of an app
// (a real PFX parsed with packages/pki: each seed 003 problem becomes a finding), the CNAME of seed 004, and the
// Test Application diagnostic, including the NDES pre-authentication check against a minimal lab.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { createRootCa, type CaMaterial } from "@certlab/pki/ca";
import { issueCertificate, selfSignedCertificate } from "@certlab/pki/issue";
import { createPfx } from "@certlab/pki/pfx";
import { opensslOk, Scratch } from "@certlab/pki/test-openssl";
import { LAB_IDS, ndesLab } from "@certlab/domain/entra/lab-fixture";
import { bearerFor, createTestApp, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";
import { EXTERNAL, installConnector, publishApp, TENANT, type Headers } from "./entra-helpers.ts";

let t: TestApp;
let admin: Headers;
let appAdmin: Headers;
let reader: Headers;
let ca: CaMaterial;
let appId: string;
const scratch = new Scratch();
const api = () => request(t.app);
const DOMAIN = "contoso-lab.com";
const HOST = `ndes.${DOMAIN}`;
const DAY = 86_400_000;

async function issued(subject: string, dns: string[], opts: { notBefore?: Date; validityDays?: number } = {}) {
  const cert = await issueCertificate(ca, { subject, subjectAlternativeNames: dns.map((value) => ({ type: "dns" as const, value })), extendedKeyUsage: ["1.3.6.1.5.5.7.3.1"], keyUsage: ["digitalSignature", "keyEncipherment"], ...opts });
  return { certificatePem: cert.certificatePem, privateKeyPkcs8Pem: cert.privateKeyPkcs8Pem! };
}
const pfxOf = (c: { certificatePem: string; privateKeyPkcs8Pem: string }, password = "Pfx-Passw0rd") =>
  Buffer.from(createPfx({ certificatePem: c.certificatePem, privateKeyPkcs8Pem: c.privateKeyPkcs8Pem, chainPems: [ca.certificatePem], password })).toString("base64");

const upload = (value: string, password: string | undefined, headers = appAdmin) =>
  api().patch(`${GRAPH}/applications/${appId}`).set(headers).send({
    onPremisesPublishing: {
      verifiedCustomDomainKeyCredential: { type: "X509CertAndPassword", value },
      ...(password !== undefined ? { verifiedCustomDomainPasswordCredential: { value: password } } : {}),
    },
  });

async function issues(id = appId): Promise<{ code: string; message: string; resolution: string }[]> {
  const res = await api().post(`/api/entra/applications/${id}/test`).set(appAdmin);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.detectedIssues;
}
const codes = async (id = appId) => (await issues(id)).map((i) => i.code);
const CERT_CODES = ["APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED", "APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED", "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY", "APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH"];
const certCodes = async () => (await codes()).filter((c) => CERT_CODES.includes(c));

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  appAdmin = { Authorization: `Bearer ${await bearerFor(t.app, users.appAdmin.upn)}` };
  reader = { Authorization: `Bearer ${await bearerFor(t.app, users.reader.upn)}` };
  ca = await createRootCa({ commonName: "Certlab Test Public CA" });
  await installConnector(t, "APPPROXY01.corp.contoso.com");
});
afterAll(async () => {
  scratch.cleanup();
  await t.close();
});

describe("custom domains", () => {
  it("adds a domain, shows its TXT record, and verifies it once public DNS has the record", async () => {
    const added = await api().post(`${GRAPH}/domains`).set(admin).send({ id: DOMAIN });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ id: DOMAIN, isVerified: false, isDefault: false, isInitial: false });
    expectGraphError(await api().post(`${GRAPH}/domains`).set(admin).send({ id: DOMAIN }), 409);
    expectGraphError(await api().post(`${GRAPH}/domains`).set(appAdmin).send({ id: "other.example" }), 403);

    const records = await api().get(`${GRAPH}/domains/${DOMAIN}/verificationDnsRecords`).set(admin);
    expect(records.status).toBe(200);
    const txt = records.body.value.find((r: { recordType: string }) => r.recordType === "Txt");
    expect(txt).toMatchObject({ "@odata.type": "#microsoft.graph.domainDnsTxtRecord", label: DOMAIN, isOptional: false, ttl: 3600 });
    expect(txt.text).toMatch(/^MS=ms\d{8}$/);

    const early = await api().post(`${GRAPH}/domains/${DOMAIN}/verify`).set(admin);
    expectGraphError(early, 400, { message: txt.text });

    // The admin adds the record at the registrar: the lab's public DNS.
    const dns = await api().post("/api/entra/public-dns").set(admin).send({ name: DOMAIN, type: "TXT", value: txt.text });
    expect(dns.status, JSON.stringify(dns.body)).toBe(201);
    expectGraphError(await api().post("/api/entra/public-dns").set(reader).send({ name: DOMAIN, type: "TXT", value: "x" }), 403);
    expectGraphError(await api().post("/api/entra/public-dns").set(admin).send({ name: DOMAIN, type: "MX", value: "x" }), 400);

    const verified = await api().post(`${GRAPH}/domains/${DOMAIN}/verify`).set(admin);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.isVerified).toBe(true);
    const org = await api().get(`${GRAPH}/organization`).set(admin);
    expect(org.body.value[0].verifiedDomains.map((d: { name: string }) => d.name)).toContain(DOMAIN);
  });

  it("publishes an app on the verified domain; public DNS needs the CNAME the portal shows (seed 004)", async () => {
    ({ id: appId } = await publishApp(t, appAdmin, "NDES custom domain", { externalAuthenticationType: "passthru", internalUrl: "https://ndes02.corp.contoso.com/", externalUrl: `https://${HOST}/` }));
    const cname = (await issues()).find((i) => i.code === "APPPROXY_CNAME_MISSING");
    expect(cname?.message).toContain(`which points '${HOST}' to 'ndes-contoso.msappproxy.net'`);
    expect((await api().post("/api/entra/public-dns").set(admin).send({ name: HOST, type: "CNAME", value: "ndes-contoso.msappproxy.net" })).status).toBe(201);
    expect(await codes()).not.toContain("APPPROXY_CNAME_MISSING");
    expectGraphError(await api().delete(`${GRAPH}/domains/${DOMAIN}`).set(admin), 400, { message: "'NDES custom domain'" });
  });
});

describe("the custom domain certificate (seed 003 'Upload certificates for custom domains')", () => {
  it("a good PFX is parsed for real and its metadata is returned; no certificate finding", async () => {
    const good = await issued(`CN=${HOST}`, [HOST]);
    const res = await upload(pfxOf(good), "Pfx-Passw0rd");
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const app = await api().get(`${GRAPH}/applications/${appId}`).query({ $select: "id,onPremisesPublishing" }).set(appAdmin);
    const meta = app.body.onPremisesPublishing.verifiedCustomDomainCertificatesMetadata;
    expect(meta).toMatchObject({ subjectName: `CN=${HOST}`, issuerName: "CN=Certlab Test Public CA" });
    expect(meta.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(Date.parse(meta.expiryDate)).toBeGreaterThan(Date.now());
    expect(app.body.onPremisesPublishing.verifiedCustomDomainKeyCredential).toBeNull();
    expect(app.body.onPremisesPublishing.verifiedCustomDomainPasswordCredential).toBeNull();
    expect(await certCodes()).toEqual([]);
    // A wildcard that matches the host is fine too.
    expect((await upload(pfxOf(await issued(`CN=*.${DOMAIN}`, [`*.${DOMAIN}`])), "Pfx-Passw0rd")).status).toBe(204);
    expect(await certCodes()).toEqual([]);
  });

  it("a wrong password or a file that is not a PFX is refused with 400 naming the field", async () => {
    const good = pfxOf(await issued(`CN=${HOST}`, [HOST]));
    const wrong = await upload(good, "not-the-password");
    expectGraphError(wrong, 400, { message: /password is incorrect/ });
    expect(wrong.body.error.details[0].target).toBe("onPremisesPublishing.verifiedCustomDomainPasswordCredential");
    const notPfx = await upload(Buffer.from("this is not a certificate").toString("base64"), "x");
    expectGraphError(notPfx, 400, { message: /not a PFX/ });
    expect(notPfx.body.error.details[0].target).toBe("onPremisesPublishing.verifiedCustomDomainKeyCredential");
    const cer = await upload(Buffer.from(ca.certificateDerBase64, "base64").toString("base64"), "x");
    expectGraphError(cer, 400, { message: /without its private key/ });
    expectGraphError(await upload(good, undefined), 400, { message: /password/ });
    // The certificate uploaded before is still the one in place.
    expect(await certCodes()).toEqual([]);
  });

  it("an expired certificate → APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED", async () => {
    const expired = await issued(`CN=${HOST}`, [HOST], { notBefore: new Date(Date.now() - 400 * DAY), validityDays: 30 });
    expect((await upload(pfxOf(expired), "Pfx-Passw0rd")).status).toBe(204);
    const found = (await issues()).find((i) => i.code === "APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED");
    expect(found?.message).toContain("Expired certificate");
    expect(await certCodes()).toEqual(["APPPROXY_CUSTOM_DOMAIN_CERT_EXPIRED"]);
  });

  it("a self-signed certificate → APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED", async () => {
    const self = await selfSignedCertificate({ subject: `CN=${HOST}`, subjectAlternativeNames: [{ type: "dns", value: HOST }] });
    const value = Buffer.from(createPfx({ certificatePem: self.certificatePem, privateKeyPkcs8Pem: self.privateKeyPkcs8Pem, password: "pw" })).toString("base64");
    expect((await upload(value, "pw")).status).toBe(204);
    expect(await certCodes()).toEqual(["APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED"]);
    expect((await issues()).find((i) => i.code === "APPPROXY_CUSTOM_DOMAIN_CERT_SELF_SIGNED")?.message).toContain("Certificate is self-signed");
  });

  it("a PFX without the private key → APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY", async () => {
    const cert = await issued(`CN=${HOST}`, [HOST]);
    scratch.write("cert.pem", cert.certificatePem);
    opensslOk(["pkcs12", "-export", "-nokeys", "-in", scratch.path("cert.pem"), "-passout", "pass:pw", "-out", scratch.path("nokey.pfx")]);
    expect((await upload(Buffer.from(scratch.read("nokey.pfx")).toString("base64"), "pw")).status).toBe(204);
    expect(await certCodes()).toEqual(["APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY"]);
    expect((await issues()).find((i) => i.code === "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY")?.message).toContain("Certificate is missing the private key");
  });

  it("a certificate whose names don't cover the external URL → APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH", async () => {
    const other = await issued(`CN=www.${DOMAIN}`, [`www.${DOMAIN}`, `*.sub.${DOMAIN}`]);
    expect((await upload(pfxOf(other), "Pfx-Passw0rd")).status).toBe(204);
    expect(await certCodes()).toEqual(["APPPROXY_CUSTOM_DOMAIN_CERT_WILDCARD_MISMATCH"]);
  });

  it("a certificate can't be uploaded for an app on the default msappproxy.net domain", async () => {
    const { id } = await publishApp(t, appAdmin, "Default domain app", { internalUrl: "https://web03.corp.contoso.com/", externalUrl: EXTERNAL("web03") });
    const res = await api().patch(`${GRAPH}/applications/${id}`).set(appAdmin).send({ onPremisesPublishing: { verifiedCustomDomainKeyCredential: { type: "X509CertAndPassword", key: pfxOf(await issued(`CN=${HOST}`, [HOST])) }, verifiedCustomDomainPasswordCredential: { secretText: "Pfx-Passw0rd" } } });
    expectGraphError(res, 400, { message: /custom domain/ });
  });
});

describe("Test Application", () => {
  it("reports Microsoft Entra ID pre-authentication on the NDES app (minimal lab through LabObject rows), with a downloadable report", async () => {
    // A minimal lab: NDES01 runs NDES (seed 000), with the connector service running.
    const lab = ndesLab();
    await t.db.labObject.create({ data: { id: LAB_IDS.ndesServer, tenantId: TENANT, kind: "server", name: "NDES01", data: JSON.stringify(lab.servers[0]) } });
    await t.db.labObject.create({ data: { id: LAB_IDS.ndes, tenantId: TENANT, kind: "ndes", name: "NDES01", data: JSON.stringify(lab.ndes[0]) } });

    const { id } = await publishApp(t, appAdmin, "Certificate enrollment", { internalUrl: "https://ndes01.corp.contoso.com/", externalUrl: EXTERNAL("enroll") });
    const found = (await issues(id)).find((i) => i.code === "APPPROXY_PREAUTH_NOT_PASSTHROUGH");
    expect(found, JSON.stringify(await issues(id))).toBeDefined();
    expect(found!.message).toContain("Pre Authentication = Microsoft Entra ID");
    expect(found!.resolution).toContain("Passthrough");

    const text = await api().post(`/api/entra/applications/${id}/test`).query({ format: "text" }).set(appAdmin);
    expect(text.status).toBe(200);
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.headers["content-disposition"]).toMatch(/attachment; filename="Certificate_enrollment-diagnostic.txt"/);
    expect(text.text).toContain("APPPROXY_PREAUTH_NOT_PASSTHROUGH");
    expect(text.text).toContain("Resolution:");

    expect((await api().patch(`${GRAPH}/applications/${id}`).set(appAdmin).send({ onPremisesPublishing: { externalAuthenticationType: "passthru" } })).status).toBe(204);
    expect(await codes(id)).not.toContain("APPPROXY_PREAUTH_NOT_PASSTHROUGH");

    // Maintenance Mode is reported too, and Health (findings) sees the same.
    expect((await api().put(`/api/entra/applications/${id}/maintenance-mode`).set(appAdmin).send({ enabled: true })).status).toBe(200);
    expect(await codes(id)).toContain("APPPROXY_MAINTENANCE_MODE");
    const health = await api().get(`/api/tenants/${TENANT}/findings`).set(admin);
    expect(health.body.value.map((f: { code: string }) => f.code)).toContain("APPPROXY_MAINTENANCE_MODE");
  });
});
