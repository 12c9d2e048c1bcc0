import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import { ALL_RULES } from "../../catalogue";
import { correctTenant, profile, SCEP_PROFILE_ID, withIntune } from "../../../intune/testing";
import { EKU } from "../../../lab/snapshot";
import { PROF_STRONG_MAPPING_SID_MISSING } from "./strong-mapping";

const SMART_CARD = { name: "Smart Card Logon", objectIdentifier: EKU.smartCardLogon };
const logonProfile = (sans: { sanType: string; name: string }[]) =>
  withIntune(correctTenant(), (i) => {
    const s = profile(i, SCEP_PROFILE_ID).settings;
    s.extendedKeyUsages = [...(s.extendedKeyUsages as unknown[]), SMART_CARD];
    s.customSubjectAlternativeNames = sans;
  });
const loud = (t: ReturnType<typeof correctTenant>) => evaluate(t, ALL_RULES).filter((f) => f.severity !== "info").map((f) => f.code);

describe("PROF_STRONG_MAPPING_SID_MISSING (KB5014754)", () => {
  it("is quiet on the correct setup (a Client Authentication certificate for Wi-Fi/VPN)", () => {
    expect(evaluate(correctTenant(), [PROF_STRONG_MAPPING_SID_MISSING])).toEqual([]);
  });

  it("is the only warning when an iOS logon certificate (Smart Card Logon) lacks the SID URI", () => {
    const t = logonProfile([{ sanType: "userPrincipalName", name: "{{UserPrincipalName}}" }]);
    expect(loud(t)).toEqual(["PROF_STRONG_MAPPING_SID_MISSING"]);
    expect(evaluate(t, [PROF_STRONG_MAPPING_SID_MISSING])[0]!.message).toContain("Smart Card Logon");
  });

  it("is quiet once the URI SAN {{OnPremisesSecurityIdentifier}} is added", () => {
    const t = logonProfile([
      { sanType: "userPrincipalName", name: "{{UserPrincipalName}}" },
      { sanType: "universalResourceIdentifier", name: "{{OnPremisesSecurityIdentifier}}" },
    ]);
    expect(evaluate(t, [PROF_STRONG_MAPPING_SID_MISSING])).toEqual([]);
  });

  it("reads the lab's SCEP template: Smart Card Logon there makes the profile's certificates logon certificates", () => {
    const t = correctTenant();
    t.lab!.templates.find((x) => x.name === "IntuneSCEP")!.applicationPolicies.push(EKU.smartCardLogon);
    expect(evaluate(t, [PROF_STRONG_MAPPING_SID_MISSING]).map((f) => f.code)).toEqual(["PROF_STRONG_MAPPING_SID_MISSING"]);
  });
});
