// Licences that matter for this scenario. Two facts depend on them:
// - the account that signs in to the Certificate Connector wizard needs an Intune licence
//   (001_6feb1c2e8b30dee5.txt reader comment; 002_823a4c777ce30773.txt "must be assigned a valid Intune license");
// - application proxy needs a Microsoft Entra ID P1 or P2 subscription (003_43f76a8e56847852.txt prerequisites).
// skuIds, skuPartNumbers and service plan ids are Microsoft's ("Product names and service plan identifiers for
// licensing"); each was cross-checked against several public scripts that hard-code them.

export const SERVICE_PLANS = {
  INTUNE_A: "c1ec4a95-1f05-45b3-a911-aa3fa01094f5",
  AAD_PREMIUM: "41781fb2-bc02-4b7c-bd55-b576c07bb09d",
  AAD_PREMIUM_P2: "eec0eb4f-6444-4f95-aba0-50c24d67f998",
} as const;
type ServicePlanName = keyof typeof SERVICE_PLANS;

export type KnownSku = {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  servicePlans: { servicePlanId: string; servicePlanName: ServicePlanName }[];
};

function sku(skuId: string, skuPartNumber: string, displayName: string, plans: ServicePlanName[]): KnownSku {
  return {
    skuId,
    skuPartNumber,
    displayName,
    servicePlans: plans.map((p) => ({ servicePlanId: SERVICE_PLANS[p], servicePlanName: p })),
  };
}

export const SKU_IDS = {
  INTUNE_A: "061f9ace-7d42-4136-88ac-31dc755f143f",
  AAD_PREMIUM: "078d2b04-f1bd-4111-bbd4-b4b1b354cef4",
  AAD_PREMIUM_P2: "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
  EMS: "efccb6f7-5641-4e0e-bd10-b4976e1bf68e",
  EMSPREMIUM: "b05e124f-c7cc-45a0-a6aa-8cf78c946968",
  SPE_E3: "05e9a617-0261-4cee-bb44-138d3ef5d965",
  SPE_E5: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
} as const;

export const KNOWN_SKUS: KnownSku[] = [
  sku(SKU_IDS.INTUNE_A, "INTUNE_A", "Microsoft Intune Plan 1", ["INTUNE_A"]),
  sku(SKU_IDS.AAD_PREMIUM, "AAD_PREMIUM", "Microsoft Entra ID P1", ["AAD_PREMIUM"]),
  sku(SKU_IDS.AAD_PREMIUM_P2, "AAD_PREMIUM_P2", "Microsoft Entra ID P2", ["AAD_PREMIUM", "AAD_PREMIUM_P2"]),
  sku(SKU_IDS.EMS, "EMS", "Enterprise Mobility + Security E3", ["INTUNE_A", "AAD_PREMIUM"]),
  sku(SKU_IDS.EMSPREMIUM, "EMSPREMIUM", "Enterprise Mobility + Security E5", ["INTUNE_A", "AAD_PREMIUM", "AAD_PREMIUM_P2"]),
  sku(SKU_IDS.SPE_E3, "SPE_E3", "Microsoft 365 E3", ["INTUNE_A", "AAD_PREMIUM"]),
  sku(SKU_IDS.SPE_E5, "SPE_E5", "Microsoft 365 E5", ["INTUNE_A", "AAD_PREMIUM", "AAD_PREMIUM_P2"]),
];

const bySkuId = new Map(KNOWN_SKUS.map((s) => [s.skuId, s]));
const byPartNumber = new Map(KNOWN_SKUS.map((s) => [s.skuPartNumber.toUpperCase(), s]));

/** A known SKU by skuId or skuPartNumber (case-insensitive). */
export function findSku(skuIdOrPartNumber: string): KnownSku | undefined {
  return bySkuId.get(skuIdOrPartNumber.toLowerCase()) ?? byPartNumber.get(skuIdOrPartNumber.toUpperCase());
}

function skuHasPlan(skuId: string, plan: ServicePlanName): boolean {
  return findSku(skuId)?.servicePlans.some((p) => p.servicePlanName === plan) ?? false;
}

export function skuGrantsIntune(skuId: string): boolean {
  return skuHasPlan(skuId, "INTUNE_A");
}

/** P2 includes P1. */
export function skuGrantsEntraP1(skuId: string): boolean {
  return skuHasPlan(skuId, "AAD_PREMIUM") || skuHasPlan(skuId, "AAD_PREMIUM_P2");
}

/** A user's assignedLicenses grant Intune when one of them carries INTUNE_A and that plan is not disabled. */
export function hasIntuneLicense(assignedLicenses: readonly { skuId: string; disabledPlans?: readonly string[] }[]): boolean {
  return assignedLicenses.some(
    (l) => skuGrantsIntune(l.skuId.toLowerCase()) && !(l.disabledPlans ?? []).some((p) => p.toLowerCase() === SERVICE_PLANS.INTUNE_A),
  );
}

/**
 * The tenant subscribes to Entra ID P1 or P2 (directly or through a suite). A subscribedSku whose
 * capabilityStatus is Suspended, Deleted or LockedOut no longer counts; Enabled and Warning (grace) do.
 */
export function tenantHasEntraPremium(
  subscribedSkus: readonly { skuId: string; capabilityStatus?: string }[],
): boolean {
  return subscribedSkus.some(
    (s) =>
      skuGrantsEntraP1(s.skuId.toLowerCase()) &&
      (s.capabilityStatus === undefined || s.capabilityStatus === "Enabled" || s.capabilityStatus === "Warning"),
  );
}
