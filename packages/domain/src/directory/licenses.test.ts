import { describe, expect, it } from "vitest";
import {
  KNOWN_SKUS,
  SERVICE_PLANS,
  SKU_IDS,
  findSku,
  hasIntuneLicense,
  skuGrantsEntraP1,
  skuGrantsIntune,
  tenantHasEntraPremium,
} from "./licenses";

describe("licences", () => {
  it("know the SKUs by their real skuId and skuPartNumber", () => {
    expect(findSku("061f9ace-7d42-4136-88ac-31dc755f143f")?.skuPartNumber).toBe("INTUNE_A");
    expect(findSku("078d2b04-f1bd-4111-bbd4-b4b1b354cef4")?.skuPartNumber).toBe("AAD_PREMIUM");
    expect(findSku("spe_e3")?.skuId).toBe("05e9a617-0261-4cee-bb44-138d3ef5d965");
    expect(new Set(KNOWN_SKUS.map((s) => s.skuId)).size).toBe(KNOWN_SKUS.length);
  });

  it("Intune Plan 1, EMS and Microsoft 365 E3/E5 include Intune; Entra ID P1/P2 do not", () => {
    for (const s of ["INTUNE_A", "EMS", "EMSPREMIUM", "SPE_E3", "SPE_E5"] as const) expect(skuGrantsIntune(SKU_IDS[s])).toBe(true);
    for (const s of ["AAD_PREMIUM", "AAD_PREMIUM_P2"] as const) expect(skuGrantsIntune(SKU_IDS[s])).toBe(false);
  });

  it("P2 implies P1; Intune Plan 1 alone is not Entra ID P1", () => {
    expect(skuGrantsEntraP1(SKU_IDS.AAD_PREMIUM_P2)).toBe(true);
    expect(skuGrantsEntraP1(SKU_IDS.EMS)).toBe(true);
    expect(skuGrantsEntraP1(SKU_IDS.INTUNE_A)).toBe(false);
    expect(skuGrantsEntraP1("c7df2760-2c81-4ef7-b578-5b5392b571df")).toBe(false); // Office 365 E5: not known here
  });

  it("a user has Intune when a licence carries the INTUNE_A plan and it isn't disabled", () => {
    expect(hasIntuneLicense([{ skuId: SKU_IDS.SPE_E3, disabledPlans: [] }])).toBe(true);
    expect(hasIntuneLicense([{ skuId: SKU_IDS.SPE_E3, disabledPlans: [SERVICE_PLANS.INTUNE_A] }])).toBe(false);
    expect(hasIntuneLicense([{ skuId: SKU_IDS.AAD_PREMIUM }])).toBe(false);
    expect(hasIntuneLicense([])).toBe(false);
  });

  it("a tenant has Entra premium through an active subscription only", () => {
    expect(tenantHasEntraPremium([{ skuId: SKU_IDS.EMSPREMIUM }])).toBe(true);
    expect(tenantHasEntraPremium([{ skuId: SKU_IDS.AAD_PREMIUM, capabilityStatus: "Warning" }])).toBe(true);
    expect(tenantHasEntraPremium([{ skuId: SKU_IDS.AAD_PREMIUM, capabilityStatus: "Suspended" }])).toBe(false);
    expect(tenantHasEntraPremium([{ skuId: SKU_IDS.INTUNE_A }])).toBe(false);
  });
});
