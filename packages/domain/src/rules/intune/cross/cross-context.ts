// What a SCEP profile reaches on premises: the NDES instance behind its SCEP server URL (directly, through the
// application proxy's External URL, through a reverse proxy, or the lab's only NDES), the CA NDES submits to,
// and the template NDES picks for the profile's key usage (the Purpose ↔ registry ↔ key usage table of
// 002_823a4c777ce30773.txt). A tenant without a lab (or without Entra) has nothing to compare: the helpers
// answer undefined and the cross rules stay silent.
import { labIndex, PURPOSE_VALUE, type LabIndex, type MscepValueName, type NdesContext } from "../../../lab/lab-index";
import type { CertificateTemplate, LabSnapshot } from "../../../lab/snapshot";
import type { EntraSnapshot } from "../../../entra/snapshot";
import { KEY_USAGES, parseFlags } from "../../../intune/enums";
import type { ScepContext } from "../../../intune/snapshot";
import type { TenantSnapshot } from "../../snapshot";
import type { ObjectRef } from "../../types";
import { urlHost } from "../scep/urls";

export type Lab = { lab: LabSnapshot; ix: LabIndex };

export function labOf(snapshot: TenantSnapshot): Lab | undefined {
  return snapshot.lab ? { lab: snapshot.lab, ix: labIndex(snapshot.lab) } : undefined;
}

/** Application proxy apps with onPremisesPublishing, with their hosts. */
export function publishedApps(entra: EntraSnapshot | undefined) {
  return (entra?.applications ?? []).flatMap((app) => {
    const p = app.onPremisesPublishing;
    if (!p) return [];
    return [{ app, externalHost: urlHost(p.externalUrl), internalHost: urlHost(p.internalUrl), externalUrl: p.externalUrl, internalUrl: p.internalUrl }];
  });
}

/** The configured NDES instances on known servers, with every host name they answer to. */
function ndesHosts(ix: LabIndex): { ctx: NdesContext; hosts: Set<string> }[] {
  return ix.ndesContexts
    .filter((c) => c.ndes.configured && c.server)
    .map((ctx) => ({
      ctx,
      hosts: new Set([ctx.server!.fqdn, ctx.server!.name, ...ctx.ndes.aliasHostNames].map((h) => h.toLowerCase())),
    }));
}

/** The NDES instance whose host is `host` (an internal name). */
export function ndesByHost(ix: LabIndex, host: string | undefined): NdesContext | undefined {
  if (!host) return undefined;
  return ndesHosts(ix).find((n) => n.hosts.has(host))?.ctx;
}

/** The NDES instance a SCEP profile's requests reach, or undefined when it can't be told. */
export function ndesForProfile(c: ScepContext, lab: Lab, entra: EntraSnapshot | undefined): NdesContext | undefined {
  const apps = publishedApps(entra);
  for (const url of c.settings.scepServerUrls) {
    const host = urlHost(url);
    const direct = ndesByHost(lab.ix, host);
    if (direct) return direct;
    const app = apps.find((a) => a.externalHost === host);
    const viaApp = app && ndesByHost(lab.ix, app.internalHost);
    if (viaApp) return viaApp;
  }
  const all = ndesHosts(lab.ix);
  return all.length === 1 ? all[0]!.ctx : undefined;
}

/** Key usage → the MSCEP value NDES reads (seed 001 part 3 / seed 002's table). */
export function mscepValueFor(keyUsage: string | null): MscepValueName | undefined {
  const { members } = parseFlags(KEY_USAGES, keyUsage ?? "");
  const sig = members.includes("digitalSignature");
  const enc = members.includes("keyEncipherment");
  if (sig && enc) return "GeneralPurposeTemplate";
  if (sig) return "SignatureTemplate";
  if (enc) return "EncryptionTemplate";
  return undefined;
}

export const KEY_USAGE_LABEL: Record<MscepValueName, string> = {
  SignatureTemplate: "Digital signature",
  EncryptionTemplate: "Key encipherment",
  GeneralPurposeTemplate: "Digital signature and Key encipherment",
};

/** The template NDES requests for this profile, when the registry value names one by its template name. */
export function templateForProfile(c: ScepContext, ndes: NdesContext): CertificateTemplate | undefined {
  const value = mscepValueFor(c.settings.keyUsage);
  const resolved = value ? ndes.registry[value] : undefined;
  return resolved?.by === "name" ? resolved.template : undefined;
}

export { PURPOSE_VALUE };

const DAYS = { hours: 1 / 24, days: 1, weeks: 7, months: 365 / 12, years: 365 } as const;
/** A template's validity in days, on the same scale as intune/profiles validityInDays (12 months = 1 year). */
export function templateValidityDays(t: CertificateTemplate): number {
  return t.validity.value * DAYS[t.validity.unit];
}
export const describeTemplateValidity = (t: CertificateTemplate) =>
  `${t.validity.value} ${t.validity.value === 1 ? t.validity.unit.slice(0, -1) : t.validity.unit}`;

export const labRef = {
  ndes: (c: NdesContext): ObjectRef => ({ type: "ndesServer", id: c.ndes.id, displayName: c.server?.fqdn ?? c.ndes.id }),
  template: (t: CertificateTemplate): ObjectRef => ({ type: "certificateTemplate", id: t.id, displayName: t.displayName }),
  ca: (ca: { id: string; name: string }): ObjectRef => ({ type: "certificationAuthority", id: ca.id, displayName: ca.name }),
  app: (a: { id: string; displayName: string }): ObjectRef => ({ type: "application", id: a.id, displayName: a.displayName }),
};
