// How an Intune rule is written: the rule's data plus a check over the IntuneIndex (built once per snapshot).
// `report(objects, message)` makes a finding carrying the rule's texts. A tenant without an Intune section has
// nothing to check, so every Intune rule is silent there.
import { intuneIndex, type IntuneIndex, type ScepContext, type SnapCertificateConnector, type SnapProfile } from "../../intune/snapshot";
import { profileTypeInfo } from "../../intune/profile-types";
import type { SnapshotIndex, TenantSnapshot } from "../snapshot";
import { finding, type Finding, type ObjectRef, type Rule } from "../types";

export type IntuneRuleMeta = Omit<Rule, "check" | "area">;
export type Report = (objects: ObjectRef[], message: string) => void;
export type IntuneCheck = (ix: IntuneIndex, report: Report, snapshot: TenantSnapshot, directory: SnapshotIndex) => void;

export function intuneRule(meta: IntuneRuleMeta, check: IntuneCheck): Rule {
  const rule: Rule = {
    ...meta,
    area: "intune",
    check(snapshot, index) {
      const ix = intuneIndex(snapshot, index);
      if (!ix) return [];
      const out: Finding[] = [];
      check(ix, (objects, message) => out.push(finding(rule, objects, message)), snapshot, index);
      return out;
    },
  };
  return rule;
}

export const ref = {
  profile: (p: SnapProfile): ObjectRef => ({
    type: profileTypeInfo(p.odataType)?.kind === "trustedCertificate" ? "trustedCertificateProfile" : "scepCertificateProfile",
    id: p.id,
    displayName: p.displayName,
  }),
  scep: (c: ScepContext): ObjectRef => ref.profile(c.profile),
  connector: (c: SnapCertificateConnector): ObjectRef => ({ type: "certificateConnector", id: c.id, displayName: c.connectorName }),
};

/** "'iOS SCEP' (iOS/iPadOS)" — how messages name a profile. */
export function named(p: SnapProfile): string {
  const info = profileTypeInfo(p.odataType);
  return `'${p.displayName}'${info ? ` (${info.listedPlatformDisplayName} ${info.profileTypeName})` : ""}`;
}

export const quote = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(", ");
