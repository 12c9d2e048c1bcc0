// Issue 14: the complete correct setup (completeSetup(), seeds 000–004 together) gets no error or warning from the
// AD CS security rules or PROF_STRONG_MAPPING_SID_MISSING.
import { describe, expect, it } from "vitest";
import { completeSetup } from "../../../setup/complete-setup";
import { evaluate } from "../../engine";
import { PROF_STRONG_MAPPING_SID_MISSING } from "../../intune/scep/strong-mapping";
import { ADCS_SECURITY_RULES } from "./security-rules";

describe("completeSetup() and the security rules", () => {
  it("gets no security error or warning; the NDES computer's Issue and Manage is the only (info) finding", () => {
    const findings = evaluate(completeSetup(), [...ADCS_SECURITY_RULES, PROF_STRONG_MAPPING_SID_MISSING]);
    expect(findings.filter((f) => f.severity !== "info").map((f) => `${f.code}: ${f.message}`)).toEqual([]);
    expect([...new Set(findings.map((f) => f.code))]).toEqual(["ADCS_ESC7_NDES_COMPUTER_ISSUE_MANAGE"]);
  });
});
