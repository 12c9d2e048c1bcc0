// Seed 002 built step by step through /api/lab, starting from a fresh lab: the CA, the templates, NDES, IIS,
// HTTP.sys, the server certificate, the connectors — ending with no errors or warnings. Along the way the lab
// browser shows 503 while the NDES service account is missing from IIS_IUSRS, the general NDES page before the
// connector is installed, and 403 once it is installed and the server restarted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import type { Test } from "supertest";
import { parseCertificate } from "@certlab/pki/certificate-info";
import { NDES_FEATURES } from "@certlab/domain/lab/defaults";
import { createTestApp, DEMO, signIn, users, PASSWORD, type TestApp } from "./harness.ts";
import { expectGraphError, targetsOf, GRAPH } from "./helpers.ts";

type Agent = Awaited<ReturnType<typeof signIn>>;
type Lab = {
  servers: { id: string; name: string; fqdn: string; version: number; pendingRestart: boolean; localGroups: { IIS_IUSRS: string[] } }[];
  cas: { id: string; name: string; certificate: { thumbprint: string; subject: string }; crlDistributionPoints: unknown[] }[];
  templates: { id: string; name: string; displayName: string }[];
  accounts: { id: string; samAccountName: string }[];
};

let t: TestApp;
let app: Express;
let admin: Agent;
const tenantId = DEMO.contoso.tenantId;
const NDES_URL = "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";

const send = (a: Agent, method: "post" | "patch" | "put" | "delete", path: string, body?: unknown): Test => {
  const req = a.agent[method](`/api/lab${path}`).set("X-CSRF-Token", a.csrf);
  return body === undefined ? req : req.send(body as object);
};
const ok = async (req: Test, status = 200) => {
  const res = await req;
  expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBe(status);
  return res;
};
const browse = async (url: string) => (await ok(admin.agent.get("/api/lab/browse").query({ url }))).body as { status: number; title: string; reasonCodes: string[] };
const findings = async () => (await ok(admin.agent.get(`/api/tenants/${tenantId}/findings`))).body as { value: { code: string; severity: string; message: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  admin = await signIn(app, users.admin.upn);
});
afterAll(async () => t?.close());

describe("seed 002 through the lab API, from a fresh lab", () => {
  let lab: Lab;
  const server = (name: string) => lab.servers.find((s) => s.name === name)!;
  const ca = (name: string) => lab.cas.find((c) => c.name === name)!;

  it("resets to a fresh lab with a real two-tier PKI", async () => {
    lab = (await ok(send(admin, "post", "/reset", { scenario: "fresh" }))).body;
    expect(lab.servers.map((s) => s.name).sort()).toEqual(["APPPROXY01", "CA01", "DC01", "NDES01", "ROOTCA01"]);
    expect(lab.templates.map((x) => x.name)).toEqual(expect.arrayContaining(["User", "WebServer", "Machine"]));
    const issuing = ca("Contoso Issuing CA");
    const root = ca("Contoso Root CA");
    expect(issuing.certificate.subject).toBe("CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com");
    // certutil -ca.cert: DER bytes, parsed back as the CA's own certificate.
    const der = await admin.agent.get(`/api/lab/cas/${issuing.id}/certificate`).query({ format: "der" }).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(der.status).toBe(200);
    expect(der.headers["content-disposition"]).toBe('attachment; filename="Contoso Issuing CA.cer"');
    const info = parseCertificate(new Uint8Array(der.body as Buffer));
    expect(info.thumbprint).toBe(issuing.certificate.thumbprint);
    expect(info.isCa).toBe(true);
    expect(info.issuer).toBe(root.certificate.subject);
    const b64 = await ok(admin.agent.get(`/api/lab/cas/${root.id}/certificate`).query({ format: "base64" }));
    expect(parseCertificate(b64.text).isSelfSigned).toBe(true);
  });

  it("is refused to a Global Reader (403) and names the bad fields (400)", async () => {
    const reader = await signIn(app, users.reader.upn);
    expect((await reader.agent.get("/api/lab")).status).toBe(200);
    expectGraphError(await send(reader, "post", "/accounts", { samAccountName: "x" }), 403);
    expectGraphError(await send(reader, "post", "/reset", { scenario: "fresh" }), 403);
    const bad = await send(admin, "post", "/accounts", { samAccountName: "bad/name", kind: "robot", extra: 1 });
    expectGraphError(bad, 400);
    expect(targetsOf(bad)).toEqual(expect.arrayContaining(["samAccountName", "kind", "extra"]));
    const badReg = await send(admin, "patch", `/servers/${server("NDES01").id}/registry/http-parameters`, { MaxFieldLength: 70000 });
    expectGraphError(badReg, 400);
    expect(targetsOf(badReg)).toEqual(["MaxFieldLength"]);
  });

  it("configures the certification authority (seed 002) and the templates", async () => {
    const issuing = ca("Contoso Issuing CA");
    const svc = (await ok(send(admin, "post", "/accounts", { samAccountName: "svc-ndes", kind: "serviceAccount", userPrincipalName: "svc-ndes@corp.contoso.com" }), 201)).body;
    expect(svc.samAccountName).toBe("svc-ndes");
    await ok(send(admin, "put", `/cas/${issuing.id}/acl`, { principal: "CONTOSO\\svc-ndes", request: true }));
    await ok(send(admin, "put", `/cas/${issuing.id}/acl`, { principal: "CONTOSO\\NDES01$", issueAndManage: true }));
    const flags = await ok(send(admin, "post", `/cas/${issuing.id}/setreg`, { name: "Policy\\EditFlags", value: "+EDITF_ATTRIBUTEENDDATE" }));
    expect(flags.body.editFlags).toContain("EDITF_ATTRIBUTEENDDATE");
    await ok(send(admin, "patch", `/cas/${issuing.id}/publication`, {
      crlDistributionPoints: [...(issuing.crlDistributionPoints as object[]), { url: "http://crl.contoso.com/CertEnroll/Contoso%20Issuing%20CA.crl", reachableInternally: true, reachableFromInternet: true }],
    }));

    const user = lab.templates.find((x) => x.name === "User")!;
    const scep = (await ok(send(admin, "post", `/templates/${user.id}/duplicate`, { displayName: "Intune SCEP" }), 201)).body;
    expect(scep).toMatchObject({ name: "IntuneSCEP", displayName: "Intune SCEP", schemaVersion: 2, basedOn: "User" });
    expectGraphError(await send(admin, "post", `/templates/${user.id}/duplicate`, { displayName: "Intune SCEP" }), 409);
    expectGraphError(await send(admin, "patch", `/templates/${user.id}/general`, { publishInAd: false }), 409);
    await ok(send(admin, "patch", `/templates/${scep.id}/general`, { publishInAd: false, validity: { value: 1, unit: "years" } }).set("If-Match", `W/"${scep.version}"`));
    expectGraphError(await send(admin, "patch", `/templates/${scep.id}/general`, { publishInAd: false }).set("If-Match", `W/"${scep.version}"`), 412);
    await ok(send(admin, "patch", `/templates/${scep.id}/subject-name`, { subjectName: "supplyInRequest" }));
    await ok(send(admin, "patch", `/templates/${scep.id}/request-handling`, { allowPrivateKeyExport: false }));
    await ok(send(admin, "patch", `/templates/${scep.id}/extensions`, { applicationPolicies: ["1.3.6.1.5.5.7.3.2"], keyUsage: { nonRepudiation: false } }));
    await ok(send(admin, "patch", `/templates/${scep.id}/cryptography`, { minimumKeySize: 2048 }));
    await ok(send(admin, "patch", `/templates/${scep.id}/security`, {
      remove: ["CONTOSO\\Domain Users"],
      set: [{ principal: "CONTOSO\\svc-ndes", read: true, enroll: true }, { principal: "CONTOSO\\NDES01$", read: true, enroll: true }],
    }));

    const web = lab.templates.find((x) => x.name === "WebServer")!;
    const iisTpl = (await ok(send(admin, "post", `/templates/${web.id}/duplicate`, { displayName: "NDES Server" }), 201)).body;
    await ok(send(admin, "patch", `/templates/${iisTpl.id}/security`, { set: [{ principal: "CONTOSO\\NDES01$", read: true, enroll: true }] }));
    for (const template of ["IntuneSCEP", "NDESServer"]) await ok(send(admin, "post", `/cas/${issuing.id}/templates-to-issue`, { template }));
    expectGraphError(await send(admin, "post", `/cas/${issuing.id}/templates-to-issue`, { template: "IntuneSCEP" }), 409);
  });

  it("sets up NDES: roles, wizard with real RA certificates, 503 until the service account is in IIS_IUSRS", async () => {
    const ndes = server("NDES01");
    await ok(send(admin, "patch", `/servers/${ndes.id}`, { ieEscEnabled: false, tls12: { schUseStrongCrypto: true } }));
    // The wizard needs the role service first.
    expectGraphError(await send(admin, "post", `/servers/${ndes.id}/adcs-configuration`, { roleServices: ["Network Device Enrollment Service"], serviceAccount: "CONTOSO\\svc-ndes", caId: ca("Contoso Issuing CA").id }), 409);
    await ok(send(admin, "post", `/servers/${ndes.id}/features`, { install: NDES_FEATURES }));
    // setspn -s, twice: the duplicate is refused.
    const svc = (await ok(admin.agent.get("/api/lab/accounts"))).body.value.find((a: { samAccountName: string }) => a.samAccountName === "svc-ndes");
    await ok(send(admin, "post", `/accounts/${svc.id}/spns`, { spn: "HTTP/ndes01.corp.contoso.com" }));
    await ok(send(admin, "post", `/accounts/${svc.id}/spns`, { spn: "HTTP/NDES01" }));
    expectGraphError(await send(admin, "post", `/accounts/${svc.id}/spns`, { spn: "HTTP/ndes01.corp.contoso.com" }), 409, { message: "Duplicate SPN found" });

    const issuing = ca("Contoso Issuing CA");
    const configured = (await ok(send(admin, "post", `/servers/${ndes.id}/adcs-configuration`, {
      roleServices: ["Network Device Enrollment Service"],
      serviceAccount: "CONTOSO\\svc-ndes",
      caId: issuing.id,
      raInformation: { name: "NDES01-MSCEP-RA", country: "US" },
    }), 201)).body;
    expect(configured.mscepRegistry).toMatchObject({ present: true, SignatureTemplate: "IPSECIntermediateOffline", EncryptionTemplate: "IPSECIntermediateOffline", GeneralPurposeTemplate: "IPSECIntermediateOffline" });
    expect(configured.iis.requestFiltering).toEqual({ maxUrl: 4096, maxQueryString: 2048 });
    expect(configured.httpSysParameters).toEqual({});
    const ras = configured.raCertificates as { template: string; thumbprint: string; issuer: string; eku: string[] }[];
    expect(ras.map((r) => r.template).sort()).toEqual(["CEPEncryption", "EnrollmentAgentOffline"]);
    for (const r of ras) {
      expect(r.issuer).toBe(issuing.certificate.subject);
      expect(r.eku).toEqual(["1.3.6.1.4.1.311.20.2.1"]);
    }
    const issued = (await ok(admin.agent.get(`/api/lab/cas/${issuing.id}/requests`).query({ disposition: "issued" }))).body.value as { thumbprint: string }[];
    expect(issued.map((x) => x.thumbprint)).toEqual(expect.arrayContaining(ras.map((r) => r.thumbprint)));

    // No https binding yet: browse over http.
    const http = NDES_URL.replace("https:", "http:");
    const down = await browse(http);
    expect(down.status).toBe(503);
    expect(down.reasonCodes).toContain("NDES_SVC_NOT_IN_IIS_IUSRS");
    const server1 = (await ok(send(admin, "post", `/servers/${ndes.id}/local-groups/IIS_IUSRS/members`, { member: "CONTOSO\\svc-ndes" }))).body;
    expect(server1.localGroups.IIS_IUSRS).toEqual(["CONTOSO\\svc-ndes"]);
    const general = await browse(http);
    expect(general.status).toBe(200);
    expect(general.title).toBe("Network Device Enrollment Service");
  });

  it("finishes NDES: MSCEP, request filtering, HTTP.sys, a real server certificate bound on https 443", async () => {
    const ndes = server("NDES01");
    const mscep = (await ok(send(admin, "patch", `/servers/${ndes.id}/registry/mscep`, { SignatureTemplate: "IntuneSCEP", EncryptionTemplate: "IntuneSCEP", GeneralPurposeTemplate: "IntuneSCEP", HashAlgorithm: "SHA256" }))).body;
    expect(mscep.GeneralPurposeTemplate).toBe("IntuneSCEP");
    await ok(send(admin, "patch", `/servers/${ndes.id}/registry/http-parameters`, { MaxFieldLength: 65534, MaxRequestBytes: 65534 }));
    await ok(send(admin, "patch", `/servers/${ndes.id}/iis/request-filtering`, { maxUrl: 65534, maxQueryString: 65534 }));
    await ok(send(admin, "patch", `/servers/${ndes.id}/iis`, { mscepAdminPublished: false }));

    // A template the CA doesn't issue: recorded as a failed request.
    const denied = await send(admin, "post", `/servers/${ndes.id}/certificates/request`, { caId: ca("Contoso Issuing CA").id, template: "Machine2" });
    expectGraphError(denied, 400);
    const refused = await send(admin, "post", `/servers/${ndes.id}/certificates/request`, { caId: ca("Contoso Root CA").id, template: "NDESServer" });
    expectGraphError(refused, 400, { message: "CERTSRV_E_UNSUPPORTED_CERT_TYPE" });
    const failed = (await ok(admin.agent.get(`/api/lab/cas/${ca("Contoso Root CA").id}/requests`).query({ disposition: "failed" }))).body.value;
    expect(failed).toHaveLength(1);

    const req = (await ok(send(admin, "post", `/servers/${ndes.id}/certificates/request`, { caId: ca("Contoso Issuing CA").id, template: "NDESServer", subject: "CN=ndes01.corp.contoso.com", dnsNames: ["ndes01.corp.contoso.com"] }), 201)).body;
    expect(req.certificate).toMatchObject({ subject: "CN=ndes01.corp.contoso.com", san: ["ndes01.corp.contoso.com"], eku: ["1.3.6.1.5.5.7.3.1"], template: "NDESServer", hasPrivateKey: true });
    await ok(send(admin, "post", `/servers/${ndes.id}/iis/sites/1/bindings`, { protocol: "https", port: 443, hostName: "", certificateThumbprint: req.certificate.thumbprint }));
    await ok(send(admin, "delete", `/servers/${ndes.id}/iis/sites/1/bindings`, { protocol: "http", port: 80 }));
    expect((await browse(NDES_URL.replace("https:", "http:"))).status).toBe(0);

    // iisreset is not a restart; a restart is.
    const after = (await ok(send(admin, "post", `/servers/${ndes.id}/iisreset`))).body;
    expect(after.pendingRestart).toBe(true);
    const restarted = (await ok(send(admin, "post", `/servers/${ndes.id}/restart`))).body;
    expect(restarted.pendingRestart).toBe(false);
    const page = await browse(NDES_URL);
    expect(page.status).toBe(200);
    expect(page.title).toBe("Network Device Enrollment Service");
    expect(page.reasonCodes).toContain("CONN_NOT_INSTALLED");
  });

  it("installs the Certificate Connector: sign-in rules as the real wizard, then 403 after a restart", async () => {
    const ndes = server("NDES01");
    const install = (upn: string, password = PASSWORD) =>
      send(admin, "post", `/servers/${ndes.id}/intune-certificate-connector`, { features: { scep: true, revocation: true }, serviceAccount: "SYSTEM", signIn: { userPrincipalName: upn, password } });
    expectGraphError(await install(users.intuneAdmin.upn, "wrong-Passw0rd!"), 400, { message: "password is incorrect" });
    expectGraphError(await install(users.appAdmin.upn), 400, { code: "CONN_SIGNIN_ROLE" });
    // An Intune Administrator without an Intune licence.
    const bearer = admin.agent;
    const unlicense = await bearer.post(`${GRAPH}/users/${users.intuneAdmin.id}/assignLicense`).set("X-CSRF-Token", admin.csrf).send({ addLicenses: [], removeLicenses: ["efccb6f7-5641-4e0e-bd10-b4976e1bf68e"] });
    expect(unlicense.status).toBe(200);
    expectGraphError(await install(users.intuneAdmin.upn), 400, { code: "CONN_SIGNIN_NO_LICENSE", message: "An Intune license is required for the account that you sign in with" });
    await bearer.post(`${GRAPH}/users/${users.intuneAdmin.id}/assignLicense`).set("X-CSRF-Token", admin.csrf).send({ addLicenses: [{ skuId: "efccb6f7-5641-4e0e-bd10-b4976e1bf68e", disabledPlans: [] }], removeLicenses: [] });

    const conn = (await ok(install(users.intuneAdmin.upn), 201)).body;
    expect(conn).toMatchObject({ machineName: "ndes01.corp.contoso.com", generation: "current", status: "active", signedInUpn: users.intuneAdmin.upn });
    expect(conn.registry).toMatchObject({ EnableSCEP: 1, EnableRevocation: 1 });
    expect(await t.db.certificateConnector.count({ where: { tenantId } })).toBe(1);
    expectGraphError(await install(users.intuneAdmin.upn), 409);
    // Not restarted yet: the policy module isn't answering.
    expect((await browse(NDES_URL)).status).toBe(200);
    await ok(send(admin, "post", `/servers/${ndes.id}/restart`));
    const forbidden = await browse(NDES_URL);
    expect(forbidden.status).toBe(403);
    expect(forbidden.title).toContain("403 - Forbidden");
  });

  it("installs the private network connector with an Application Administrator of this directory", async () => {
    const appx = server("APPPROXY01");
    await ok(send(admin, "patch", `/servers/${appx.id}`, { ieEscEnabled: false, winHttpHttp2Enabled: false, tls12: { schUseStrongCrypto: true } }));
    const denied = await send(admin, "post", `/servers/${appx.id}/private-network-connector`, { acceptTerms: true, registerAsUpn: users.intuneAdmin.upn, password: PASSWORD });
    expectGraphError(denied, 400, { message: "Connector registration failed: Make sure you are an Application Administrator of your Active Directory to register the connector. Error: 'The registration request was denied.'" });
    const bad = await send(admin, "post", `/servers/${appx.id}/private-network-connector`, { acceptTerms: false, registerAsUpn: users.appAdmin.upn, password: PASSWORD });
    expect(targetsOf(bad)).toEqual(["acceptTerms"]);
    const c = (await ok(send(admin, "post", `/servers/${appx.id}/private-network-connector`, { acceptTerms: true, registerAsUpn: users.appAdmin.upn, password: PASSWORD }), 201)).body;
    expect(c).toMatchObject({ machineName: "appproxy01.corp.contoso.com", version: "1.5.3437.0", status: "active", connectorGroupName: "Default" });
    const group = await t.db.connectorGroup.findFirst({ where: { tenantId, isDefault: true } });
    expect(group?.name).toBe("Default");
    // The status follows the server: stop the service → inactive.
    await ok(send(admin, "patch", `/servers/${appx.id}/services/WAPCSvc`, { status: "stopped" }));
    const whole = (await ok(admin.agent.get("/api/lab"))).body;
    expect(whole.appProxyConnectors[0].status).toBe("inactive");
    await ok(send(admin, "patch", `/servers/${appx.id}/services/WAPCSvc`, { status: "running" }));
  });

  it("ends with no errors and no warnings", async () => {
    const { value } = await findings();
    const loud = value.filter((f) => f.severity !== "info");
    expect(loud.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
    const audit = await t.db.auditLog.findMany({ where: { tenantId, category: "Lab" } });
    expect(audit.length).toBeGreaterThan(30);
    expect(audit.every((a) => a.loggedByService === "Certlab lab")).toBe(true);
  });

  it("answers 404 for another directory's lab object", async () => {
    const fabrikam = await signIn(app, users.admin.upn);
    const sw = await fabrikam.agent.post("/api/session/switch").set("X-CSRF-Token", fabrikam.csrf).send({ tenantId: DEMO.fabrikam.tenantId });
    expect(sw.status).toBe(200);
    expectGraphError(await fabrikam.agent.get(`/api/lab/servers/${server("NDES01").id}`), 404);
    expectGraphError(await fabrikam.agent.patch(`/api/lab/servers/${server("NDES01").id}`).set("X-CSRF-Token", fabrikam.csrf).send({ ieEscEnabled: true }), 404);
  });
});
