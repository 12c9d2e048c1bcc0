// The two labs POST /api/lab/reset creates: the FRESH lab of issue 3's "done when" (forest corp.contoso.com, a DC,
// a two-tier PKI per seed 004 — an Enterprise root CA and an Enterprise issuing CA on their own servers — the
// built-in templates, an empty member server NDES01 for NDES and a server for the private network connector) and
// the CORRECT configuration of seed 002 (the domain's correctLab()). Both are built with the domain's builders and
// then made real: every CA gets a real key pair and certificate from packages/pki, and every certificate a lab CA
// issued (RA certificates, the IIS certificate) is issued again, for real, by that CA.
import type { CaMaterial } from "@certlab/pki/ca";
import { correctLab } from "@certlab/domain/lab/correct-lab";
import { newAdAccount } from "@certlab/domain/lab/defaults";
import { freshLab } from "@certlab/domain/lab/fresh-lab";
import type { CertRef, CertificationAuthority, LabSnapshot } from "@certlab/domain/lab/snapshot";
import { certRefOf, issueFrom, keyUsageFor, makeCaMaterial } from "./pki.ts";
import type { CaRequest } from "./state.ts";

export type LabSeed = {
  lab: LabSnapshot;
  materials: Map<string, CaMaterial>;
  requests: Map<string, CaRequest[]>;
  /** serverId → thumbprint → PKCS#8 PEM. */
  privateKeys: Map<string, Record<string, string>>;
  /** serverId → thumbprint → certificate PEM. */
  certificatePems: Map<string, Record<string, string>>;
};

export const LAB_SCENARIOS = ["fresh", "correct"] as const;
export type LabScenario = (typeof LAB_SCENARIOS)[number];

const days = (from: string, to: string) => Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));

/** Replaces every CA's certificate by a real one and re-issues, for real, every certificate a lab CA issued. */
export async function makeReal(lab: LabSnapshot): Promise<LabSeed> {
  const materials = new Map<string, CaMaterial>();
  const requests = new Map<string, CaRequest[]>();
  const privateKeys = new Map<string, Record<string, string>>();
  const certificatePems = new Map<string, Record<string, string>>();
  const byThumb = new Map<string, CertRef>();
  const caBySubject = new Map<string, CertificationAuthority>();
  const serverOf = (id: string) => lab.servers.find((s) => s.id === id);

  const pending = [...lab.cas];
  while (pending.length) {
    const i = pending.findIndex((c) => !c.parentCaId || materials.has(c.parentCaId) || !lab.cas.some((p) => p.id === c.parentCaId));
    const ca = pending.splice(i < 0 ? 0 : i, 1)[0]!;
    const parent = ca.parentCaId ? lab.cas.find((p) => p.id === ca.parentCaId) : undefined;
    const material = await makeCaMaterial({
      name: ca.name,
      domainFqdn: serverOf(ca.serverId)?.domainFqdn,
      notBefore: ca.certificate.notBefore,
      notAfter: ca.certificate.notAfter,
      keySize: ca.certificate.keySize,
      parent: parent ? materials.get(parent.id) : undefined,
      crlUrl: parent?.crlDistributionPoints[0]?.url,
      aiaUrl: parent?.aia[0]?.url,
    });
    const old = ca.certificate;
    ca.certificate = { ...certRefOf(material.info, { hasPrivateKey: true }), signatureAlgorithm: material.info.signatureAlgorithmFriendly, keySize: material.info.keySize ?? 2048 };
    byThumb.set(old.thumbprint, ca.certificate);
    caBySubject.set(old.subject.toLowerCase(), ca);
    materials.set(ca.id, material);
    requests.set(ca.id, []);
    if (parent) {
      requests.get(parent.id)?.push({
        requestId: (requests.get(parent.id)?.length ?? 0) + 2,
        disposition: "issued",
        requesterName: "CONTOSO\\Administrator",
        template: "SubCA",
        subject: ca.certificate.subject,
        submittedDateTime: ca.certificate.notBefore,
        serialNumber: material.info.serialNumber,
        thumbprint: ca.certificate.thumbprint,
        notAfter: ca.certificate.notAfter,
      });
    }
  }

  const real = async (c: CertRef, serverId?: string): Promise<CertRef> => {
    const known = byThumb.get(c.thumbprint);
    if (known) return known.isCa ? { ...known, hasPrivateKey: false } : known;
    const ca = caBySubject.get(c.issuer.toLowerCase());
    if (!ca) return c;
    const template = lab.templates.find((t) => t.name === c.template);
    const keyUsage =
      c.template === "CEPEncryption" ? ["keyEncipherment"] : c.template === "EnrollmentAgentOffline" ? ["digitalSignature"] : template ? keyUsageFor(template) : ["digitalSignature", "keyEncipherment"];
    const issued = await issueFrom(materials.get(ca.id)!, {
      subject: c.subject,
      notBefore: c.notBefore,
      validityDays: days(c.notBefore, c.notAfter),
      keySize: c.keySize,
      keyUsage,
      eku: c.eku,
      san: c.san,
      crlUrl: ca.crlDistributionPoints[0]?.url,
      aiaUrl: ca.aia[0]?.url,
    });
    const r = certRefOf(issued.info);
    const next: CertRef = { ...c, thumbprint: r.thumbprint, subject: r.subject, issuer: r.issuer, notBefore: r.notBefore, notAfter: r.notAfter, eku: r.eku, san: r.san, signatureAlgorithm: r.signatureAlgorithm, keySize: r.keySize };
    byThumb.set(c.thumbprint, next);
    if (serverId && issued.privateKeyPkcs8Pem) {
      const keys = privateKeys.get(serverId) ?? {};
      keys[next.thumbprint] = issued.privateKeyPkcs8Pem;
      privateKeys.set(serverId, keys);
      const pems = certificatePems.get(serverId) ?? {};
      pems[next.thumbprint] = issued.certificatePem;
      certificatePems.set(serverId, pems);
    }
    const log = requests.get(ca.id)!;
    const server = serverId ? serverOf(serverId) : undefined;
    log.push({
      requestId: log.length + 2,
      disposition: "issued",
      requesterName: server ? `CONTOSO\\${server.name}$` : "CONTOSO\\Administrator",
      template: c.template ?? "",
      subject: next.subject,
      submittedDateTime: next.notBefore,
      serialNumber: issued.info.serialNumber,
      thumbprint: next.thumbprint,
      notAfter: next.notAfter,
    });
    return next;
  };

  for (const server of lab.servers) {
    const my: CertRef[] = [];
    for (const c of server.certificates.my) my.push(await real(c, server.id));
    const root: CertRef[] = [];
    for (const c of server.certificates.root) root.push(await real(c, server.id));
    server.certificates = { my, root };
  }
  for (const ndes of lab.ndes) {
    const ra: CertRef[] = [];
    for (const c of ndes.raCertificates) ra.push(await real(c, ndes.serverId));
    ndes.raCertificates = ra;
    for (const site of ndes.iis.sites)
      for (const b of site.bindings) if (b.certificateThumbprint) b.certificateThumbprint = byThumb.get(b.certificateThumbprint)?.thumbprint ?? b.certificateThumbprint;
  }
  for (const rp of lab.reverseProxies) if (rp.certificate) rp.certificate = await real(rp.certificate, rp.serverId);
  return { lab, materials, requests, privateKeys, certificatePems };
}

export async function buildScenario(scenario: LabScenario, now = new Date()): Promise<LabSeed> {
  const lab = scenario === "fresh" ? freshLab(now) : correctLab({ now });
  delete lab.asOf;
  return makeReal(lab);
}

/** The NDES service account of seed 001 part 1, as ADUC creates it (used by tests and the console's examples). */
export function ndesServiceAccount(domainNetbios: string, domainFqdn: string) {
  return newAdAccount({ samAccountName: "svc-ndes", domain: domainNetbios, kind: "serviceAccount", userPrincipalName: `svc-ndes@${domainFqdn}` });
}
