// Issue 14: "Request a certificate as…" on the lab CA. A Domain User asks the broken SCEP template (Domain Users
// Enroll, Supply in the request) for a certificate naming administrator@… and gets a real one; after the fix the
// CA refuses with its own text and issues nothing, while the NDES service account still gets its certificate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCsr } from "@certlab/pki/csr";
import { parseCertificate } from "@certlab/pki/certificate-info";
import { opensslOk, Scratch } from "@certlab/pki/test-openssl";
import { createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, targetsOf } from "./helpers.ts";

const TEMPLATE_DENIED =
  "The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)";
const ADMIN_UPN = "administrator@corp.contoso.com";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signIn>>;
let reader: Awaited<ReturnType<typeof signIn>>;
let issuingId: string;
let rootId: string;
let scepId: string;
const scratch = new Scratch();

const send = (who: typeof admin, method: "post" | "patch", path: string, body?: unknown) => who.agent[method](`/api/lab${path}`).set("X-CSRF-Token", who.csrf).send(body as object);
const submit = (body: unknown, ca = issuingId) => send(admin, "post", `/cas/${ca}/requests`, body);
const requests = async (disposition?: string) =>
  (await admin.agent.get(`/api/lab/cas/${issuingId}/requests`).query(disposition ? { disposition } : {})).body.value as { requestId: number; disposition: string; statusMessage?: string }[];
type Finding = { code: string; severity: string; category: string; attackPath?: string[] };
const findings = async () => (await admin.agent.get(`/api/tenants/${DEMO.contoso.tenantId}/findings`)).body.value as Finding[];
const asAlice = { account: "CONTOSO\\alice", template: "IntuneSCEP", subject: "CN=Administrator", subjectAlternativeNames: [{ type: "upn", value: ADMIN_UPN }] };
const opensslText = (pem: string) => opensslOk(["x509", "-in", scratch.write(`c${Math.random()}.pem`, pem), "-noout", "-text"]);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, users.admin.upn);
  reader = await signIn(t.app, users.reader.upn);
  const lab = (await send(admin, "post", "/reset", { scenario: "correct" })).body as { cas: { id: string; name: string }[]; templates: { id: string; name: string }[] };
  issuingId = lab.cas.find((c) => c.name === "Contoso Issuing CA")!.id;
  rootId = lab.cas.find((c) => c.name === "Contoso Root CA")!.id;
  scepId = lab.templates.find((x) => x.name === "IntuneSCEP")!.id;
  const alice = await send(admin, "post", "/accounts", { samAccountName: "alice", userPrincipalName: "alice@corp.contoso.com", displayName: "Alice" });
  expect(alice.status, JSON.stringify(alice.body)).toBe(201);
});
afterAll(async () => {
  scratch.cleanup();
  await t?.close();
});

describe("the broken SCEP template (Domain Users kept Enroll)", () => {
  it("shows the attack path as a security finding with its path in words", async () => {
    const r = await send(admin, "patch", `/templates/${scepId}/security`, { set: [{ principal: "CONTOSO\\Domain Users", read: true, enroll: true }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const esc1 = (await findings()).find((f) => f.code === "ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT")!;
    expect(esc1.category).toBe("security");
    expect(esc1.attackPath!.join(" → ")).toBe("CONTOSO\\Domain Users → Enroll on 'Intune SCEP' → supply subject → Client Authentication → logon as anyone");
    expect((await findings()).filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"]);
  });

  it("issues a Domain User a real certificate whose SAN openssl reads as the administrator's UPN", async () => {
    const r = await submit(asAlice);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ disposition: "issued", requesterName: "CONTOSO\\alice", template: "IntuneSCEP", subjectAlternativeNames: [`upn:${ADMIN_UPN}`] });
    const text = opensslText(r.body.certificatePem);
    expect(text).toMatch(new RegExp(`UPN::?\\s*${ADMIN_UPN.replace(/\./g, "\\.")}`));
    expect(text).toMatch(/TLS Web Client Authentication/);
    expect(text).toMatch(/Issuer: .*CN\s*=\s*Contoso Issuing CA/);
    const info = parseCertificate(r.body.certificatePem);
    expect(info.subject).toBe("CN=Administrator");
    expect(info.thumbprint).toBe(r.body.thumbprint);
    expect((await requests("issued")).some((x) => x.requestId === r.body.requestId)).toBe(true);
  });

  it("signs the public key of a PKCS#10 request, with the CSR's subject and SAN", async () => {
    const csr = await createCsr({ subject: "CN=Administrator", subjectAlternativeNames: [{ type: "upn", value: ADMIN_UPN }] });
    const r = await submit({ account: "CONTOSO\\alice", template: "Intune SCEP", csr: csr.pem });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const scratchCsr = scratch.write("req.pem", csr.pem);
    const csrKey = opensslOk(["req", "-in", scratchCsr, "-noout", "-pubkey"]);
    const certKey = opensslOk(["x509", "-in", scratch.write("issued.pem", r.body.certificatePem), "-noout", "-pubkey"]);
    expect(certKey).toBe(csrKey);
    expect(r.body.subjectAlternativeNames).toEqual([`upn:${ADMIN_UPN}`]);
  });
});

describe("after the fix (Domain Users removed from the Security tab)", () => {
  it("refuses the Domain User with the CA's text, issues nothing, and the path is gone", async () => {
    const fix = await send(admin, "patch", `/templates/${scepId}/security`, { remove: ["CONTOSO\\Domain Users"] });
    expect(fix.status).toBe(200);
    const issuedBefore = (await requests("issued")).length;
    const r = await submit(asAlice);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ disposition: "failed", statusCode: "0x80094012", statusMessage: TEMPLATE_DENIED });
    expect(r.body.certificatePem).toBeUndefined();
    expect((await requests("issued")).length).toBe(issuedBefore);
    expect((await requests("failed")).at(-1)).toMatchObject({ requestId: r.body.requestId, statusMessage: TEMPLATE_DENIED });
    const f = await findings();
    expect(f.filter((x) => x.severity !== "info").map((x) => x.code)).toEqual([]);
    expect(f.some((x) => x.code === "ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT")).toBe(false);
  });

  it("still issues the NDES service account its SCEP certificate", async () => {
    const r = await submit({ account: "CONTOSO\\svc-ndes", template: "IntuneSCEP", subject: "CN=iPhone-Adele", subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.onmicrosoft.com" }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(opensslText(r.body.certificatePem)).toMatch(/UPN::?\s*adele@contoso\.onmicrosoft\.com/);
  });
});

describe("User (built from AD) and EDITF_ATTRIBUTESUBJECTALTNAME2 (ESC6)", () => {
  const asked = { account: "CONTOSO\\alice", template: "User", subject: "CN=Administrator", subjectAlternativeNames: [{ type: "upn", value: ADMIN_UPN }] };
  it("writes the requester's own UPN while the flag is off", async () => {
    const r = await submit(asked);
    expect(r.status).toBe(201);
    expect(r.body.subjectAlternativeNames).toEqual(["upn:alice@corp.contoso.com"]);
    expect(r.body.subject).toMatch(/^CN=Alice/);
  });
  it("writes the requested UPN once the flag is set, and ESC6 is reported", async () => {
    expect((await send(admin, "post", `/cas/${issuingId}/setreg`, { name: "Policy\\EditFlags", value: "+EDITF_ATTRIBUTESUBJECTALTNAME2" })).status).toBe(200);
    const r = await submit(asked);
    expect(r.body.subjectAlternativeNames).toEqual([`upn:${ADMIN_UPN}`]);
    expect((await findings()).filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["ADCS_ESC6_SAN_FLAG"]);
    expect((await send(admin, "post", `/cas/${issuingId}/setreg`, { name: "Policy\\EditFlags", value: "-EDITF_ATTRIBUTESUBJECTALTNAME2" })).status).toBe(200);
  });
  it("certutil -setreg CA\\InterfaceFlags -IF_ENFORCEENCRYPTICERTREQUEST gives ESC11, + takes it away", async () => {
    expect((await send(admin, "post", `/cas/${issuingId}/setreg`, { name: "CA\\InterfaceFlags", value: "-IF_ENFORCEENCRYPTICERTREQUEST" })).status).toBe(200);
    expect((await findings()).filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["ADCS_ESC11_RPC_NOT_ENCRYPTED"]);
    expect((await send(admin, "post", `/cas/${issuingId}/setreg`, { name: "CA\\InterfaceFlags", value: "+IF_ENFORCEENCRYPTICERTREQUEST" })).status).toBe(200);
    expect((await findings()).filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("bad requests: 4xx naming the field, nothing written", () => {
  it("refuses an unknown account, an unpublished template, a malformed SAN and a CSR that does not parse", async () => {
    const before = (await requests()).length;
    const cases: [unknown, string, string?][] = [
      [{ ...asAlice, account: "CONTOSO\\nobody" }, "account"],
      [{ ...asAlice, template: "NoSuchTemplate" }, "template"],
      [asAlice, "template", rootId],
      [{ ...asAlice, subjectAlternativeNames: [{ type: "upn", value: "not a upn" }] }, "subjectAlternativeNames[0].value"],
      [{ ...asAlice, subjectAlternativeNames: [{ type: "x400", value: "a" }] }, "subjectAlternativeNames[0].type"],
      [{ ...asAlice, csr: "-----BEGIN CERTIFICATE REQUEST-----\nTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0dZV3hwWTJVd2dnRWlNQTBHQ1NxR1NJYjNEUUVCQVFVQUE0SUJEd0F3Z2dFS0FvSUJBUUMx\n-----END CERTIFICATE REQUEST-----" }, "csr"],
      [{ ...asAlice, subject: "Administrator" }, "subject"],
      [{ ...asAlice, extra: true }, "extra"],
    ];
    for (const [body, target, ca] of cases) {
      const r = await submit(body, ca);
      expectGraphError(r, 400);
      expect(targetsOf(r), JSON.stringify(r.body)).toContain(target);
    }
    expect((await requests()).length).toBe(before);
    const rootRequests = (await admin.agent.get(`/api/lab/cas/${rootId}/requests`)).body.value as unknown[];
    expect(rootRequests.every((x) => (x as { template: string }).template === "SubCA")).toBe(true);
  });

  it("needs lab.write: a Global Reader gets 403 and nothing is written", async () => {
    const before = (await requests()).length;
    const r = await send(reader, "post", `/cas/${issuingId}/requests`, asAlice);
    expectGraphError(r, 403);
    expect((await requests()).length).toBe(before);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await admin.agent.get("/api/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths["/api/lab/cas/{id}/requests"]?.post).toBeTruthy();
  });
});

describe("a CA stored before InterfaceFlags existed", () => {
  it("loads with the default flags (IF_ENFORCEENCRYPTICERTREQUEST on) and no ESC11", async () => {
    const row = await t.db.labObject.findFirstOrThrow({ where: { id: issuingId } });
    const data = JSON.parse(row.data) as Record<string, unknown>;
    delete data.interfaceFlags;
    await t.db.labObject.update({ where: { id: issuingId }, data: { data: JSON.stringify(data) } });
    const ca = (await admin.agent.get(`/api/lab/cas/${issuingId}`)).body as { interfaceFlags: string[] };
    expect(ca.interfaceFlags).toContain("IF_ENFORCEENCRYPTICERTREQUEST");
    expect((await findings()).some((f) => f.code === "ADCS_ESC11_RPC_NOT_ENCRYPTED")).toBe(false);
  });
});
