import { describe, expect, it } from "vitest";
import { ZTenantCreate, initialDomainName } from "./tenant";

describe("a new lab tenant", () => {
  it("takes a name and an initial domain prefix that becomes <prefix>.onmicrosoft.com", () => {
    const t = ZTenantCreate.parse({ displayName: "  Contoso lab ", initialDomainPrefix: "contosolab1" });
    expect(t.displayName).toBe("Contoso lab");
    expect(initialDomainName(t.initialDomainPrefix)).toBe("contosolab1.onmicrosoft.com");
  });

  it("refuses capitals, dots, hyphens and prefixes longer than 27 characters", () => {
    for (const p of ["Contoso", "contoso.com", "con-toso", "", "a".repeat(28)])
      expect(ZTenantCreate.safeParse({ displayName: "x", initialDomainPrefix: p }).success).toBe(false);
    expect(ZTenantCreate.safeParse({ displayName: "x", initialDomainPrefix: "a".repeat(27) }).success).toBe(true);
  });
});
