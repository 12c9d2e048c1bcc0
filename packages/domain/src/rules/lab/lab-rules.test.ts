import { describe, expect, it } from "vitest";
import { brokenVariants, BROKEN_VARIANT_CODES } from "../../lab/broken-variants";
import { correctLab } from "../../lab/correct-lab";
import type { LabSnapshot } from "../../lab/snapshot";
import { DIRECTORY_RULES } from "../directory/directory-rules";
import { evaluate } from "../engine";
import { aTenant } from "../testing";
import { LAB_RULES } from "./lab-rules";

const NOW = new Date("2026-03-01T09:00:00Z");
/** A tenant whose directory is right too (licensed Intune Administrator, Application Administrator, Entra P1). */
export const withLab = (lab: LabSnapshot) => ({
  ...aTenant({
    skus: ["SPE_E3"],
    users: [
      { upn: "intune.admin@contoso.com", roles: ["intuneAdministrator"], licenses: ["SPE_E3"] },
      { upn: "app.admin@contoso.com", roles: ["applicationAdministrator"], licenses: ["SPE_E3"] },
    ],
  }),
  lab,
});
const run = (lab: LabSnapshot) => evaluate(withLab(lab), [...DIRECTORY_RULES, ...LAB_RULES]);
const loud = (lab: LabSnapshot) => [...new Set(run(lab).filter((f) => f.severity !== "info").map((f) => f.code))];

describe("the lab rules as a catalogue", () => {
  it("uses each code once, with the catalogue's texts and at least one source", () => {
    const codes = LAB_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of LAB_RULES) {
      expect(r.code).toMatch(/^(CA|TPL|NDES|IIS|HTTPSYS|CONN|APPX|WAP|RP|NET)_[A-Z0-9_]+$/);
      expect(r.sources.length).toBeGreaterThan(0);
      expect(r.symptom && r.fix && r.why && r.title).toBeTruthy();
    }
  });

  it("has a broken variant for every rule, and none for a rule it lacks", () => {
    expect([...BROKEN_VARIANT_CODES].sort()).toEqual(LAB_RULES.map((r) => r.code).sort());
  });
});

describe("no false alarms: seed 002 done right", () => {
  it("yields no finding at all, not even info", () => {
    expect(run(correctLab({ now: NOW }))).toEqual([]);
  });

  it("stays quiet whatever the current date is (built relative to now)", () => {
    expect(loud(correctLab())).toEqual([]);
  });

  it("is ignored by the lab rules when a tenant has no lab", () => {
    expect(evaluate(aTenant(), LAB_RULES)).toEqual([]);
  });
});

describe("each broken variant yields exactly its rule's code", () => {
  const variants = brokenVariants({ now: NOW });
  for (const rule of LAB_RULES) {
    it(`${rule.code} (${rule.severity})`, () => {
      const lab = variants[rule.code]!();
      const findings = run(lab);
      const mine = findings.filter((f) => f.code === rule.code);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine[0]!.message.length).toBeGreaterThan(20);
      if (rule.severity === "info") expect(loud(lab)).toEqual([]);
      else expect(loud(lab)).toEqual([rule.code]);
    });
  }
});
