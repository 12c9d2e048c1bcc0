import { describe, expect, it } from "vitest";
import { builtInTemplates, configureNdes, duplicateTemplate, emptyLab, installFeatures, installIntuneConnector, newAdAccount, newCa, newServer, NDES_FEATURES } from "./defaults";
import { MSCEP_DEFAULT_TEMPLATE } from "./snapshot";

const domain = { fqdn: "corp.contoso.com", netbiosName: "CONTOSO" };
const at = "2026-02-01T00:00:00.000Z";
const fresh = () => {
  const server = installFeatures(newServer({ name: "NDES01", os: "2022", domain }), NDES_FEATURES);
  const svc = newAdAccount({ samAccountName: "svc-ndes", domain: "CONTOSO", kind: "serviceAccount" });
  const ca = newCa({ name: "Contoso Issuing CA", server: newServer({ name: "CA01", os: "2022", domain }), netbios: "CONTOSO", type: "enterpriseSubordinate", notBefore: at, validityYears: 5 });
  return { server, svc, ca, ndes: configureNdes({ server, serviceAccount: svc, ca, at }) };
};

describe("a freshly configured NDES (AD CS Configuration wizard)", () => {
  it("still has IPSECIntermediateOffline in all three MSCEP values", () => {
    const { mscepRegistry } = fresh().ndes;
    expect([mscepRegistry.SignatureTemplate, mscepRegistry.EncryptionTemplate, mscepRegistry.GeneralPurposeTemplate]).toEqual([MSCEP_DEFAULT_TEMPLATE, MSCEP_DEFAULT_TEMPLATE, MSCEP_DEFAULT_TEMPLATE]);
  });
  it("has IIS request filtering at 4096/2048, no HTTP.sys values and no https binding", () => {
    const { iis, httpSysParameters } = fresh().ndes;
    expect(iis.requestFiltering).toEqual({ maxUrl: 4096, maxQueryString: 2048 });
    expect(httpSysParameters).toEqual({});
    expect(iis.sites[0]?.bindings).toEqual([{ protocol: "http", port: 80, hostName: "" }]);
  });
  it("runs the SCEP app pool as the chosen service account, with RA certificates from the CA for NDES", () => {
    const { ndes, ca } = fresh();
    expect(ndes.iis.appPools.find((p) => p.name === "SCEP")).toEqual({ name: "SCEP", identity: "CONTOSO\\svc-ndes", state: "started" });
    expect(ndes.raCertificates.map((c) => [c.template, c.issuer])).toEqual([
      ["EnrollmentAgentOffline", ca.certificate.subject],
      ["CEPEncryption", ca.certificate.subject],
    ]);
  });
  it("gets no RA certificates when configured by someone who is not an Enterprise Admin", () => {
    const { server, svc, ca } = fresh();
    expect(configureNdes({ server, serviceAccount: svc, ca, at, byEnterpriseAdmin: false }).raCertificates).toEqual([]);
  });
  it("marks RA keys CNG when a Key Storage Provider is chosen", () => {
    const { server, svc, ca } = fresh();
    const n = configureNdes({ server, serviceAccount: svc, ca, at, signatureProvider: "Microsoft Software Key Storage Provider" });
    expect(n.cryptography.providerIsCryptoApi).toBe(false);
  });
});

describe("servers and features", () => {
  it("a new Windows Server has IE ESC on, no IIS_IUSRS members and HTTP/2 on from 2019", () => {
    const s = newServer({ name: "APP01", os: "2019", domain });
    expect(s).toMatchObject({ ieEscEnabled: true, winHttpHttp2Enabled: true, edgeInstalled: false, localGroups: { IIS_IUSRS: [] } });
    expect(newServer({ name: "OLD01", os: "2012R2", domain }).winHttpHttp2Enabled).toBe(false);
  });
  it("installing IIS gives IIS_IUSRS the impersonate right", () => {
    const s = installFeatures(newServer({ name: "WEB01", os: "2022", domain }), ["Web-Server"]);
    expect(s.userRights.impersonateClient).toContain("IIS_IUSRS");
  });
});

describe("certificate templates", () => {
  const user = builtInTemplates("CONTOSO").find((t) => t.name === "User")!;
  it("a duplicate of User is v2 with Windows Server 2003 compatibility unless a newer CA is chosen", () => {
    expect(duplicateTemplate(user, { displayName: "Intune SCEP" })).toMatchObject({ schemaVersion: 2, name: "IntuneSCEP", basedOn: "User", subjectName: "buildFromAd", publishInAd: true });
    expect(duplicateTemplate(user, { displayName: "X", compatibility: { ca: "2016", recipient: "10" } }).schemaVersion).toBe(4);
  });
});

describe("the connector installer", () => {
  it("registers the Intune policy module and leaves a restart pending (seed 001)", () => {
    const { server, ndes } = fresh();
    const r = installIntuneConnector(server, ndes, { at, signedInUpn: "a@contoso.com", signedInUserRoles: [], signedInUserHasIntuneLicense: true });
    expect(r.ndes?.mscepRegistry.policyModule).toBe("NDESPolicy");
    expect(r.server.pendingRestart).toBe(true);
    expect(r.server.services.map((s) => s.name)).toContain("PFXCertificateConnectorSvc");
  });
  it("an empty lab has the forest's built-in groups and templates, nothing else", () => {
    const lab = emptyLab(domain);
    expect(lab.groups.map((g) => g.name)).toContain("Enterprise Admins");
    expect(lab.servers).toEqual([]);
  });
});
