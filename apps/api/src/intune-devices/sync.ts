// Sync of a simulated managed device (issue 10 part 2): for every trusted-root and SCEP profile that reaches the
// device, the hop-by-hop trace of packages/domain (traceEnrollment), and for a SCEP profile whose request gets
// through to NDES, the REAL enrollment: the device's key pair and PKCS#10 for the resolved subject/SAN/key usage/
// EKU/key size, an Intune challenge minted for it (mintForProfile), the PKCSReq enveloped for NDES's RA certificate
// and signed by the device (packages/pki buildPkcsReq; its base64 length is the URL length the trace measures),
// decrypted by NDES (parsePkiMessage) and decided and issued by the same enroll() the SCEP endpoint runs. The trace
// then carries what the CA really did (withCaOutcome), so the trace, the CA's Issued Certificates / Failed Requests
// and the certificate on the device always agree.
import { randomUUID } from "node:crypto";
import { evaluate } from "@certlab/domain/rules/engine";
import { profilesForDevice, withManagedDevices, type ManagedDeviceRecord } from "@certlab/domain/devices/devices";
import { GRAPH_DEVICE_STATUS, subjectSampleFor, traceEnrollment, withCaOutcome, type EnrollmentTrace } from "@certlab/domain/enrollment/trace";
import type { SampleUser } from "@certlab/domain/intune/subject-name";
import { x509 } from "@certlab/pki/x509-setup";
import { exportPkcs8Pem, generateRsaKeyPair } from "@certlab/pki/ca";
import { nameFromRfc4514, parseCertificate, toPem } from "@certlab/pki/certificate-info";
import { buildPkcsReq, parsePkiMessage } from "@certlab/pki/scep/message";
import type { Db } from "../db/client.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { LabDraft } from "../store/lab/state.ts";
import { storedOf } from "../store/intune/rows.ts";
import { mintForProfile } from "../scep/challenges.ts";
import { enroll } from "../scep/ndes-service.ts";
import type { DevicesStore, StoredDevice, StoredDeviceCertificate } from "./store.ts";

/** The primary user's attributes for the subject variables, from the directory. */
export async function sampleUser(db: Db, tenantId: string, userId: string | null): Promise<SampleUser | undefined> {
  if (!userId) return undefined;
  const u = await db.user.findFirst({ where: { tenantId, id: userId }, select: { userPrincipalName: true, mail: true, givenName: true, surname: true, department: true } });
  if (!u) return undefined;
  return {
    userPrincipalName: u.userPrincipalName,
    emailAddress: u.mail ?? u.userPrincipalName,
    ...(u.givenName ? { givenName: u.givenName } : {}),
    ...(u.surname ? { surname: u.surname } : {}),
    ...(u.department ? { department: u.department } : {}),
  };
}

/** NDES's RA encryption certificate and keys as the SCEP endpoint uses them (EnrollmentAgentOffline, CEPEncryption). */
async function raKeys(db: Db, tenantId: string, ndesFqdn: string) {
  const d = await LabDraft.load(db, tenantId);
  const server = d.list("server").find((s) => s.fqdn.toLowerCase() === ndesFqdn.toLowerCase());
  const ndes = server ? d.list("ndes").find((n) => n.serverId === server.id) : undefined;
  if (!server || !ndes) return undefined;
  const pick = (template: string) => {
    const cert = ndes.raCertificates.find((c) => c.template === template);
    const pem = cert && server.certificatePems?.[cert.thumbprint];
    const key = cert && server.privateKeys?.[cert.thumbprint];
    return pem && key ? { pem, key } : undefined;
  };
  const enc = pick("CEPEncryption");
  const ca = d.find("ca", ndes.caId);
  if (!enc || !ca) return undefined;
  return { encryptionCertificatePem: enc.pem, encryptionKeyPem: enc.key, chainPems: [ca.material.certificatePem, ...(ca.material.chainPems ?? [])] };
}

const SAN_TYPE = { upn: "upn", email: "email", dns: "dns", uri: "url" } as const;

/** The device's key pair, its PKCS#10 with the challenge, and its self-signed signer certificate (RFC 8894 §2.3). */
async function deviceRequest(spec: EnrollmentTrace["request"], challenge: string) {
  const keys = await generateRsaKeyPair(spec.keySize);
  const extensions: x509.Extension[] = [];
  if (spec.subjectAlternativeNames.length)
    extensions.push(new x509.SubjectAlternativeNameExtension(spec.subjectAlternativeNames.map((s) => ({ type: SAN_TYPE[s.type as keyof typeof SAN_TYPE] ?? "dns", value: s.value }))));
  const ku = (spec.keyUsage.includes("digitalSignature") ? x509.KeyUsageFlags.digitalSignature : 0) | (spec.keyUsage.includes("keyEncipherment") ? x509.KeyUsageFlags.keyEncipherment : 0);
  if (ku) extensions.push(new x509.KeyUsagesExtension(ku, true));
  if (spec.ekus.length) extensions.push(new x509.ExtendedKeyUsageExtension(spec.ekus));
  const name = nameFromRfc4514(spec.subject);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys,
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    extensions,
    attributes: [new x509.ChallengePasswordAttribute(challenge)],
  });
  const self = await x509.X509CertificateGenerator.createSelfSigned({ name, keys, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000), signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } });
  return { csrDer: new Uint8Array(csr.rawData), keyPem: await exportPkcs8Pem(keys.privateKey), selfPem: toPem(new Uint8Array(self.rawData)) };
}

export type SyncResult = { device: StoredDevice; traces: EnrollmentTrace[] };

export async function syncDevice(db: Db, store: DevicesStore, deviceId: string, origin: string): Promise<SyncResult> {
  const device = await store.get(deviceId);
  const tenantId = store.tenantId;
  const record: ManagedDeviceRecord = device.record;
  const now = new Date();
  const snapshot = withManagedDevices(await tenantSnapshot(db, tenantId), [record]);
  const findings = evaluate(snapshot);
  const user = await sampleUser(db, tenantId, record.userId);
  const reaching = profilesForDevice(snapshot, record);

  const traces: EnrollmentTrace[] = [];
  const states: { profileId: string; status: string; statusText: string }[] = [];
  const certificates: Omit<StoredDeviceCertificate, "id" | "deviceId" | "createdDateTime">[] = [];

  for (const p of reaching) {
    if (!p.applicable) {
      states.push({ profileId: p.profileId, status: "notApplicable", statusText: p.reason ?? "Not applicable" });
      continue;
    }
    let trace = traceEnrollment(snapshot, findings, record, p.profileId, { now, ...(user ? { user } : {}) });
    const reachesNdes = p.kind === "scepCertificate" && ["ndesIis", "policyModule", "ca", "delivery", "reported"].includes(trace.failedHop ?? "reported") && trace.ndesServer;
    if (reachesNdes) trace = await enrollForReal(db, tenantId, { snapshot, findings, record, user, trace, origin, now, certificates });
    traces.push(trace);
    states.push({ profileId: p.profileId, status: GRAPH_DEVICE_STATUS[trace.intuneStatus], statusText: trace.statusText });
  }

  const saved = await store.saveSync(device.record.id, { syncDateTime: now.toISOString(), traces }, states, certificates);
  return { device: saved, traces };
}

async function enrollForReal(
  db: Db,
  tenantId: string,
  c: {
    snapshot: Parameters<typeof traceEnrollment>[0];
    findings: Parameters<typeof traceEnrollment>[1];
    record: ManagedDeviceRecord;
    user: SampleUser | undefined;
    trace: EnrollmentTrace;
    origin: string;
    now: Date;
    certificates: Omit<StoredDeviceCertificate, "id" | "deviceId" | "createdDateTime">[];
  },
): Promise<EnrollmentTrace> {
  const { record, trace } = c;
  const ndesFqdn = trace.ndesServer!;
  const ra = await raKeys(db, tenantId, ndesFqdn);
  if (!ra) {
    // The endpoint answers GetCACert with 500 in this case (ndes-service.ts): the device can't encrypt its request.
    const out = structuredClone(trace);
    const hop = out.hops.find((h) => h.id === "ndesIis")!;
    Object.assign(hop, { outcome: "failed", detail: "GetCACert: 500 - Internal server error.", codes: [], symptom: { httpStatus: 500, eventId: 10, eventSource: "NDES", text: "Event 10: The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect." } });
    for (const h of out.hops.slice(out.hops.indexOf(hop) + 1)) Object.assign(h, { outcome: "skipped", detail: "Not reached.", codes: [], symptom: undefined });
    return { ...out, outcome: "failed", failedHop: "ndesIis", intuneStatus: "Error", statusText: hop.symptom!.text };
  }
  const profileRow = await db.deviceConfiguration.findFirst({ where: { tenantId, id: trace.profileId } });
  const profile = storedOf(profileRow!);
  const minted = await mintForProfile(db, tenantId, {
    profile,
    deviceName: record.deviceName,
    ...(record.userId ? { userId: record.userId } : {}),
    origin: c.origin,
    ...(c.snapshot.lab ? { lab: c.snapshot.lab } : {}),
    now: c.now,
    sample: subjectSampleFor(c.snapshot, record, c.user),
  });
  const req = await deviceRequest(trace.request, minted.challenge);
  const transactionId = randomUUID().replace(/-/g, "");
  const message = buildPkcsReq({ csrDer: req.csrDer, signerCertificatePem: req.selfPem, signerKeyPem: req.keyPem, recipientCertificatePem: ra.encryptionCertificatePem, transactionId });
  const base64 = Buffer.from(message).toString("base64");
  // The trace again with the real message: its URL length is what IIS and HTTP.sys compare with their limits.
  const real = traceEnrollment(c.snapshot, c.findings, record, trace.profileId, { now: c.now, ...(c.user ? { user: c.user } : {}), pkiMessageBase64: base64 });
  if (!["policyModule", "ca", "delivery", "reported"].includes(real.failedHop ?? "reported")) return real;
  const parsed = parsePkiMessage(message, ra);
  const outcome = await enroll(db, tenantId, ndesFqdn, parsed);
  const success = outcome.result.status === "SUCCESS";
  const verifyFailed = !success && !outcome.events.some((e) => e.source === "CA");
  const text = !success ? (outcome.events.at(-1)?.text ?? (outcome.result.status === "FAILURE" ? outcome.result.failInfoText : "")) : undefined;
  let cert: ReturnType<typeof parseCertificate> | undefined;
  if (success && outcome.certificatePem) cert = parseCertificate(outcome.certificatePem);
  const merged = withCaOutcome(
    real,
    {
      status: success ? "SUCCESS" : "FAILURE",
      ...(text ? { text } : {}),
      reasonCodes: outcome.reasonCodes,
      ...(outcome.requestId !== undefined ? { requestId: outcome.requestId } : {}),
      ...(outcome.template ? { template: outcome.template } : {}),
      ...(cert ? { serialNumber: cert.serialNumber, thumbprint: cert.thumbprint } : {}),
      failedAt: verifyFailed ? "policyModule" : "ca",
    },
    record.platform,
  );
  // The device installs the certificate unless it refused it (hop 7).
  if (cert && outcome.certificatePem && merged.outcome === "issued")
    c.certificates.push({
      profileId: trace.profileId,
      serialNumber: cert.serialNumber,
      thumbprint: cert.thumbprint,
      subject: cert.subject,
      issuer: cert.issuer,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      certificatePem: outcome.certificatePem,
      chainPems: ra.chainPems,
      caRequestId: outcome.requestId ?? null,
    });
  return merged;
}
