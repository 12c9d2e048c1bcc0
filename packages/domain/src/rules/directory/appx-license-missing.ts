// Catalogue A.8. Prerequisite of application proxy: "An Microsoft Entra ID P1 or P2 subscription."
// (003_43f76a8e56847852.txt, Prerequisites; S33, S56)
import { tenantHasEntraPremium } from "../../directory/licenses";
import { defineRule, finding, listNames, type Rule } from "../types";

export const APPX_LICENSE_MISSING: Rule = defineRule({
  code: "APPX_LICENSE_MISSING",
  severity: "error",
  area: "entra",
  title: "The tenant has no Microsoft Entra ID P1 or P2 subscription",
  why:
    "Application proxy, which publishes NDES to the internet, needs a Microsoft Entra ID P1 or P2 subscription. " +
    "Without one, application proxy is disabled and no connector or on-premises application can be set up.",
  fix:
    "License the tenant for Microsoft Entra ID P1 or P2, directly or through a suite that includes it " +
    "(Enterprise Mobility + Security E3/E5, Microsoft 365 E3/E5).",
  symptom: `app proxy disabled; "Why is the 'Enable Application Proxy button grayed out?"`,
  sources: ["S33", "S56", "003_43f76a8e56847852.txt"],
  check(snapshot) {
    const skus = snapshot.directory.subscribedSkus;
    if (tenantHasEntraPremium(skus)) return [];
    const found =
      skus.length === 0
        ? "The tenant has no subscriptions."
        : `The tenant subscribes to ${listNames(skus.map(describeSku))}; none of them includes Microsoft Entra ID P1 or P2.`;
    return [finding(APPX_LICENSE_MISSING, [{ type: "tenant", ...snapshot.tenant }], found)];
  },
});

function describeSku(s: { skuPartNumber: string; capabilityStatus?: string }): string {
  const active = s.capabilityStatus === undefined || s.capabilityStatus === "Enabled";
  return active ? s.skuPartNumber : `${s.skuPartNumber} (${s.capabilityStatus})`;
}
