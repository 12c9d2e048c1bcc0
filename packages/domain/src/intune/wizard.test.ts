import { describe, expect, it } from "vitest";
import { correctTenant, profile, SCEP_PROFILE_ID } from "./testing";
import { DRAFT_PROFILE_ID, evaluateDraft } from "./wizard";
import { scepProfile, groupTarget, groupId } from "./testing";

describe("the SCEP wizard's live findings", () => {
  it("show nothing serious while the admin builds seed 001's profile, then PROF_KEYUSAGE_REGISTRY_MISMATCH on Digital signature only", () => {
    const t = correctTenant();
    // Seed 001 wrote the template name only into GeneralPurposeTemplate.
    const lab = structuredClone(t.lab!);
    lab.ndes[0]!.mscepRegistry.SignatureTemplate = "IPSECIntermediateOffline";
    const tenant = { ...t, lab };
    const saved = profile(tenant.intune!, SCEP_PROFILE_ID);
    const draft = { ...saved, id: undefined, displayName: "SCEP - iOS (draft)", assignments: [groupTarget(groupId(tenant, "SCEP users"))] };

    expect(evaluateDraft(tenant, draft).filter((f) => f.severity !== "info")).toEqual([]);

    const digital = { ...draft, settings: { ...draft.settings, keyUsage: "digitalSignature" } };
    const found = evaluateDraft(tenant, digital);
    expect(found.map((f) => f.code)).toContain("PROF_KEYUSAGE_REGISTRY_MISMATCH");
    expect(found.every((f) => f.objects.some((o) => o.id === DRAFT_PROFILE_ID))).toBe(true);
  });

  it("edits a saved profile in place: the saved version's findings are not repeated", () => {
    const t = correctTenant();
    const saved = profile(t.intune!, SCEP_PROFILE_ID);
    const found = evaluateDraft(t, { ...saved, settings: { ...saved.settings, renewalThresholdPercentage: 0 } });
    expect(found.filter((f) => f.code === "PROF_RENEWAL_THRESHOLD_RANGE")).toHaveLength(1);
  });

  it("warns about a new profile without a Root Certificate before it is saved", () => {
    const draft = { ...scepProfile("windows", { rootCertificateId: null }), id: undefined };
    expect(evaluateDraft(correctTenant(), draft).map((f) => f.code)).toContain("PROF_NO_ROOT_CERT");
  });
});
