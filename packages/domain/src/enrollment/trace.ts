// The hop-by-hop enrollment trace (issue 10 part 2): what one device experiences when it syncs and asks for the
// certificate of one SCEP profile, following shared/design/rules-reference.md part B (hops 0–8) folded onto seed
// 004's request flow a–f (004_0623edc70b4e3354.txt, topology/request-flow.ts). Nothing here is a table of scripted
// outcomes: each hop is decided from the tenant's state and the rules' findings, with the same functions the rest
// of Certlab uses — profilesForDevice (assignments), scepRequestFor (the request the profile asks for), the lab
// browser and the application proxy model (DNS, app proxy, connector line of sight, IIS/HTTP.sys limits for the
// REAL URL length, the app pool), the policy module's conditions (NO_POLICY_MODULE, the connector's services) and
// the CA's decision (ca-policy.ts: the template from the MSCEP registry by key usage, permissions, key size).
// The API's Sync runs the same request through the real NDES (apps/api/src/scep/ndes-service.ts enroll()) and
// records the CA's answer with `withCaOutcome`, so the trace and the CA's Issued/Failed Requests always agree.
import type { Finding } from "../rules/types";
import type { TenantSnapshot } from "../rules/snapshot";
import { CODE_GROUPS, REQUEST_FLOW_HOPS } from "../topology/request-flow";
import type { RequestFlowHopId } from "../topology/types";
import { isScepType, type TPlatform } from "../intune/profile-types";
import { scepRequestFor, type ScepRequestSpec } from "../intune/scep-request";
import type { SampleUser, SubjectSample } from "../intune/subject-name";
import { browse, NO_POLICY_MODULE, resolveInternalHost, type BrowseResult } from "../lab/lab-browser";
import { browseExternal } from "../entra/external-access";
import { labIndex } from "../lab/lab-index";
import { caDecision, ndesTemplateFor, templateValidityDays } from "../lab/ca-policy";
import { SERVICE, connectorServices } from "../lab/services";
import type { LabServer } from "../lab/snapshot";
import { profilesForDevice, type ManagedDeviceRecord } from "../devices/devices";

export const TRACE_SOURCE = "rules-reference.md part B; 004_0623edc70b4e3354.txt";

export type TraceHopId = "profile" | "trustedRoot" | "request" | "challenge" | "edge" | "ndesIis" | "policyModule" | "ca" | "delivery" | "reported";

export type TraceSymptom = { httpStatus?: number; body?: string; eventId?: number; eventSource?: string; text: string };

export type TraceHop = {
  id: TraceHopId;
  title: string;
  /** The seed 004 hop (a–f) this belongs to, for the request-flow picture. */
  flowHop: RequestFlowHopId;
  /** rules-reference.md part B hop number(s). */
  partB: string;
  outcome: "ok" | "failed" | "skipped";
  detail: string;
  symptom?: TraceSymptom;
  /** The finding codes that caused a failure (empty when ok). */
  codes: string[];
};

export type TraceRequest = {
  subject: string;
  subjectAlternativeNames: { type: string; value: string }[];
  keyUsage: string[];
  keySize: number;
  ekus: string[];
};

export type IntuneStatus = "Succeeded" | "Error" | "Pending" | "Not applicable";

export type EnrollmentTrace = {
  profileId: string;
  profileDisplayName: string;
  deviceId: string;
  outcome: "issued" | "failed" | "notApplicable" | "pending";
  hops: TraceHop[];
  failedHop: TraceHopId | null;
  request: TraceRequest;
  intuneStatus: IntuneStatus;
  statusText: string;
  /** The SCEP server URL the device used and the length of its PKIOperation GET (request line, bytes). */
  scepServerUrl: string | null;
  requestUrlLength: number | null;
  /** The NDES server (FQDN) that answered the PKIOperation, when the request got that far. */
  ndesServer?: string;
  /** What the CA did (set by the API from the real issuance). */
  ca?: { requestId?: number; template?: string; disposition: "issued" | "failed"; serialNumber?: string; thumbprint?: string };
  tracedDateTime: string;
};

export type TraceOptions = {
  now?: Date;
  /** The primary user's attributes for the subject variables (default: what the directory snapshot knows). */
  user?: SampleUser;
  /** The base64 PKIOperation message the device really sends (default: an estimate for the key size). */
  pkiMessageBase64?: string;
};

const HOPS: readonly { id: TraceHopId; title: string; flowHop: RequestFlowHopId; partB: string }[] = [
  { id: "profile", title: "SCEP profile delivered and applicable", flowHop: "a", partB: "1" },
  { id: "trustedRoot", title: "Trusted root certificate installed", flowHop: "a", partB: "0" },
  { id: "request", title: "Device builds the SCEP request", flowHop: "a", partB: "1" },
  { id: "challenge", title: "Challenge from Intune", flowHop: "a", partB: "1" },
  { id: "edge", title: "Device → SCEP server URL (DNS, application proxy, connector)", flowHop: "b", partB: "2" },
  { id: "ndesIis", title: "NDES IIS (/certsrv/mscep/mscep.dll, app pool SCEP)", flowHop: "c", partB: "3" },
  { id: "policyModule", title: "NDES policy module verifies the challenge with Intune", flowHop: "d", partB: "4–5" },
  { id: "ca", title: "NDES → issuing CA (template from the MSCEP registry)", flowHop: "f", partB: "6" },
  { id: "delivery", title: "Certificate back to the device and installed", flowHop: "f", partB: "7" },
  { id: "reported", title: "Connector reports the result to Intune", flowHop: "e", partB: "8" },
];

/** The SCEP hops' codes of seed 004's groups a hop blames (rules-reference part B). */
const PROFILE_CODES = new Set<string>(CODE_GROUPS.profileDelivery.filter((c) => c.startsWith("PROF_") || c.startsWith("DEV_")));
const ROOT_CODES = new Set<string>(["PROF_NO_ROOT_CERT", "PROF_ROOT_PLATFORM_MISMATCH", "PROF_ROOT_NOT_TOP_LEVEL", "PROF_ROOT_ASSIGNMENT_MISMATCH", ...CODE_GROUPS.profileDelivery.filter((c) => c.startsWith("TRUST_"))]);
/** Rules about the MSCEP registry's template values (rules-reference.md A.3): they explain the CA's refusal. */
const REGISTRY_CODES = ["NDES_TEMPLATE_REGISTRY_DEFAULT", "NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH", "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME", "PROF_KEYUSAGE_REGISTRY_MISMATCH"];
/** Part B hop 7: what makes the device refuse or fail to install an issued certificate. */
const INSTALL_CODES = ["TPL_VALIDITY_LT_5_DAYS", "PROF_VALIDITY_LT_5D", "CA_RENEWED_RA_CERTS_STALE"];
/** Part B hop 1 "the profile fails to install", on the device (catalogue A.11 device conditions that stop it). */
const DEVICE_BLOCKERS = ["DEV_WINDOWS_KSP_TPM_ABSENT"];

/** What the device's own log / Intune shows when a request fails (part B hop 7 device texts, per platform). */
export function deviceFailureText(platform: TPlatform, serverText: string): string {
  switch (platform) {
    case "windows":
      return `Event 32: SCEP: Certificate enroll failed. PkiStatus(2): SCEPDispositionFailure FailInfo(2): SCEPFailBadRequest EnrollStatus(256): EnrollDenied ${serverText}`;
    case "iOS":
    case "macOS":
      return `Profile Installation Failed: The SCEP server returned an invalid response. (MCSCEPErrorDomain 22013) ${serverText}`;
    default:
      return `CertRep [failInfo=badRequest, pkiStatus=FAILURE, messageType=CERT_REP]: ${serverText}`;
  }
}

const SUCCESS_TEXT: Record<TPlatform, string> = {
  windows: "Event 39: SCEP: Certificate installed successfully.",
  iOS: "profiled: Profile 'www.windowsintune.com.SCEP.ModelName=…' installed.",
  macOS: "profiled: Profile 'www.windowsintune.com.SCEP.ModelName=…' installed.",
  androidDeviceOwner: "SCEP cert state changed from CERT_ENROLLED to CERT_INSTALL_REQUESTED → CERT_INSTALLING → CERT_ACCESS_GRANTED",
  androidWorkProfile: "SCEP cert state changed from CERT_ENROLLED to CERT_INSTALL_REQUESTED → CERT_INSTALLING → CERT_ACCESS_GRANTED",
  aosp: "SCEP cert state changed from CERT_ENROLLED to CERT_INSTALL_SUCCESS",
};

/**
 * Length of the base64 PKIOperation message a device sends for a key size when the real one is not at hand: a
 * PKCS#7 signedData (the device's self-signed certificate, its signature) around an envelopedData (the RA
 * encryption key's RSA block) around the PKCS#10 (public key, signature, subject, SANs, extensions). Measured
 * against packages/pki's buildPkcsReq for 2048 and 4096 bits within a few percent.
 */
export function estimatePkiMessageBase64Length(keySize: number, request: Pick<TraceRequest, "subject" | "subjectAlternativeNames">): number {
  const keyBytes = keySize / 8;
  const names = request.subject.length * 2 + request.subjectAlternativeNames.reduce((n, s) => n + s.value.length + 8, 0);
  const der = 1150 + keyBytes * 5 + names;
  return Math.ceil(der / 3) * 4;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** A base64 text of `length` with base64's mix of characters ('+' and '/' grow when the URL escapes them). */
export function placeholderBase64(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += B64[(i * 37) % 64];
  return out;
}

/** The PKIOperation GET the device sends (query escaped as clients do: + / = percent-encoded). */
export function pkiOperationUrl(serverUrl: string, messageBase64: string): string {
  return `${serverUrl}?operation=PKIOperation&message=${encodeURIComponent(messageBase64)}`;
}

function sampleFor(snapshot: TenantSnapshot, device: ManagedDeviceRecord, user: SampleUser | undefined): SubjectSample {
  const snapUser = device.userId ? snapshot.directory.users.find((u) => u.id === device.userId) : undefined;
  const u: SampleUser | undefined = device.userId
    ? (user ?? (snapUser ? { userPrincipalName: snapUser.userPrincipalName, emailAddress: snapUser.userPrincipalName } : undefined))
    : undefined;
  return {
    ...(u ? { user: u } : {}),
    device: {
      deviceId: device.id,
      aadDeviceId: device.azureADDeviceId,
      deviceName: device.deviceName,
      ...(device.serialNumber ? { serialNumber: device.serialNumber } : {}),
      ...(device.imei ? { imei: device.imei } : {}),
      ...(device.meid ? { meid: device.meid } : {}),
    },
  };
}

/** The subject variables' values for this device and user (what Intune resolves {{…}} with). */
export function subjectSampleFor(snapshot: TenantSnapshot, device: ManagedDeviceRecord, user?: SampleUser): SubjectSample {
  return sampleFor(snapshot, device, user);
}

type Builder = {
  hops: TraceHop[];
  set(id: TraceHopId, outcome: TraceHop["outcome"], detail: string, extra?: { symptom?: TraceSymptom; codes?: string[] }): void;
};

function builder(): Builder {
  const hops: TraceHop[] = HOPS.map((h) => ({ ...h, outcome: "skipped", detail: "Not reached.", codes: [] }));
  return {
    hops,
    set(id, outcome, detail, extra = {}) {
      const h = hops.find((x) => x.id === id)!;
      h.outcome = outcome;
      h.detail = detail;
      h.codes = [...new Set(extra.codes ?? [])];
      if (extra.symptom) h.symptom = extra.symptom;
    },
  };
}

const connectorActive = (server: LabServer | undefined, c: { generation: "current" | "legacy"; features: { scep: boolean; pkcs: boolean; pkcsImported: boolean; revocation: boolean } }) =>
  !!server &&
  server.network.outbound443 &&
  connectorServices(c).every((id) => server.services.some((s) => s.name.toLowerCase() === SERVICE[id].name.toLowerCase() && s.status === "running"));

/**
 * The trace of `device` syncing and asking for the certificate of SCEP profile `profileId`, from the tenant's
 * current state and the findings the rules report for it (evaluate the snapshot with the device in it:
 * withManagedDevices). A trusted certificate profile gets the first two hops only.
 */
export function traceEnrollment(snapshot: TenantSnapshot, findings: readonly Finding[], device: ManagedDeviceRecord, profileId: string, opts: TraceOptions = {}): EnrollmentTrace {
  const now = opts.now ?? new Date();
  const b = builder();
  const profile = snapshot.intune?.profiles.find((p) => p.id === profileId);
  const emptyRequest: TraceRequest = { subject: "", subjectAlternativeNames: [], keyUsage: [], keySize: 0, ekus: [] };
  const base = {
    profileId,
    profileDisplayName: profile?.displayName ?? profileId,
    deviceId: device.id,
    scepServerUrl: null as string | null,
    requestUrlLength: null as number | null,
    tracedDateTime: now.toISOString(),
  };
  const finish = (outcome: EnrollmentTrace["outcome"], request: TraceRequest, statusText: string, extra: Partial<EnrollmentTrace> = {}): EnrollmentTrace => {
    const failed = b.hops.find((h) => h.outcome === "failed");
    const intuneStatus: IntuneStatus = outcome === "issued" ? "Succeeded" : outcome === "failed" ? "Error" : outcome === "pending" ? "Pending" : "Not applicable";
    return { ...base, ...extra, outcome, hops: b.hops, failedHop: failed?.id ?? null, request, intuneStatus, statusText };
  };

  // ── Hop 1: delivery and applicability.
  const reach = profilesForDevice(snapshot, device).find((p) => p.profileId === profileId);
  if (!profile || !reach) {
    b.set("profile", "skipped", profile ? `'${profile.displayName}' is not assigned to ${device.deviceName} or its user (or an exclusion group removes it).` : `No profile ${profileId}.`);
    return finish("notApplicable", emptyRequest, "Not applicable: the profile is not assigned to this device or its user.");
  }
  if (!reach.applicable) {
    b.set("profile", "skipped", reach.reason!);
    return finish("notApplicable", emptyRequest, reach.reason!);
  }
  const mine = new Set([profile.id, device.id, ...(profile.rootCertificateId ? [profile.rootCertificateId] : [])]);
  const about = (f: Finding) => f.objects.some((o) => mine.has(o.id));
  const errorsAbout = (codes: ReadonlySet<string> | readonly string[]) => {
    const set = codes instanceof Set ? codes : new Set(codes as readonly string[]);
    return findings.filter((f) => f.severity === "error" && set.has(f.code) && about(f));
  };

  if (!isScepType(profile.odataType)) {
    // A trusted certificate profile: delivered and installed (part B hop 0).
    b.set("profile", "ok", `Delivered through ${reach.via.join(", ")}.`);
    const bad = errorsAbout(ROOT_CODES).filter((f) => f.code.startsWith("TRUST_"));
    if (bad.length) {
      b.set("trustedRoot", "failed", bad.map((f) => f.message).join(" "), { codes: bad.map((f) => f.code), symptom: { text: bad[0]!.symptom } });
      return finish("failed", emptyRequest, bad[0]!.title);
    }
    b.set("trustedRoot", "ok", "Root cert state changed from CERT_INSTALLING to CERT_INSTALL_SUCCESS (or the root is in the Trusted Root store).");
    return finish("issued", emptyRequest, "Succeeded");
  }

  const profileErrors = errorsAbout(PROFILE_CODES).filter((f) => !DEVICE_BLOCKERS.includes(f.code));
  const pinMissing = profileErrors.filter((f) => f.code === "DEV_ANDROID_ENTERPRISE_PIN");
  const installErrors = profileErrors.filter((f) => f.code !== "DEV_ANDROID_ENTERPRISE_PIN" && !INSTALL_CODES.includes(f.code));
  if (installErrors.length) {
    b.set("profile", "failed", `The profile fails to install: ${installErrors.map((f) => f.message).join(" ")}`, {
      codes: installErrors.map((f) => f.code),
      symptom: { text: installErrors[0]!.symptom },
    });
    return finish("failed", emptyRequest, `The profile fails to install (${installErrors[0]!.title}).`);
  }
  if (pinMissing.length) {
    b.set("profile", "failed", pinMissing[0]!.message, { codes: ["DEV_ANDROID_ENTERPRISE_PIN"], symptom: { text: "Full-disk encryption, which requires the device have a PIN configured: the certificate is not provisioned until a PIN is set." } });
    return finish("pending", emptyRequest, "Pending: set a device PIN (full-disk encryption requires it) to provision the certificate.");
  }
  b.set("profile", "ok", `Delivered through ${reach.via.join(", ")}; applies to ${device.platform} ${device.osVersion}.`);

  // ── Hop 0: the trusted root the SCEP profile binds, installed on the device, and the CA chain it anchors.
  const root = profile.rootCertificateId ? snapshot.intune!.profiles.find((p) => p.id === profile.rootCertificateId) : undefined;
  const rootErrors = errorsAbout(ROOT_CODES);
  const rootReaches = root ? profilesForDevice(snapshot, device).some((p) => p.profileId === root.id && p.applicable) : false;
  if (!root || rootErrors.length || !rootReaches) {
    const codes = rootErrors.map((f) => f.code);
    const detail = !root
      ? "The SCEP profile has no trusted certificate profile: the device can't trust the CA."
      : !rootReaches
        ? `The trusted certificate profile '${root.displayName}' is not assigned to this device or its user: the SCEP profile can't install (matrix: "Failure").`
        : rootErrors.map((f) => f.message).join(" ");
    b.set("trustedRoot", "failed", detail, { codes: codes.length ? codes : !root ? ["PROF_NO_ROOT_CERT"] : ["PROF_ROOT_ASSIGNMENT_MISMATCH"], symptom: { text: rootErrors[0]?.symptom ?? "The SCEP profile reports Error: its trusted certificate profile is missing on the device." } });
    return finish("failed", emptyRequest, "Error: the trusted root certificate profile is not installed on the device.");
  }
  b.set("trustedRoot", "ok", `'${root.displayName}' installed (${root.certificate?.subject ?? "root certificate"}).`);

  // ── The request: subject and SAN with the variables resolved for this user and device; key usage, size, EKU.
  const spec: ScepRequestSpec = scepRequestFor(profile.settings, sampleFor(snapshot, device, opts.user));
  const request: TraceRequest = { subject: spec.subject, subjectAlternativeNames: spec.subjectAlternativeNames, keyUsage: spec.keyUsage, keySize: spec.keySize, ekus: spec.extendedKeyUsage };
  const blockers = errorsAbout(DEVICE_BLOCKERS);
  if (spec.unresolved.length || !spec.subject || blockers.length) {
    const text = spec.unresolved.length
      ? `The profile fails to install: ${spec.unresolved.map((v) => `{{${v}}}`).join(", ")} has no value on this ${device.userId ? "device" : "userless device"}.`
      : !spec.subject
        ? "The profile has no subject name format."
        : blockers.map((f) => f.message).join(" ");
    const codes = spec.unresolved.length
      ? findings.filter((f) => about(f) && ["PROF_USER_VARS_ON_USERLESS", "PROF_UNSUPPORTED_DEVICE_VARIABLE", "PROF_DEVICE_CERT_USER_VARS", "PROF_AOSP_UNSUPPORTED_VARS", "PROF_ANDROID12_BYOD_HW_IDS"].includes(f.code)).map((f) => f.code)
      : blockers.map((f) => f.code);
    b.set("request", "failed", text, { codes, symptom: { text: blockers[0]?.symptom ?? "the profile fails to install (S5)" } });
    return finish("failed", request, text);
  }
  b.set("request", "ok", `Subject ${spec.subject}${spec.subjectAlternativeNames.length ? `, SAN ${spec.subjectAlternativeNames.map((s) => `${s.type}=${s.value}`).join(", ")}` : ""}; key usage ${spec.keyUsage.join(", ") || "(none)"}; ${spec.keySize} bits; EKU ${spec.extendedKeyUsage.join(", ") || "(none)"}.`);

  // ── The challenge: Intune's signed, encrypted blob bound to exactly this request (60 minutes, single use).
  b.set("challenge", "ok", `Intune issued a challenge for ${spec.subject} (valid 60 minutes, single use), readable only by the policy module and Intune.`);

  // ── HTTP to the SCEP server URL: the PKIOperation GET with its real length.
  const urls = ((profile.settings.scepServerUrls as string[] | undefined) ?? []).filter((u) => typeof u === "string");
  const serverUrl = urls[0];
  if (!serverUrl) {
    b.set("edge", "failed", "The profile has no SCEP server URL.", { codes: findings.filter((f) => about(f) && f.code.startsWith("PROF_URL")).map((f) => f.code) });
    return finish("failed", request, "Error: no SCEP server URL.");
  }
  const message = opts.pkiMessageBase64 ?? placeholderBase64(estimatePkiMessageBase64Length(spec.keySize, request));
  const url = pkiOperationUrl(serverUrl, message);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    b.set("edge", "failed", `'${serverUrl}' is not a valid URL.`, { codes: ["PROF_URL_NOT_MSCEP_PATH"] });
    return finish("failed", request, "Error: the SCEP server URL is not valid.");
  }
  const requestUrlLength = parsed.pathname.length + parsed.search.length;
  base.scepServerUrl = serverUrl;
  base.requestUrlLength = requestUrlLength;
  const lab = snapshot.lab;
  const host = parsed.hostname.toLowerCase();
  let forwardedTo: string | undefined;
  let forwardedFrom: string | null = null;
  let result: BrowseResult;
  if (!lab) result = { status: 0, title: "This site can't be reached", body: "A server with the specified host name could not be found.", reasonCodes: [] };
  else if (resolveInternalHost(lab, host)) {
    // A managed device is on the internet: the NDES internal name does not resolve there (seed 000's reason to
    // publish NDES through application proxy).
    const codes = findings.filter((f) => about(f) && f.code === "PROF_URL_INTERNAL_ONLY").map((f) => f.code);
    result = { status: 0, title: "This site can't be reached", body: `A server with the specified host name could not be found. (${host} is an internal name.)`, reasonCodes: codes.length ? codes : ["PROF_URL_INTERNAL_ONLY"] };
  } else if (lab.reverseProxies.some((p) => p.externalHostName.toLowerCase() === host)) {
    result = browse(lab, url, { now });
    forwardedTo = "reverse proxy";
  } else
    result = browseExternal(snapshot, url, (internalUrl, from) => {
      forwardedTo = new URL(internalUrl).hostname;
      forwardedFrom = from;
      return browse(lab, internalUrl, { fromServerId: from ?? undefined, now });
    });
  const healthy = result.status === 200 && result.reasonCodes.length === 0 && /PKIOperation/i.test(result.title);
  const symptomOf = (r: BrowseResult): TraceSymptom => ({ ...(r.status ? { httpStatus: r.status } : {}), body: `${r.title} — ${r.body}`, text: r.status ? `HTTP ${r.status}: ${r.title}` : `${r.title}: ${r.body}` });
  // Codes of seed 004's hop c (connector → NDES over the Internal URL, IIS, NDES's account) put a failure on NDES.
  const hopC = new Set(REQUEST_FLOW_HOPS.find((h) => h.id === "c")!.codes);
  const atNdes = result.reasonCodes.some((c) => hopC.has(c));
  if (!forwardedTo && !atNdes) {
    if (!healthy) {
      b.set("edge", "failed", `GET ${serverUrl}?operation=PKIOperation (${requestUrlLength} bytes): ${result.title}. ${result.body}`, { codes: result.reasonCodes, symptom: symptomOf(result) });
      return finish("failed", request, deviceFailureText(device.platform, `${result.status ? `HTTP ${result.status} ` : ""}${result.title}`));
    }
  }
  b.set("edge", "ok", !forwardedTo ? `${host} resolved; the request reached the connector.` : forwardedTo === "reverse proxy" ? `${host} → reverse proxy → NDES.` : `${host} resolved; application proxy → connector${forwardedFrom ? ` on ${lab?.servers.find((s) => s.id === forwardedFrom)?.name ?? forwardedFrom}` : ""} → ${forwardedTo}.`);
  if (!healthy) {
    b.set("ndesIis", "failed", `GET …/mscep.dll?operation=PKIOperation (${requestUrlLength} bytes) → ${result.status || "no answer"} ${result.title}. ${result.body}`, { codes: result.reasonCodes, symptom: symptomOf(result) });
    return finish("failed", request, deviceFailureText(device.platform, `${result.status ? `HTTP ${result.status} ` : ""}${result.title}`));
  }

  // Which NDES answered: the one the connector forwarded to, or the first configured one behind a reverse proxy.
  const ix = labIndex(lab!);
  const target = forwardedTo && forwardedTo !== "reverse proxy" ? resolveInternalHost(lab!, forwardedTo) : undefined;
  const ndesCtx = target?.ndes ? ix.ndesContexts.find((c) => c.ndes.id === target.ndes!.id) : ix.ndesContexts.find((c) => c.ndes.configured && c.server);
  const ndes = ndesCtx?.ndes;
  const server = ndesCtx?.server;
  if (!ndes || !server) {
    b.set("ndesIis", "failed", "No NDES answered.", { symptom: { httpStatus: 404, text: "HTTP Error 404.0 - Not Found" } });
    return finish("failed", request, deviceFailureText(device.platform, "HTTP 404"));
  }
  (base as { ndesServer?: string }).ndesServer = server.fqdn;
  b.set("ndesIis", "ok", `GET ${parsed.pathname}?operation=PKIOperation (${requestUrlLength} bytes) → 200 on ${server.fqdn} (app pool SCEP; request filtering ${ndes.iis.requestFiltering.maxUrl}/${ndes.iis.requestFiltering.maxQueryString}).`);

  // ── Hops 4–5: the Intune policy module, and the connector verifying the challenge with Intune.
  const labCodes = new Set(findings.map((f) => f.code));
  const connector = lab!.intuneCertificateConnectors.find((k) => k.serverId === server.id && k.features.scep);
  if (!connector || !ndes.mscepRegistry.policyModule || server.pendingRestart) {
    const why = NO_POLICY_MODULE.filter((c) => labCodes.has(c));
    const text = "The password in the certificate request cannot be verified. It may have been used already. Obtain a new password to submit with this request.";
    b.set("policyModule", "failed", `NDES answers with its own one-time-password policy: the Intune policy module is not loaded on ${server.name}.`, {
      codes: why.length ? why : ["CONN_NOT_INSTALLED"],
      symptom: { eventSource: "NDES", text },
    });
    return finish("failed", request, deviceFailureText(device.platform, text));
  }
  if (!connectorActive(server, connector)) {
    const why = ["CONN_SERVICE_STOPPED", "CONN_NET_ENDPOINTS_BLOCKED", "CONN_CERT_EXPIRED"].filter((c) => labCodes.has(c));
    b.set("policyModule", "failed", "Operational 4003 ScepRequestReceived, then the connector can't reach Intune.", {
      codes: why.length ? why : ["CONN_SERVICE_STOPPED"],
      symptom: { eventId: 4005, eventSource: "Microsoft-Intune-CertificateConnectors/Operational", text: "ScepVerifyFailure: Failed to verify a SCEP request with Intune." },
    });
    return finish("failed", request, deviceFailureText(device.platform, "Failed to verify a SCEP request with Intune."));
  }
  const mismatch = findings.filter((f) => about(f) && f.code === "PROF_SUBJECT_ESCAPED_SPECIAL");
  if (mismatch.length) {
    b.set("policyModule", "failed", mismatch[0]!.message, {
      codes: ["PROF_SUBJECT_ESCAPED_SPECIAL"],
      symptom: { eventId: 4005, eventSource: "Microsoft-Intune-CertificateConnectors/Operational", text: "Subject Name in CSR and challenge do not match" },
    });
    return finish("failed", request, deviceFailureText(device.platform, "Subject Name in CSR and challenge do not match"));
  }
  b.set("policyModule", "ok", "Operational 4003 ScepRequestReceived → 4004 ScepVerifySuccess: Successfully verified a SCEP request with Intune.");

  // ── Hop 6: the CA, with the template NDES picks from the MSCEP registry by the requested key usage.
  const chosen = ndesTemplateFor(ndes.mscepRegistry, lab!.templates, spec.keyUsage);
  const ca = lab!.cas.find((c) => c.id === ndes.caId);
  const requester = lab!.accounts.find((a) => a.id === ndes.serviceAccountId);
  if (!ca) {
    b.set("ca", "failed", "NDES has no CA.", { symptom: { eventId: 31, eventSource: "NDES", text: "The Network Device Enrollment Service cannot find its CA." } });
    return finish("failed", request, deviceFailureText(device.platform, "NDES has no CA."));
  }
  const failure = caDecision(ix, { ca, template: chosen.template, requester, server, keySize: spec.keySize, subject: spec.subject, rpcOpen: lab!.network.ndesToCaRpcOpen });
  const templateLabel = chosen.templateName || "(none)";
  if (failure) {
    const event31 = `The Network Device Enrollment Service cannot submit the certificate request (${failure.message}). 0x80004005`;
    b.set("ca", "failed", `Template '${templateLabel}' from MSCEP\\${chosen.valueName} (key usage ${spec.keyUsage.join(", ") || "none"}) on ${ca.name}: ${failure.message}`, {
      codes: [...failure.reasonCodes, ...REGISTRY_CODES.filter((c) => labCodes.has(c))],
      symptom: { eventId: 31, eventSource: "Microsoft-Windows-NetworkDeviceEnrollmentService", text: event31, body: `CA › Failed Requests: ${failure.code} ${failure.message}` },
    });
    return finish("failed", request, deviceFailureText(device.platform, `${failure.message} Denied by Policy Module`));
  }
  const validityDays = templateValidityDays(chosen.template!);
  b.set("ca", "ok", `${ca.name} issued from template '${chosen.template!.name}' (MSCEP\\${chosen.valueName}), ${validityDays} days. Operational 4006 ScepIssuedSuccess.`);

  // ── Hop 7: the CertRep back to the device, and the device installing the certificate.
  const install = findings.filter((f) => f.severity === "error" && INSTALL_CODES.includes(f.code));
  if (install.length || validityDays < 5) {
    const codes = install.map((f) => f.code);
    const text = codes.includes("CA_RENEWED_RA_CERTS_STALE")
      ? "Event 32 + 307, CAPI2 Event 30: A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider. 800B0109"
      : `The MDM agent rejects a certificate valid for ${validityDays} day(s) (less than 5 days).`;
    b.set("delivery", "failed", text, { codes: codes.length ? codes : ["TPL_VALIDITY_LT_5_DAYS"], symptom: { text } });
    return finish("failed", request, deviceFailureText(device.platform, text));
  }
  b.set("delivery", "ok", `CertRep pkiStatus=SUCCESS. ${SUCCESS_TEXT[device.platform]}`);

  // ── Hop 8: the connector notifies Intune.
  b.set("reported", "ok", "Operational 4008 ScepNotifySuccess; Admin 4000: Successfully processed a SCEP request and notified Intune.");
  return finish("issued", request, "Succeeded");
}

/**
 * The trace with what the real NDES/CA did for the same request (apps/api enroll()): when the CA's answer differs
 * from the prediction (the lab changed in between), the CA hop and everything after follow the real answer.
 */
export function withCaOutcome(
  trace: EnrollmentTrace,
  real: { status: "SUCCESS" | "FAILURE"; text?: string; reasonCodes?: string[]; requestId?: number; template?: string; serialNumber?: string; thumbprint?: string; failedAt?: "policyModule" | "ca" },
  platform: TPlatform,
): EnrollmentTrace {
  const out: EnrollmentTrace = structuredClone(trace);
  out.ca = { disposition: real.status === "SUCCESS" ? "issued" : "failed", ...(real.requestId !== undefined ? { requestId: real.requestId } : {}), ...(real.template ? { template: real.template } : {}), ...(real.serialNumber ? { serialNumber: real.serialNumber } : {}), ...(real.thumbprint ? { thumbprint: real.thumbprint } : {}) };
  const predictedIssue = trace.hops.find((h) => h.id === "ca")?.outcome === "ok";
  if (real.status === "SUCCESS" ? predictedIssue : !predictedIssue) {
    const ca = out.hops.find((h) => h.id === "ca")!;
    if (real.requestId !== undefined) ca.detail = `Request ${real.requestId}: ${ca.detail}`;
    return out;
  }
  if (real.status === "SUCCESS") {
    // The CA issued although the prediction said otherwise: the real answer wins from the CA hop on.
    for (const h of out.hops) {
      if (h.id === "policyModule" && h.outcome !== "ok") Object.assign(h, { outcome: "ok", detail: "Operational 4004 ScepVerifySuccess.", codes: [], symptom: undefined });
      if (h.id === "ca") Object.assign(h, { outcome: "ok", detail: `Request ${real.requestId ?? "?"} issued from template '${real.template ?? "?"}'.`, codes: [], symptom: undefined });
      if (h.id === "delivery" || h.id === "reported") Object.assign(h, { outcome: "ok", detail: h.id === "delivery" ? `CertRep pkiStatus=SUCCESS. ${SUCCESS_TEXT[platform]}` : "Operational 4008 ScepNotifySuccess.", codes: [], symptom: undefined });
    }
    return { ...out, outcome: "issued", failedHop: null, intuneStatus: "Succeeded", statusText: "Succeeded" };
  }
  const at = real.failedAt ?? "ca";
  const idx = out.hops.findIndex((h) => h.id === at);
  out.hops.forEach((h, i) => {
    if (i > idx) Object.assign(h, { outcome: "skipped", detail: "Not reached.", codes: [], symptom: undefined });
  });
  const hop = out.hops[idx]!;
  if (real.status === "FAILURE") {
    Object.assign(hop, { outcome: "failed", detail: real.text ?? "The request was refused.", codes: real.reasonCodes ?? [], symptom: { eventId: at === "ca" ? 31 : 4005, eventSource: at === "ca" ? "Microsoft-Windows-NetworkDeviceEnrollmentService" : "Microsoft-Intune-CertificateConnectors/Operational", text: real.text ?? "" } });
    out.outcome = "failed";
    out.failedHop = at;
    out.intuneStatus = "Error";
    out.statusText = deviceFailureText(platform, real.text ?? "");
  }
  return out;
}

/** Graph deviceConfigurationDeviceStatus.status for an Intune status. */
export const GRAPH_DEVICE_STATUS: Record<IntuneStatus, "succeeded" | "error" | "pending" | "notApplicable"> = {
  Succeeded: "succeeded",
  Error: "error",
  Pending: "pending",
  "Not applicable": "notApplicable",
};
