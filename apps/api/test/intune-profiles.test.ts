// Intune certificate profiles through /graph/beta/deviceManagement/deviceConfigurations, as a script written for
// real Graph calls them: create, read, filter (isof), $expand=rootCertificate, PATCH with If-Match, assign, and
// delete — for every one of the twelve types — plus the 409 on deleting a root in use and the 400s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newGroupBody, targetsOf } from "./helpers.ts";
import {
  CONFIGS,
  NDES_URL,
  PLATFORMS,
  SCEP_TYPES,
  TRUSTED_ROOT_TYPES,
  bindOf,
  client,
  created,
  makePki,
  scepBody,
  trustedBody,
  type Client,
  type Pki,
} from "./intune-fixtures.ts";

let t: TestApp;
let admin: Client;
let pki: Pki;
let includeGroup: string;
let excludeGroup: string;

const ALL_DEVICES = "adadadad-808e-44e2-905a-0b7873a8a531";
const ALL_USERS = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, await bearerFor(t.app, users.admin.upn));
  pki = await makePki();
  includeGroup = (await created(await admin.post(`${GRAPH}/groups`, newGroupBody("Intune pilot devices")))).id;
  excludeGroup = (await created(await admin.post(`${GRAPH}/groups`, newGroupBody("Intune excluded")))).id;
});
afterAll(async () => {
  await t?.close();
});

describe.each(PLATFORMS)("%s trusted certificate + SCEP profiles through Graph", (platform) => {
  const trustedType = TRUSTED_ROOT_TYPES[platform];
  const scepType = SCEP_TYPES[platform];
  let rootId: string;
  let scepId: string;

  it("creates the trusted certificate profile from the real root CA: 201 with every property", async () => {
    const res = await admin.post(CONFIGS, trustedBody(platform, pki.rootB64));
    const body = await created(res);
    rootId = body.id;
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers.location).toMatch(new RegExp(`/graph/beta/deviceManagement/deviceConfigurations/${rootId}$`));
    expect(body).toMatchObject({
      "@odata.context": expect.stringMatching(/\/graph\/beta\/\$metadata#deviceManagement\/deviceConfigurations\/\$entity$/),
      "@odata.type": `#${trustedType}`,
      displayName: `Contoso Root CA - ${platform}`,
      description: "Root of the on-prem AD CS hierarchy used by NDES",
      version: 1,
      roleScopeTagIds: ["0"],
      supportsScopeTags: true,
      deviceManagementApplicabilityRuleOsEdition: null,
      deviceManagementApplicabilityRuleOsVersion: null,
      deviceManagementApplicabilityRuleDeviceMode: null,
      trustedRootCertificate: pki.rootB64,
      certFileName: "ContosoRootCA.cer",
    });
    expect(body.createdDateTime).toEqual(body.lastModifiedDateTime);
    if (platform === "windows") expect(body.destinationStore).toBe("computerCertStoreRoot");
    if (platform === "macOS") expect(body).toHaveProperty("deploymentChannel", null);
    // What packages/pki read from the upload (a beyond-Graph annotation the portal shows).
    expect(body["trustedRootCertificate@certlab.certificateInfo"]).toMatchObject({
      subject: "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com",
      issuer: "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com",
      thumbprint: pki.root.info.thumbprint,
      notAfter: pki.root.info.notAfter,
      isCa: true,
    });
  });

  it("creates the SCEP profile bound to it with rootCertificate@odata.bind: 201, unset properties null/false/[]", async () => {
    const res = await admin.post(CONFIGS, scepBody(platform, rootId, { "@odata.type": scepType /* no '#' */ }));
    const body = await created(res);
    scepId = body.id;
    expect(body["@odata.type"]).toBe(`#${scepType}`);
    expect(body).toMatchObject({
      keyUsage: "keyEncipherment,digitalSignature", // flags in bit order
      keySize: "size2048",
      scepServerUrls: [NDES_URL],
      renewalThresholdPercentage: 20,
      subjectAlternativeNameType: null,
      subjectAlternativeNameFormatString: null,
      extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
      customSubjectAlternativeNames: [{ sanType: "userPrincipalName", name: "{{UserPrincipalName}}" }],
    });
    if (platform === "iOS") expect(body).not.toHaveProperty("hashAlgorithm");
    else expect(body.hashAlgorithm).toBe("sha2");
    if (platform === "windows") expect(body.keyStorageProvider).toBe("useTpmKspOtherwiseUseSoftwareKsp");
    if (platform === "macOS") expect(body).toMatchObject({ allowAllAppsAccess: false, deploymentChannel: null });
    if (platform === "androidDeviceOwner") expect(body).toMatchObject({ silentCertificateAccessDetails: [], certificateAccessType: "userApproval" });
    expect(body).not.toHaveProperty("rootCertificate");
    expect(body).not.toHaveProperty("rootCertificate@odata.bind");
  });

  it("reads it back; a plain GET omits rootCertificate, $expand adds it (also in the type-cast form)", async () => {
    const plain = await admin.get(`${CONFIGS}/${scepId}`);
    expect(plain.status).toBe(200);
    expect(plain.body.id).toBe(scepId);
    expect(plain.body).not.toHaveProperty("rootCertificate");

    for (const expand of ["rootCertificate", `microsoft.graph.${scepType.split(".").pop()}/rootCertificate`]) {
      const res = await admin.get(`${CONFIGS}/${scepId}?$expand=${expand}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.rootCertificate).toMatchObject({ id: rootId, "@odata.type": `#${trustedType}` });
      expect(res.body["rootCertificate@odata.context"]).toContain(`deviceConfigurations('${scepId}')/${scepType}/rootCertificate/$entity`);
    }
    // $select keeps the expanded navigation
    const sel = await admin.get(`${CONFIGS}/${scepId}?$select=displayName&$expand=rootCertificate`);
    expect(Object.keys(sel.body).filter((k) => !k.startsWith("@"))).toEqual(expect.arrayContaining(["id", "displayName", "rootCertificate"]));
    expect(sel.body).not.toHaveProperty("keyUsage");

    // the navigation path, and the OData key syntax the bind uses
    const nav = await admin.get(`${CONFIGS}/${scepId}/${scepType}/rootCertificate`);
    expect(nav.status, JSON.stringify(nav.body)).toBe(200);
    expect(nav.body.id).toBe(rootId);
    const keyed = await admin.get(`${CONFIGS}('${rootId}')`);
    expect(keyed.status).toBe(200);
    expect(keyed.body.id).toBe(rootId);
  });

  it("filters the polymorphic list with isof (quotes plain or %27)", async () => {
    const res = await admin.get(`${CONFIGS}?$filter=isof('${scepType}')`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.value.map((p: { id: string }) => p.id)).toEqual([scepId]);
    const encoded = await admin.get(`${CONFIGS}?$filter=isof(%27${scepType}%27)`);
    expect(encoded.body.value.map((p: { id: string }) => p.id)).toEqual([scepId]);
    const trusted = await admin.get(`${CONFIGS}?$filter=isof('${trustedType}')&$select=id,displayName`);
    expect(trusted.body.value).toEqual([{ "@odata.type": `#${trustedType}`, id: rootId, displayName: `Contoso Root CA - ${platform}` }]);
  });

  it("PATCH honours If-Match, bumps the version and answers 200 with the updated entity", async () => {
    const stale = await admin.patch(`${CONFIGS}/${scepId}`, { renewalThresholdPercentage: 30 }).set("If-Match", 'W/"7"');
    expectGraphError(stale, 412, { code: "PreconditionFailed" });
    const res = await admin.patch(`${CONFIGS}/${scepId}`, { renewalThresholdPercentage: 30, description: "renew at 30 %" }).set("If-Match", 'W/"1"');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.body).toMatchObject({ id: scepId, version: 2, renewalThresholdPercentage: 30, description: "renew at 30 %", keySize: "size2048" });
    expect(Date.parse(res.body.lastModifiedDateTime)).toBeGreaterThanOrEqual(Date.parse(res.body.createdDateTime));
    const again = await admin.get(`${CONFIGS}/${scepId}`);
    expect(again.body).toMatchObject({ version: 2, renewalThresholdPercentage: 30 });
  });

  it("GET → modify → PATCH the whole body back works, as against Graph (annotations and read-only properties ignored)", async () => {
    for (const id of [rootId, scepId]) {
      const got = (await admin.get(`${CONFIGS}/${id}`)).body as Record<string, unknown>;
      const res = await admin.patch(`${CONFIGS}/${id}`, { ...got, displayName: `${got.displayName} (edited)` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.displayName).toBe(`${got.displayName} (edited)`);
      expect(res.body.version).toBe((got.version as number) + 1);
      const back = await admin.patch(`${CONFIGS}/${id}`, { displayName: got.displayName });
      expect(back.status).toBe(200);
    }
    expect((await admin.get(`${CONFIGS}/${scepId}`)).headers.etag).toBe('W/"4"');
  });

  it("assign replaces the set: include group, exclude group, All devices, All users", async () => {
    const res = await admin.post(`${CONFIGS}/${scepId}/assign`, {
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: includeGroup, deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" } },
        { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: excludeGroup } },
        { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
        { target: { "@odata.type": "microsoft.graph.allLicensedUsersAssignmentTarget" } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.value.map((a: { id: string }) => a.id).sort();
    expect(ids).toEqual([`${scepId}_${includeGroup}`, `${scepId}_${excludeGroup}`, `${scepId}_${ALL_DEVICES}`, `${scepId}_${ALL_USERS}`].sort());
    expect(res.body.value.find((a: { id: string }) => a.id === `${scepId}_${includeGroup}`)).toEqual({
      "@odata.type": "#microsoft.graph.deviceConfigurationAssignment",
      id: `${scepId}_${includeGroup}`,
      source: "direct",
      sourceId: scepId,
      intent: "apply",
      target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none", groupId: includeGroup },
    });
    const list = await admin.get(`${CONFIGS}/${scepId}/assignments`);
    expect(list.body.value).toHaveLength(4);
    // replace: assigning one target leaves only it
    const replaced = await admin.post(`${CONFIGS}/${scepId}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: includeGroup } }] });
    expect(replaced.body.value.map((a: { id: string }) => a.id)).toEqual([`${scepId}_${includeGroup}`]);
    const root = await admin.post(`${CONFIGS}/${rootId}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: includeGroup } }] });
    expect(root.status).toBe(200);
  });

  it("deletes: the root answers 409 while the SCEP profile uses it, then both go", async () => {
    const conflict = await admin.delete(`${CONFIGS}/${rootId}`);
    expectGraphError(conflict, 409, { code: "Conflict", message: `SCEP - ${platform}` });
    expect((await admin.delete(`${CONFIGS}/${scepId}`)).status).toBe(204);
    expect((await admin.delete(`${CONFIGS}/${rootId}`)).status).toBe(204);
    expectGraphError(await admin.get(`${CONFIGS}/${rootId}`), 404, { code: "ResourceNotFound" });
    expectGraphError(await admin.get(`${CONFIGS}/${scepId}/assignments`), 404, { code: "ResourceNotFound" });
  });
});

describe("rootCertificate navigation and $ref", () => {
  it("PUT …/{castType}/rootCertificate/$ref sets it (204), GET $ref reads it, another platform's root is refused", async () => {
    const iosRoot = (await created(await admin.post(CONFIGS, trustedBody("iOS", pki.rootB64)))).id;
    const macRoot = (await created(await admin.post(CONFIGS, trustedBody("macOS", pki.rootB64)))).id;
    const scep = await created(await admin.post(CONFIGS, scepBody("iOS", undefined)));
    const refPath = `${CONFIGS}/${scep.id}/microsoft.graph.iosScepCertificateProfile/rootCertificate/$ref`;
    expectGraphError(await admin.get(refPath), 404);
    expect((await admin.put(refPath, { "@odata.id": bindOf(iosRoot) })).status).toBe(204);
    const ref = await admin.get(refPath);
    expect(ref.body["@odata.id"]).toMatch(new RegExp(`/deviceManagement/deviceConfigurations\\('${iosRoot}'\\)$`));
    expect((await admin.get(`${CONFIGS}/${scep.id}`)).body.version).toBe(2);

    const wrong = await admin.put(refPath, { "@odata.id": bindOf(macRoot) });
    expectGraphError(wrong, 400, { code: "BadRequest", message: "rootCertificate@odata.bind" });
    const wrongBind = await admin.patch(`${CONFIGS}/${scep.id}`, { "rootCertificate@odata.bind": bindOf(macRoot) });
    expectGraphError(wrongBind, 400);
    expect(targetsOf(wrongBind)).toEqual(["rootCertificate@odata.bind"]);
    // PATCH with a bind to the right platform works too
    const other = (await created(await admin.post(CONFIGS, trustedBody("iOS", pki.rootB64, { displayName: "Second iOS root" })))).id;
    const ok = await admin.patch(`${CONFIGS}/${scep.id}`, { "rootCertificate@odata.bind": bindOf(other) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await admin.get(`${CONFIGS}/${scep.id}?$expand=rootCertificate`)).body.rootCertificate.id).toBe(other);
    // a cast to another type answers 404
    expectGraphError(await admin.get(`${CONFIGS}/${scep.id}/microsoft.graph.macOSScepCertificateProfile/rootCertificate`), 404);
  });

  it("a bind to a profile that doesn't exist, or to a non-root, answers 400 naming rootCertificate@odata.bind", async () => {
    const missing = await admin.post(CONFIGS, scepBody("windows", "0e2f87bd-de2c-47c2-a69b-c8cbe9823042"));
    expectGraphError(missing, 400, { code: "BadRequest" });
    expect(targetsOf(missing)).toEqual(["rootCertificate@odata.bind"]);
    const scep = await created(await admin.post(CONFIGS, scepBody("windows", undefined)));
    const toScep = await admin.post(CONFIGS, scepBody("windows", scep.id));
    expect(targetsOf(toScep)).toEqual(["rootCertificate@odata.bind"]);
  });
});

describe("single assignments", () => {
  it("POST …/assignments adds one (201), GET/DELETE by id, duplicates 409, unknown groups 400 with the field path", async () => {
    const scep = await created(await admin.post(CONFIGS, scepBody("aosp", undefined)));
    const path = `${CONFIGS}/${scep.id}/assignments`;
    const add = await admin.post(path, { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: excludeGroup } });
    const a = await created(add);
    expect(a).toMatchObject({ id: `${scep.id}_${excludeGroup}`, intent: "apply", target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: excludeGroup } });
    expect(add.headers.location).toContain(`/assignments/${a.id}`);
    expectGraphError(await admin.post(path, { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: excludeGroup } }), 409);
    expect((await admin.get(`${path}/${a.id}`)).body.id).toBe(a.id);
    const unknown = await admin.post(path, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "93f57a7f-e646-4a5a-b6a4-7c19e6ca6244" } });
    expectGraphError(unknown, 400);
    expect(targetsOf(unknown)).toEqual(["target.groupId"]);
    const assign = await admin.post(`${CONFIGS}/${scep.id}/assign`, {
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: includeGroup } },
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: DEMO.contoso.users.admin.id } },
      ],
    });
    expectGraphError(assign, 400, { message: "assignments[1].target.groupId" });
    expect(targetsOf(assign)).toEqual(["assignments[1].target.groupId"]);
    const badType = await admin.post(`${CONFIGS}/${scep.id}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.somethingElse" } }] });
    expectGraphError(badType, 400);
    // the failed assign changed nothing
    expect((await admin.get(path)).body.value.map((x: { id: string }) => x.id)).toEqual([a.id]);
    // the list shows who is assigned with $expand=assignments
    const list = await admin.get(`${CONFIGS}?$filter=isof('microsoft.graph.aospDeviceOwnerScepCertificateProfile')&$expand=assignments&$select=id,displayName`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.value.find((p: { id: string }) => p.id === scep.id).assignments).toHaveLength(1);
    expect((await admin.delete(`${path}/${a.id}`)).status).toBe(204);
    expectGraphError(await admin.get(`${path}/${a.id}`), 404);
  });
});

describe("400s with field paths", () => {
  const expect400 = async (body: unknown, target: string, message?: string | RegExp) => {
    const res = await admin.post(CONFIGS, body);
    expectGraphError(res, 400, { code: "BadRequest", ...(message ? { message } : {}) });
    expect(targetsOf(res), JSON.stringify(res.body)).toContain(target);
    return res;
  };

  it("deviceConfiguration is abstract: a missing, abstract or unknown @odata.type is refused", async () => {
    const { "@odata.type": _t, ...noType } = scepBody("iOS", undefined);
    await expect400(noType, "@odata.type", "abstract");
    await expect400({ ...noType, "@odata.type": "#microsoft.graph.deviceConfiguration" }, "@odata.type");
    await expect400({ ...noType, "@odata.type": "#microsoft.graph.windows10GeneralConfiguration" }, "@odata.type");
  });

  it("invalid SCEP settings name their field", async () => {
    await expect400(scepBody("windows", undefined, { keyUsage: "digitalSignature,nonRepudiation" }), "keyUsage", "nonRepudiation");
    await expect400(scepBody("windows", undefined, { renewalThresholdPercentage: 0 }), "renewalThresholdPercentage");
    await expect400(scepBody("iOS", undefined, { hashAlgorithm: "sha2" }), "hashAlgorithm", "does not exist");
    await expect400(scepBody("androidWorkProfile", undefined, { certificateValidityPeriodScale: "months", certificateValidityPeriodValue: 25 }), "certificateValidityPeriodValue", "24 months");
    const { scepServerUrls: _u, ...noUrls } = scepBody("macOS", undefined);
    await expect400(noUrls, "scepServerUrls");
    await expect400(scepBody("aosp", undefined, { scepServerUrls: [] }), "scepServerUrls");
    await expect400(scepBody("androidDeviceOwner", undefined, { extendedKeyUsages: [{ name: "x", objectIdentifier: "not-an-oid" }] }), "extendedKeyUsages[0].objectIdentifier");
  });

  it("PATCH is checked the same way, against the stored settings (validity over 24 months)", async () => {
    const scep = await created(await admin.post(CONFIGS, scepBody("windows", undefined, { certificateValidityPeriodScale: "months", certificateValidityPeriodValue: 12 })));
    const res = await admin.patch(`${CONFIGS}/${scep.id}`, { certificateValidityPeriodValue: 36 });
    expectGraphError(res, 400);
    expect(targetsOf(res)).toContain("certificateValidityPeriodValue");
    const typeChange = await admin.patch(`${CONFIGS}/${scep.id}`, { "@odata.type": "#microsoft.graph.iosScepCertificateProfile" });
    expect(targetsOf(typeChange)).toContain("@odata.type");
    expect((await admin.get(`${CONFIGS}/${scep.id}`)).body.version).toBe(1);
  });

  it("trustedRootCertificate: a PFX is refused with TRUST_PFX_UPLOADED's wording; garbage and a missing file name the field", async () => {
    const pfx = await expect400(trustedBody("iOS", pki.pfxB64), "trustedRootCertificate", "private key");
    expect(pfx.body.error.message).toMatch(/DER-encoded \.cer/);
    await expect400(trustedBody("windows", Buffer.from("definitely not a certificate").toString("base64")), "trustedRootCertificate", "not an X.509 certificate");
    await expect400(trustedBody("macOS", "%%%"), "trustedRootCertificate");
    const { trustedRootCertificate: _c, ...noCert } = trustedBody("aosp", pki.rootB64);
    await expect400(noCert, "trustedRootCertificate");
    const n = await admin.get(`${CONFIGS}/$count`);
    expect(n.text).toMatch(/^\d+$/);
  });
});

describe("roles and tenants", () => {
  it("reader@ reads but gets 403 on every write", async () => {
    const reader = client(t.app, await bearerFor(t.app, users.reader.upn));
    const root = await created(await admin.post(CONFIGS, trustedBody("iOS", pki.rootB64)));
    expect((await reader.get(`${CONFIGS}/${root.id}`)).status).toBe(200);
    expectGraphError(await reader.post(CONFIGS, trustedBody("iOS", pki.rootB64)), 403, { code: "Forbidden" });
    expectGraphError(await reader.patch(`${CONFIGS}/${root.id}`, { displayName: "x" }), 403);
    expectGraphError(await reader.delete(`${CONFIGS}/${root.id}`), 403);
    expectGraphError(await reader.post(`${CONFIGS}/${root.id}/assign`, { assignments: [] }), 403);
  });

  it("the Intune Administrator may write", async () => {
    const intune = client(t.app, await bearerFor(t.app, users.intuneAdmin.upn));
    await created(await intune.post(CONFIGS, trustedBody("androidWorkProfile", pki.rootB64)));
  });

  it("another tenant's profile answers 404 and never appears in the list", async () => {
    const id = "f0f0f0f0-0000-4000-8000-000000000001";
    await t.db.deviceConfiguration.create({
      data: { id, tenantId: DEMO.fabrikam.tenantId, odataType: TRUSTED_ROOT_TYPES.iOS, displayName: "Fabrikam root", settings: JSON.stringify({ trustedRootCertificate: pki.rootB64 }) },
    });
    expectGraphError(await admin.get(`${CONFIGS}/${id}`), 404, { code: "ResourceNotFound" });
    expectGraphError(await admin.patch(`${CONFIGS}/${id}`, { displayName: "mine" }), 404);
    expectGraphError(await admin.delete(`${CONFIGS}/${id}`), 404);
    const list = await admin.get(`${CONFIGS}?$top=999`);
    expect(list.body.value.map((p: { id: string }) => p.id)).not.toContain(id);
    // and a bind to it is refused
    const bind = await admin.post(CONFIGS, scepBody("iOS", id));
    expect(targetsOf(bind)).toEqual(["rootCertificate@odata.bind"]);
  });

  it("every change is audited (category Policy, logged by Intune)", async () => {
    const res = await admin.get(`${GRAPH}/auditLogs/directoryAudits?$filter=loggedByService eq 'Intune'&$top=999`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const names = new Set(res.body.value.map((a: { activityDisplayName: string }) => a.activityDisplayName));
    for (const n of ["Create DeviceConfiguration", "Patch DeviceConfiguration", "Assign DeviceConfiguration", "Delete DeviceConfiguration"]) expect(names).toContain(n);
    expect(res.body.value.every((a: { category: string }) => a.category === "Policy")).toBe(true);
  });
});
