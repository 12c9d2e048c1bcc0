// Issue 10: real SCEP clients from Debian enroll against the lab's NDES, on its internal URL and through the
// application proxy's external URL; `openssl verify` accepts every certificate against the lab CA chain, and the CA
// records each one in Issued Certificates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { mint, NDES_INTERNAL, opensslVerify, publishNdes, scepclient, scepProfile, startScepLab, strongswan, subjectOf, TENANT, type ScepLab } from "./scep-helpers.ts";

let lab: ScepLab;
let goProfile: string;
let swProfile: string;
let endpoints: { ndesInstanceId: string; internalUrl: string; externalUrl: string | null; localInternalUrl: string; localExternalUrl: string | null }[];

beforeAll(async () => {
  lab = await startScepLab();
  // scepclient always sends C=US, O=scep-client, OU=MDM, CN=<cn> and no SAN; strongSwan sends what it is given.
  goProfile = await scepProfile(lab, "SCEP scepclient", "CN={{DeviceName}},OU=MDM,O=scep-client,C=US");
  // strongSwan's --san writes user@host as an rfc822Name (it has no UPN otherName): an email SAN.
  swProfile = await scepProfile(lab, "SCEP strongSwan", "CN={{DeviceName}},O=Contoso", [{ sanType: "emailAddress", name: "{{EmailAddress}}" }]);
  await publishNdes(lab);
  const res = await request(lab.origin).get("/api/lab/scep/endpoints").set(lab.auth);
  expect(res.status).toBe(200);
  endpoints = res.body.value;
}, 120_000);
afterAll(async () => lab?.close());

describe("the lab's SCEP URLs", () => {
  it("lists the NDES internal URL, the app proxy external URL and their local URLs", () => {
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({
      internalUrl: NDES_INTERNAL,
      externalUrl: "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll",
      localInternalUrl: `${lab.origin}/scep/${TENANT}/ndes01.corp.contoso.com/certsrv/mscep/mscep.dll`,
      localExternalUrl: `${lab.origin}/scep/${TENANT}/ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll`,
    });
  });

  it("refuses bad challenge requests with Graph's error body naming the field, and documents both routes", async () => {
    const noDevice = await request(lab.t.app).post("/api/lab/scep/challenges").set(lab.auth).send({ profileId: goProfile });
    expect(noDevice.status).toBe(400);
    expect(JSON.stringify(noDevice.body.error)).toContain("deviceName");
    const noProfile = await request(lab.t.app).post("/api/lab/scep/challenges").set(lab.auth).send({ profileId: "00000000-0000-0000-0000-000000000000", deviceName: "x" });
    expect(noProfile.status).toBe(400);
    expect(JSON.stringify(noProfile.body.error)).toContain("profileId");
    // The profile uses {{EmailAddress}}: without a user there is nothing to put in the SAN.
    const noUser = await request(lab.t.app).post("/api/lab/scep/challenges").set(lab.auth).send({ profileId: swProfile, deviceName: "x" });
    expect(noUser.status).toBe(400);
    expect(JSON.stringify(noUser.body.error)).toContain("userId");
    expect(await lab.t.db.scepChallenge.count({ where: { deviceName: "x" } })).toBe(0);
    const doc = await request(lab.t.app).get("/api/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/api/lab/scep/endpoints", "/api/lab/scep/challenges"]));
  });

  it("serves seed 000's browser checks as real HTTP: the IIS welcome page, 403 on mscep.dll, GetCACaps", async () => {
    const base = `/scep/${TENANT}/ndes01.corp.contoso.com`;
    const welcome = await request(lab.t.app).get(`${base}/`);
    expect(welcome.status).toBe(200);
    expect(welcome.text).toContain("IIS Windows Server");
    const forbidden = await request(lab.t.app).get(`${base}/certsrv/mscep/mscep.dll`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain("403 - Forbidden: Access is denied.");
    const caps = await request(lab.t.app).get(`/scep/${TENANT}/ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=default`);
    expect(caps.status).toBe(200);
    expect(caps.headers["content-type"]).toMatch(/^text\/plain/);
    expect(caps.text.split("\n")).toEqual(expect.arrayContaining(["POSTPKIOperation", "SHA-256", "DES3"]));
  });
});

describe("micromdm scepclient (Debian 'scep')", () => {
  for (const which of ["internal", "external"] as const) {
    it(`enrolls through the ${which} URL and openssl verifies the certificate against the lab CA chain`, async () => {
      const device = `go-${which}`;
      const ch = await mint(lab, goProfile, device);
      const url = which === "internal" ? endpoints[0]!.localInternalUrl : endpoints[0]!.localExternalUrl!;
      const r = await scepclient(lab, url, ch.challenge, device, device);
      expect(r.status, r.output).toBe(0);
      const v = opensslVerify(lab, r.certFile);
      expect(v.output).toContain(": OK");
      expect(subjectOf(r.certFile)).toBe(`subject=CN=${device},OU=MDM,O=scep-client,C=US`);
      const issued = await request(lab.t.app).get(`/api/lab/cas/${lab.issuingCaId}/requests?disposition=issued`).set(lab.auth);
      expect(issued.body.value.some((q: { subject: string; template: string }) => q.subject.includes(`CN=${device}`) && q.template === "IntuneSCEP")).toBe(true);
    }, 120_000);
  }
});

describe("strongSwan pki --scep (Debian 'strongswan-pki')", () => {
  for (const which of ["internal", "external"] as const) {
    it(`enrolls through the ${which} URL with an email SAN and openssl verifies the certificate`, async () => {
      const device = `sw-${which}`;
      const ch = await mint(lab, swProfile, device, lab.adminUserId);
      const url = which === "internal" ? endpoints[0]!.localInternalUrl : endpoints[0]!.localExternalUrl!;
      const r = await strongswan(lab, url, ch.challenge, `O=Contoso, CN=${device}`, [lab.adminUpn], device);
      expect(r.status, r.output).toBe(0);
      expect(opensslVerify(lab, r.certFile).output).toContain(": OK");
      expect(subjectOf(r.certFile)).toBe(`subject=CN=${device},O=Contoso`);
    }, 120_000);
  }
});
