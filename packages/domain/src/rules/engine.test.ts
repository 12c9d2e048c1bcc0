import { describe, expect, it } from "vitest";
import { EXTRA_SOURCES } from "./extra-sources";
import { ALL_RULES, findRuleByCode, ruleMetadata } from "./catalogue";
import { evaluate } from "./engine";
import type { SnapshotIndex } from "./snapshot";
import { aTenant, type UserSpec } from "./testing";
import type { Rule } from "./types";

describe("the rule engine", () => {
  it("finds nothing wrong with the directory the seed documents describe, done right", () => {
    const tenant = aTenant({
      skus: ["SPE_E3"],
      users: [
        { upn: "admin@contoso.onmicrosoft.com", roles: ["globalAdministrator"], licenses: ["SPE_E3"] },
        { upn: "appadmin@contoso.onmicrosoft.com", roles: ["applicationAdministrator"] },
        { upn: "intune@contoso.onmicrosoft.com", roles: ["intuneAdministrator"], licenses: ["INTUNE_A"] },
        { upn: "adele@contoso.onmicrosoft.com", licenses: ["SPE_E3"] },
      ],
    });
    expect(evaluate(tenant)).toEqual([]);
  });

  it("lists errors first, then warnings, then information, each group by code", () => {
    const tenant = aTenant({ users: [{ upn: "old@contoso.com", enabled: false, roles: ["globalAdministrator"] }] });
    expect(evaluate(tenant).map((f) => `${f.severity} ${f.code}`)).toEqual([
      "error APPX_LICENSE_MISSING",
      "warning APPX_NO_APP_ADMIN",
      "warning CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT",
      "info DIR_ADMIN_ACCOUNT_DISABLED",
    ]);
  });

  it("with 10,000 users, builds one index, calls each rule once and still finds every problem", () => {
    // Every tenth user is a Global Administrator without an Intune license; the others are licensed members.
    const n = 10_000;
    const isAdmin = (i: number) => i % 10 === 0;
    const spec = (adminEnabled: (i: number) => boolean, adminLicensed: (i: number) => boolean): UserSpec[] =>
      Array.from({ length: n }, (_, i) =>
        isAdmin(i)
          ? { upn: `user${i}@contoso.com`, roles: ["globalAdministrator"], enabled: adminEnabled(i), licenses: adminLicensed(i) ? ["SPE_E3"] : [] }
          : { upn: `user${i}@contoso.com`, licenses: ["SPE_E3"] },
      );

    const calls = new Map<string, number>();
    const indexes = new Set<SnapshotIndex>();
    const spied: Rule[] = ALL_RULES.map((rule) => ({
      ...rule,
      check: (snapshot, index) => {
        calls.set(rule.code, (calls.get(rule.code) ?? 0) + 1);
        indexes.add(index);
        return rule.check(snapshot, index);
      },
    }));

    const findings = evaluate(aTenant({ skus: ["SPE_E3"], users: spec(() => true, () => false) }), spied);

    expect(ALL_RULES.map((r) => calls.get(r.code))).toEqual(ALL_RULES.map(() => 1));
    expect(indexes.size).toBe(1);
    expect(findings.map((f) => f.code)).toEqual(["CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT"]);
    expect(findings[0]?.objects).toHaveLength(1 + n / 10);
    expect(findings[0]?.message).toMatch(/^No enabled .* Without one: user0@contoso\.com \(Global Administrator\), .* and 995 more\.$/);

    // Only user0 stays enabled, now licensed: the sign-in warning goes and each disabled admin gets an info.
    const after = evaluate(aTenant({ skus: ["SPE_E3"], users: spec((i) => i === 0, (i) => i === 0) }));
    expect(after.filter((f) => f.code === "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT")).toHaveLength(0);
    expect(after.filter((f) => f.code === "DIR_ADMIN_ACCOUNT_DISABLED")).toHaveLength(n / 10 - 1);
    expect(after).toHaveLength(n / 10 - 1);
  });
});

describe("the catalogue", () => {
  it("has unique codes, and every rule cites a catalogue source or a seed file", () => {
    const meta = ruleMetadata();
    expect(new Set(meta.map((m) => m.code)).size).toBe(meta.length);
    for (const m of meta) {
      expect(m).not.toHaveProperty("check");
      expect(m.sources.length).toBeGreaterThan(0);
      for (const s of m.sources) expect(s in EXTRA_SOURCES || /^(S\d+|\d{3}_[0-9a-f]{16}\.txt)$/.test(s), s).toBe(true);
      expect([m.title, m.why, m.fix, m.symptom].every((t) => t.length > 0)).toBe(true);
    }
  });

  it("finds a rule by its code", () => {
    expect(findRuleByCode("APPX_LICENSE_MISSING")?.severity).toBe("error");
    expect(findRuleByCode("NO_SUCH_RULE")).toBeUndefined();
  });
});
