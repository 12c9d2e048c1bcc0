import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { aTenant } from "../testing";
import { correctIntune, correctTenant } from "../../intune/testing";
import { INTUNE_RULES } from "./intune-rules";
import { ALL_RULES } from "../catalogue";

const serious = (fs: ReturnType<typeof evaluate>) => fs.filter((f) => f.severity !== "info").map((f) => `${f.code}: ${f.message}`);

describe("the Intune rules", () => {
  it("have unique catalogue codes, sources and texts", () => {
    const codes = INTUNE_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of INTUNE_RULES) {
      expect(r.area).toBe("intune");
      expect(r.sources.length).toBeGreaterThan(0);
    }
  });

  it("find no error or warning in seed 001 part 3 done right (iOS trusted root + iOS SCEP, same group)", () => {
    const findings = evaluate(correctIntune(), INTUNE_RULES);
    expect(serious(findings)).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(["PROF_APPLE_RENEWAL_RISK"]);
  });

  it("find no error or warning with the correct lab and application proxy behind it", () => {
    expect(serious(evaluate(correctTenant(), INTUNE_RULES))).toEqual([]);
  });

  it("together with every other rule, find no error or warning in seeds 000–002 done right", () => {
    expect(serious(evaluate(correctTenant(), ALL_RULES))).toEqual([]);
  });

  it("are silent for a tenant without Intune", () => {
    expect(evaluate(aTenant(), INTUNE_RULES)).toEqual([]);
  });
});
