import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import {
  allDevicesTarget,
  correctIntune,
  groupId,
  groupTarget,
  profile,
  ROOT_CERT,
  ROOT_PROFILE_ID,
  SCEP_PROFILE_ID,
  trustedProfile,
  withIntune,
} from "../../../intune/testing";
import { aTenant, testId } from "../../testing";
import { PROF_NO_ROOT_CERT, PROF_ROOT_ASSIGNMENT_MISMATCH, PROF_ROOT_NOT_TOP_LEVEL, PROF_ROOT_PLATFORM_MISMATCH } from "./root";

const codes = (t: ReturnType<typeof correctIntune>, rule: Parameters<typeof evaluate>[1]) => evaluate(t, rule);

describe("PROF_NO_ROOT_CERT: a SCEP profile must select its trusted certificate profile", () => {
  it("fires when no Root Certificate is selected", () => {
    const t = withIntune(correctIntune(), (i) => (profile(i, SCEP_PROFILE_ID).rootCertificateId = null));
    const [f] = codes(t, [PROF_NO_ROOT_CERT]);
    expect(f).toMatchObject({ code: "PROF_NO_ROOT_CERT", severity: "error", objects: [{ id: SCEP_PROFILE_ID }] });
    expect(f?.message).toBe("SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) has no Root Certificate selected.");
  });
  it("fires when the referenced profile was deleted", () => {
    const t = withIntune(correctIntune(), (i) => (i.profiles = i.profiles.filter((p) => p.id !== ROOT_PROFILE_ID)));
    expect(codes(t, [PROF_NO_ROOT_CERT])[0]?.message).toContain("no longer exists");
  });
  it("is quiet for seed 001's profile, which selects the trusted certificate profile created earlier", () => {
    expect(codes(correctIntune(), [PROF_NO_ROOT_CERT])).toEqual([]);
  });
  it("is quiet for a tenant without Intune", () => {
    expect(evaluate(aTenant(), [PROF_NO_ROOT_CERT])).toEqual([]);
  });
});

describe("PROF_ROOT_PLATFORM_MISMATCH: one trusted certificate profile per platform", () => {
  it("fires when an iOS SCEP profile points at a macOS trusted certificate profile", () => {
    const t = withIntune(correctIntune(), (i) => {
      i.profiles[0] = trustedProfile("macOS", { displayName: "Contoso Root CA - macOS" });
    });
    const [f] = codes(t, [PROF_ROOT_PLATFORM_MISMATCH]);
    expect(f?.message).toContain("needs a iOS/iPadOS trusted certificate profile (#microsoft.graph.iosTrustedRootCertificate), not #microsoft.graph.macOSTrustedRootCertificate");
  });
  it("is quiet when both are iOS", () => expect(codes(correctIntune(), [PROF_ROOT_PLATFORM_MISMATCH])).toEqual([]));
});

describe("PROF_ROOT_NOT_TOP_LEVEL: select the top-level root, not the issuing CA", () => {
  it("fires when the trusted certificate is issued by another CA", () => {
    const t = withIntune(correctIntune(), (i) => {
      profile(i, ROOT_PROFILE_ID).certificate = { ...ROOT_CERT, subject: "CN=Contoso Issuing CA", issuer: "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com" };
    });
    const [f] = codes(t, [PROF_ROOT_NOT_TOP_LEVEL]);
    expect(f).toMatchObject({ severity: "warning" });
    expect(f?.message).toContain("'CN=Contoso Issuing CA' is issued by 'CN=Contoso Root CA, DC=corp, DC=contoso, DC=com'");
  });
  it("is quiet for the self-signed root exported with certutil -ca.cert", () =>
    expect(codes(correctIntune(), [PROF_ROOT_NOT_TOP_LEVEL])).toEqual([]));
});

describe("PROF_ROOT_ASSIGNMENT_MISMATCH: assign both profiles to the same groups", () => {
  it("fires when SCEP goes to users and the trusted certificate to devices (S12: Failure)", () => {
    const t = withIntune(correctIntune(), (i) => {
      i.assignments = i.assignments.map((a) => (a.profileId === ROOT_PROFILE_ID ? { ...a, target: allDevicesTarget() } : a));
    });
    const [f] = codes(t, [PROF_ROOT_ASSIGNMENT_MISMATCH]);
    expect(f?.message).toBe(
      "SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) is assigned to users (group 'SCEP users' (users)) but " +
        "'Contoso Root CA - iOS' (iOS/iPadOS Trusted certificate) to devices (All devices): SCEP=User + Trusted=Device fails.",
    );
  });
  it("fires when the trusted certificate profile is not assigned at all", () => {
    const t = withIntune(correctIntune(), (i) => (i.assignments = i.assignments.filter((a) => a.profileId !== ROOT_PROFILE_ID)));
    expect(codes(t, [PROF_ROOT_ASSIGNMENT_MISMATCH])[0]?.message).toContain("is not assigned to anyone");
  });
  it("fires when SCEP reaches a user group the trusted profile doesn't", () => {
    const tenant = aTenant({
      users: [{ upn: "adele@contoso.com" }, { upn: "megan@contoso.com" }],
      groups: [{ displayName: "SCEP users", members: ["adele@contoso.com"] }, { displayName: "Sales", members: ["megan@contoso.com"] }],
    });
    const t = withIntune(correctIntune(tenant), (i) => {
      i.assignments.push({ profileId: SCEP_PROFILE_ID, target: groupTarget(groupId(tenant, "Sales")) });
    });
    expect(codes(t, [PROF_ROOT_ASSIGNMENT_MISMATCH])[0]?.message).toContain("is assigned to group 'Sales' (users), which");
  });
  it("is quiet when either side goes to users and devices (S12: Success)", () => {
    const tenant = aTenant({ users: [{ upn: "adele@contoso.com" }], groups: [{ displayName: "SCEP users", members: ["adele@contoso.com", testId(0x999)] }] });
    const t = withIntune(correctIntune(tenant), (i) => {
      i.assignments = i.assignments.map((a) => (a.profileId === ROOT_PROFILE_ID ? a : { ...a }));
    });
    expect(codes(t, [PROF_ROOT_ASSIGNMENT_MISMATCH])).toEqual([]);
  });
  it("is quiet when both are assigned to the same group", () => expect(codes(correctIntune(), [PROF_ROOT_ASSIGNMENT_MISMATCH])).toEqual([]));
});
