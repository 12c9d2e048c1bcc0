// The enrollment trace on the complete correct setup (issue 8) and on each lab-broken variant of
// lab/broken-variants.ts applied to it: issued on all five platforms of the setup; a break fails at the hop
// rules-reference.md part B (and seed 004's request flow, topology/request-flow.ts) puts its code on.
import { describe, expect, it } from "vitest";
import { completeSetupPlan, COMPLETE_SETUP, SETUP_PLATFORMS } from "../setup/complete-setup";
import { evaluate } from "../rules/engine";
import { BROKEN_VARIANT_CODES, breakLab } from "../lab/broken-variants";
import { REQUEST_FLOW_HOPS } from "../topology/request-flow";
import type { TenantSnapshot } from "../rules/snapshot";
import { deviceRecordFromCreate, profilesForDevice, withManagedDevices, ZDeviceCreate, type ManagedDeviceRecord } from "../devices/devices";
import { estimatePkiMessageBase64Length, pkiOperationUrl, placeholderBase64, traceEnrollment } from "./trace";
import type { TPlatform } from "../intune/profile-types";

const NOW = new Date("2026-03-12T08:00:00Z");
let n = 0;
const guid = () => `00000000-0000-4000-8000-${(0xd000 + n++).toString(16).padStart(12, "0")}`;

function setup() {
  const plan = completeSetupPlan({ now: NOW });
  const userId = plan.directory.groupMembers.find((m) => m.groupId === plan.directory.scepGroup.id)!.memberId;
  return { plan, snapshot: plan.snapshot, userId };
}

function device(platform: TPlatform, userId: string | null, extra: Record<string, unknown> = {}): ManagedDeviceRecord {
  const input = ZDeviceCreate.parse({ deviceName: `dev-${platform}`, platform, ...(userId ? { userId } : {}), ...extra });
  return deviceRecordFromCreate(input, { id: guid(), azureADDeviceId: guid(), serialNumber: "C02XK0ABCD12", now: NOW.toISOString() });
}

function trace(snapshot: TenantSnapshot, d: ManagedDeviceRecord, profileId: string) {
  const withDevice = withManagedDevices(snapshot, [d]);
  return traceEnrollment(withDevice, evaluate(withDevice), d, profileId, { now: NOW });
}

describe("devices", () => {
  it("validates per platform and names the field", () => {
    const user = guid();
    const bad = (body: Record<string, unknown>) => ZDeviceCreate.safeParse(body).error?.issues.map((i) => i.path.join("."));
    expect(bad({ deviceName: "m", platform: "macOS", userId: user, imei: "490154203237518" })).toEqual(["imei"]);
    expect(bad({ deviceName: "p", platform: "androidDeviceOwner", userId: user, imei: "490154203237519" })).toEqual(["imei"]);
    expect(bad({ deviceName: "p", platform: "androidDeviceOwner", userId: user, imei: "490154203237518" })).toBeUndefined();
    expect(bad({ deviceName: "w", platform: "windows" })).toEqual(["userId"]);
    expect(bad({ deviceName: "w", platform: "windows", enrollmentType: "windowsBulkEnrollment" })).toBeUndefined();
    expect(bad({ deviceName: "i", platform: "iOS", userId: user, enrollmentType: "windowsAutoEnrollment" })).toEqual(["enrollmentType"]);
    expect(bad({ deviceName: "i", platform: "blackberry", userId: user })).toEqual(["platform"]);
    expect(bad({ deviceName: "i", platform: "iOS", userId: user, encryptionType: "fullDisk" })).toEqual(["encryptionType"]);
  });

  it("reaches a device through its user's group; not a device outside it; exclusions win", () => {
    const { snapshot, userId } = setup();
    const mine = profilesForDevice(snapshot, device("iOS", userId));
    expect(mine.filter((p) => p.applicable).map((p) => p.profileId).sort()).toEqual([COMPLETE_SETUP.ids.rootProfile.iOS, COMPLETE_SETUP.ids.scepProfile.iOS].sort());
    // Every platform's profiles reach the user; the others are "Not applicable" on an iPhone.
    expect(mine.filter((p) => !p.applicable).every((p) => /^Not applicable/.test(p.reason!))).toBe(true);
    const outsider = snapshot.directory.users.find((u) => !snapshot.directory.groupMembers.some((m) => m.memberId === u.id))!;
    expect(profilesForDevice(snapshot, device("iOS", outsider.id))).toEqual([]);
    const excluded = structuredClone(snapshot);
    excluded.directory.groups.push({ id: guid(), displayName: "No certs" });
    const ex = excluded.directory.groups.at(-1)!.id;
    excluded.intune!.assignments.push({ profileId: COMPLETE_SETUP.ids.scepProfile.iOS, target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: ex, deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" } });
    const d = device("iOS", userId, { groupIds: [ex] });
    expect(profilesForDevice(excluded, d).map((p) => p.profileId)).not.toContain(COMPLETE_SETUP.ids.scepProfile.iOS);
    expect(trace(excluded, d, COMPLETE_SETUP.ids.scepProfile.iOS).intuneStatus).toBe("Not applicable");
  });
});

describe("traceEnrollment on the complete setup", () => {
  for (const platform of SETUP_PLATFORMS) {
    it(`issues on ${platform}`, () => {
      const { snapshot, userId } = setup();
      const d = device(platform, userId);
      const t = trace(snapshot, d, COMPLETE_SETUP.ids.scepProfile[platform]);
      expect(t.hops.filter((h) => h.outcome !== "ok"), JSON.stringify(t.hops, null, 1)).toEqual([]);
      expect(t).toMatchObject({ outcome: "issued", failedHop: null, intuneStatus: "Succeeded" });
      const upn = snapshot.directory.users.find((u) => u.id === userId)!.userPrincipalName;
      expect(t.request.subjectAlternativeNames).toEqual([{ type: "upn", value: upn }]);
      expect(t.request.keySize).toBe(2048);
      expect(t.requestUrlLength).toBeGreaterThan(3000);
    });
  }

  it("a device whose user is outside the assigned group gets nothing", () => {
    const { snapshot } = setup();
    const outsider = snapshot.directory.users.find((u) => !snapshot.directory.groupMembers.some((m) => m.memberId === u.id))!;
    const t = trace(snapshot, device("iOS", outsider.id), COMPLETE_SETUP.ids.scepProfile.iOS);
    expect(t).toMatchObject({ outcome: "notApplicable", intuneStatus: "Not applicable", failedHop: null });
  });

  it("an Android fully managed device with full-disk encryption and no PIN stays Pending (DEV_ANDROID_ENTERPRISE_PIN, seed 002)", () => {
    const { snapshot, userId } = setup();
    const t = trace(snapshot, device("androidDeviceOwner", userId, { osVersion: "9", encryptionType: "fullDisk", passcodeSet: false }), COMPLETE_SETUP.ids.scepProfile.androidDeviceOwner);
    expect(t).toMatchObject({ outcome: "pending", intuneStatus: "Pending", failedHop: "profile" });
    expect(t.hops[0]!.codes).toEqual(["DEV_ANDROID_ENTERPRISE_PIN"]);
  });

  it("the PKIOperation URL length follows the key size and the escaping of '+' and '/'", () => {
    const req = { subject: "CN=adele,E=adele@contoso.com", subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.com" }] };
    const small = estimatePkiMessageBase64Length(2048, req);
    const big = estimatePkiMessageBase64Length(4096, req);
    expect(big).toBeGreaterThan(small + 1000);
    const url = new URL(pkiOperationUrl("https://ndes.example/certsrv/mscep/mscep.dll", placeholderBase64(small)));
    expect(url.search.length).toBeGreaterThan(small + 32 + 100);
  });
});

describe("traceEnrollment on each lab-broken variant", () => {
  const results = BROKEN_VARIANT_CODES.map((code) => {
    const { snapshot, userId } = setup();
    breakLab(snapshot.lab!, code);
    const t = trace(snapshot, device("iOS", userId), COMPLETE_SETUP.ids.scepProfile.iOS);
    return { code, t };
  });
  const byCode = new Map(results.map((r) => [r.code, r.t]));

  it("every variant that stops the enrollment fails at the seed 004 hop its code belongs to, naming why", () => {
    for (const { code, t } of results) {
      if (t.outcome === "issued") continue;
      const hop = t.hops.find((h) => h.outcome === "failed")!;
      expect(t.failedHop, code).toBe(hop.id);
      expect(t.intuneStatus, code).toBe("Error");
      expect(hop.codes.length, code).toBeGreaterThan(0);
      expect(hop.symptom?.text, code).toBeTruthy();
      // The hop names the variant's code (part B's symptom tables), or the variant's code belongs to this seed 004
      // hop and the hop names what the CA / application proxy reports for the same cause.
      const flow = REQUEST_FLOW_HOPS.find((h) => h.id === hop.flowHop)!;
      expect(hop.codes.includes(code) || (flow.codes.includes(code) && hop.codes.some((c) => flow.codes.includes(c))), `${code}: ${hop.codes.join(",")} on ${hop.flowHop}`).toBe(true);
      // Nothing after the failing hop ran.
      expect(t.hops.slice(t.hops.indexOf(hop) + 1).every((h) => h.outcome === "skipped"), code).toBe(true);
    }
  });

  // rules-reference.md part B's documented symptoms for breaks that stop every device (the seeds' common causes).
  const documented: [code: string, hop: string, symptom: RegExp][] = [
    ["NDES_APPPOOL_STOPPED", "ndesIis", /HTTP 503/],
    ["IIS_REQFILTER_MAXQUERY_LOW", "ndesIis", /HTTP 414/],
    ["NDES_RA_CERTS_EXPIRED", "ndesIis", /HTTP 500/],
    ["IIS_CERT_EXPIRED", "ndesIis", /ERR_CERT_DATE_INVALID/],
    ["IIS_CERT_NAME_MISMATCH", "ndesIis", /HTTP 502: Bad gateway/],
    ["CONN_NOT_INSTALLED", "policyModule", /cannot be verified/],
    ["CONN_SERVICE_STOPPED", "policyModule", /Failed to verify a SCEP request with Intune/],
    ["NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "ca", /template is not supported by this CA.*0x80094800/],
    ["CA_TEMPLATE_NOT_PUBLISHED", "ca", /0x80094800/],
    ["TPL_ACL_NDES_READ_ENROLL", "ca", /0x80094012/],
    ["CA_REQUEST_PERMISSION_MISSING", "ca", /0x80094011/],
    ["NET_NDES_TO_INFRA_BLOCKED", "ca", /RPC server is unavailable/],
    ["TPL_VALIDITY_LT_5_DAYS", "delivery", /less than 5 days/],
  ];
  for (const [code, hop, symptom] of documented)
    it(`${code} fails at ${hop}: ${symptom.source}`, () => {
      const t = byCode.get(code)!;
      expect(t.failedHop).toBe(hop);
      const failed = t.hops.find((h) => h.id === hop)!;
      expect(failed.codes).toContain(code === "IIS_CERT_NAME_MISMATCH" ? "APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT" : code);
      expect(`${failed.symptom!.text} ${failed.symptom!.body ?? ""}`).toMatch(symptom);
      if (hop === "ca") expect(failed.symptom).toMatchObject({ eventId: 31 });
    });

  it("a connector group of two keeps enrolling when one private network connector stops (seed 003)", () => {
    expect(byCode.get("APPX_SERVICE_STOPPED")!.outcome).toBe("issued");
    expect(byCode.get("APPX_OUTBOUND_BLOCKED")!.outcome).toBe("issued");
  });
});
