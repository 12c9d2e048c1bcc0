import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { aTenant } from "../testing";
import { APPX_LICENSE_MISSING } from "./appx-license-missing";

const run = (t: Parameters<typeof aTenant>[0]) => evaluate(aTenant(t), [APPX_LICENSE_MISSING]);

describe("APPX_LICENSE_MISSING: application proxy needs Microsoft Entra ID P1 or P2", () => {
  it("fires for a tenant licensed for Intune alone, and names the SKUs it found", () => {
    const [f, ...rest] = run({ skus: ["INTUNE_A"] });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "APPX_LICENSE_MISSING", severity: "error", objects: [{ type: "tenant", displayName: "Contoso" }] });
    expect(f?.message).toBe("The tenant subscribes to INTUNE_A; none of them includes Microsoft Entra ID P1 or P2.");
    expect(f?.symptom).toContain("Enable Application Proxy button grayed out");
    expect(f?.sources).toEqual(expect.arrayContaining(["S33", "S56", "003_43f76a8e56847852.txt"]));
  });

  it("fires for a tenant with no subscription at all", () => {
    expect(run({})[0]?.message).toBe("The tenant has no subscriptions.");
  });

  it("fires when the only P1 subscription is suspended", () => {
    const t = aTenant({ otherSkus: [{ skuId: "078d2b04-f1bd-4111-bbd4-b4b1b354cef4", skuPartNumber: "AAD_PREMIUM", capabilityStatus: "Suspended" }] });
    expect(evaluate(t, [APPX_LICENSE_MISSING])[0]?.message).toContain("AAD_PREMIUM (Suspended)");
  });

  it("is quiet when Microsoft 365 E3 (which includes Entra ID P1) is subscribed", () => {
    expect(run({ skus: ["SPE_E3"] })).toEqual([]);
  });

  it("is quiet with Entra ID P2 alone, since P2 includes P1", () => {
    expect(run({ skus: ["AAD_PREMIUM_P2"] })).toEqual([]);
  });
});
