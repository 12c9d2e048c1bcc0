// The lab's NDES over real HTTP (issue 10): what a SCEP client gets from /certsrv/mscep/mscep.dll on the lab's
// NDES internal URL or, through the simulated application proxy, on its external URL. First the path to NDES is
// decided exactly as the lab browser decides it (packages/domain/src/lab/lab-browser.ts and
// entra/external-access.ts: DNS, app proxy, Pre Authentication, bindings, TLS, HTTP.sys and request filtering with
// this request's real URL length, the app pool, NDES starting up; seed 000 steps 16–19); then GetCACaps, GetCACert
// and PKIOperation are answered for real, and a PKIOperation goes through the policy module (the Intune
// certificate connector verifying the challenge) and the CA (the template NDES picks through the MSCEP registry,
// the CA's checks, real issuance). `enroll` is the one function that decides and issues: a simulated device calls
// it with the same CSR a real client sends.
import { browse, findingsAbout, GET_CA_CAPS, NO_POLICY_MODULE, resolveInternalHost, type BrowseResult } from "@certlab/domain/lab/lab-browser";
import { browseExternal } from "@certlab/domain/entra/external-access";
import { caDecision, ndesTemplateFor, templateValidityDays } from "@certlab/domain/lab/ca-policy";
import type { LabSnapshot, NdesInstance } from "@certlab/domain/lab/snapshot";
import { labIndex } from "@certlab/domain/lab/lab-index";
import { buildCaRaCertResponse, buildCertRep, parsePkiMessage, ScepError, MESSAGE_TYPE, type CertRepResult, type FailInfo, type ParsedPkiMessage, type RaKeys } from "@certlab/pki/scep/message";
import { readScepCsr, type ScepCsr } from "@certlab/pki/scep/csr";
import { checkBinding, openChallenge } from "@certlab/pki/scep/challenge";
import { issueCertificate } from "@certlab/pki/issue";
import { loadCa, type CaMaterial, type LoadedCa } from "@certlab/pki/ca";
import type { ChallengeKeys } from "@certlab/pki/scep/challenge";
import type { Db } from "../db/client.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { cachedRead, deepFreeze } from "../store/tenant-cache.ts";
import { caVersionAndNextRequestId, insertCaRequestRaw, LabDraft, type StoredCa, type StoredServer } from "../store/lab/state.ts";
import { keyUsageFor } from "../store/lab/pki.ts";
import { intuneConnectorStatus, toLabSnapshot } from "../store/lab/snapshot.ts";
import { challengeKeys, consumeChallenge } from "./challenges.ts";

export const MSCEP_PATH = "/certsrv/mscep/mscep.dll";

export type ScepHttpRequest = {
  tenantId: string;
  /** The lab host name the client addressed (NDES internal name or the app proxy external name). */
  host: string;
  method: string;
  /** Path below the host, e.g. "/certsrv/mscep/mscep.dll" or "/" (the IIS welcome page). */
  path: string;
  /** The raw query string without "?", exactly as the client sent it (its length counts against IIS limits). */
  rawQuery: string;
  body?: Buffer;
};

export type ScepHttpResponse = { status: number; contentType: string; body: Buffer | string; headers: Record<string, string> };

/** One step of what happened (NDES/connector/CA log lines), returned as headers and kept for the trace. */
export type ScepEvent = { source: "IIS" | "NDES" | "Connector" | "CA"; id?: number; text: string };

const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, " ").slice(0, 900);

function page(r: BrowseResult, extra: Record<string, string> = {}): ScepHttpResponse {
  const headers: Record<string, string> = { ...extra };
  if (r.reasonCodes.length) headers["X-Certlab-Reason-Codes"] = r.reasonCodes.join(",");
  if (r.status === 0) {
    // No HTTP answer in the lab (DNS, connection, TLS): the local route can only say so.
    headers["X-Certlab-Network-Error"] = headerSafe(r.body);
    return { status: 502, contentType: "text/plain; charset=utf-8", body: `${r.title}\n${r.body}\n`, headers };
  }
  const html = `<!DOCTYPE html><html><head><title>${escapeHtml(r.title)}</title></head><body><h1>${escapeHtml(r.title)}</h1><p>${escapeHtml(r.body)}</p></body></html>\n`;
  return { status: r.status, contentType: "text/html; charset=utf-8", body: html, headers };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** `operation` and `message` from a raw query. No URLSearchParams: it turns a literal "+" into a space (pitfall 8). */
export function scepQuery(rawQuery: string): { operation?: string; message?: string } {
  const out: { operation?: string; message?: string } = {};
  for (const part of rawQuery.split("&")) {
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? "" : part.slice(eq + 1);
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      decoded = value;
    }
    if (key === "operation") out.operation = decoded;
    else if (key === "message") out.message = decoded;
  }
  return out;
}

type Route = { lab: LabSnapshot; result: BrowseResult; ndesHost: string | undefined };

/** The lab as NDES and the CA see it: the rows with their key material, and the rule engine's view of them. */
type ScepLab = {
  draft: LabDraft;
  own: LabSnapshot | undefined;
  contexts: Map<string, NdesCtx>;
  /** Per NDES server id: the lab rule findings about the server, its NDES and its connectors (pure in the lab). */
  findings: Map<string, ReturnType<typeof findingsAbout>>;
  /** browse() of the lab's own internal host, per full URL without a `message` (pure in the lab and the URL). */
  routes: Map<string, BrowseResult>;
};

/** A bounded memo on a cached lab's map (cleared when full: entries are cheap to rebuild). */
function memo<V>(m: Map<string, V>, key: string, max: number, make: () => V): V {
  let hit = m.get(key);
  if (hit === undefined) {
    if (m.size >= max) m.clear();
    m.set(key, (hit = make()));
  }
  return hit;
}

/**
 * The tenant's lab for the SCEP endpoint, read once and then served from memory while the tenant's lab counter is
 * unchanged (store/tenant-cache.ts: a commit by any process changes it; at most 5 s, for the clock-dependent
 * connector state). Shared by concurrent requests, so frozen: nothing here writes to it (writes go through the
 * CaRequest and ScepChallenge tables, which the lab counter does not follow).
 */
export function scepLab(db: Db, tenantId: string): Promise<ScepLab> {
  return cachedRead(db, tenantId, "scep-lab", ["lab"], async () => {
    const draft = await LabDraft.load(db, tenantId);
    for (const e of [...draft.objects.values(), ...draft.intune.values(), ...draft.appx.values()]) deepFreeze(e.data);
    return { draft, own: deepFreeze(toLabSnapshot(draft)), contexts: new Map(), findings: new Map(), routes: new Map() };
  });
}

/** ndesContext, once per cached lab and host. */
function ndesContextOf(l: ScepLab, host: string): NdesCtx {
  let hit = l.contexts.get(host);
  if (!hit) {
    if (l.contexts.size >= 64) l.contexts.clear();
    l.contexts.set(host, (hit = ndesContext(l.draft, host)));
  }
  return hit;
}

/**
 * The lab's answer for this URL, and which NDES host it reached (the internal one the app proxy forwarded to).
 * The lab is read once per request (`d`, also what NDES and the CA work from); the whole tenant (Entra's
 * application proxy) only for a host that is not one of the lab's own names. An unknown tenant has no lab.
 */
async function route(db: Db, r: ScepHttpRequest, l: ScepLab): Promise<Route | undefined> {
  const own = l.own;
  if (!own) return undefined;
  const url = `https://${r.host}${r.path}${r.rawQuery ? `?${r.rawQuery}` : ""}`;
  if (resolveInternalHost(own, r.host)) {
    // Cached by the exact URL (so its length, which IIS checks, is part of the key) when it carries no message
    // (a POST's constant ?operation=PKIOperation, GetCACaps, GetCACert); a GET PKIOperation is browsed each time.
    const result = url.length <= 2048 && !/[?&]message=/i.test(url) ? memo(l.routes, url, 64, () => browse(own, url)) : browse(own, url);
    return { lab: own, result, ndesHost: r.host };
  }
  const snapshot = await tenantSnapshot(db, r.tenantId);
  const lab = snapshot.lab;
  if (!lab) return undefined;
  let ndesHost: string | undefined;
  const result = browseExternal(snapshot, url, (internalUrl, from) => {
    ndesHost = new URL(internalUrl).hostname;
    return browse(lab, internalUrl, { fromServerId: from ?? undefined });
  });
  return { lab, result, ndesHost };
}

/** Lab rules about the MSCEP registry's template values (rules-reference.md A.3). */
const REGISTRY_CODES = ["NDES_TEMPLATE_REGISTRY_DEFAULT", "NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH", "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME"];

const REAL_OPERATIONS = new Set(["getcacaps", "getcacert", "pkioperation"]);

export async function serveScep(db: Db, r: ScepHttpRequest): Promise<ScepHttpResponse> {
  const l = await scepLab(db, r.tenantId);
  const routed = await route(db, r, l);
  if (!routed) return page({ status: 0, title: "This site can’t be reached", body: `DNS_PROBE_FINISHED_NXDOMAIN — ${r.host}’s server IP address could not be found (no such directory or lab).`, reasonCodes: [] });
  const { result, ndesHost } = routed;
  const { operation, message } = scepQuery(r.rawQuery);
  const op = operation?.toLowerCase();
  const healthy = result.status === 200 && result.reasonCodes.length === 0 && !!op && REAL_OPERATIONS.has(op) && r.path.toLowerCase().startsWith(MSCEP_PATH);
  if (!healthy || !ndesHost) return page(result);

  if (op === "getcacaps") return { status: 200, contentType: "text/plain", body: GET_CA_CAPS, headers: {} };
  const ctx = ndesContextOf(l, ndesHost);
  if (!ctx.ok) return { status: 500, contentType: "text/plain; charset=utf-8", body: `500 - Internal server error.\n${ctx.message}\n`, headers: { "X-Certlab-Ndes-Event": headerSafe(ctx.message) } };
  if (op === "getcacert") {
    const ca = ctx.ca;
    const der = buildCaRaCertResponse([ctx.ra.signingCertificatePem, ctx.ra.encryptionCertificatePem, ca.material.certificatePem, ...(ca.material.chainPems ?? [])]);
    return { status: 200, contentType: "application/x-x509-ca-ra-cert", body: Buffer.from(der), headers: {} };
  }

  // PKIOperation: POST carries DER (or base64) in the body; GET carries base64 in `message`.
  let der: Buffer;
  if (r.method === "POST") {
    const body = r.body ?? Buffer.alloc(0);
    der = body[0] === 0x30 ? body : Buffer.from(body.toString("latin1").replace(/\s+/g, ""), "base64");
  } else {
    der = Buffer.from((message ?? "").replace(/\s+/g, ""), "base64");
  }
  let parsed: ParsedPkiMessage;
  try {
    parsed = parsePkiMessage(der, ctx.ra);
  } catch (err) {
    if (!(err instanceof ScepError)) throw err;
    const text = `Event ${err.ndesEventId ?? 16}: ${err.message}`;
    return { status: 500, contentType: "text/plain; charset=utf-8", body: `500 - Internal server error.\n${text}\n`, headers: { "X-Certlab-Ndes-Event": headerSafe(text) } };
  }
  const outcome = await enroll(db, r.tenantId, ndesHost, parsed, l);
  const rep = buildCertRep(parsed, outcome.result, ctx.ra);
  const headers: Record<string, string> = { "X-Certlab-Scep-Status": outcome.result.status };
  if (outcome.reasonCodes.length) headers["X-Certlab-Reason-Codes"] = outcome.reasonCodes.join(",");
  const last = outcome.events.at(-1);
  if (last) headers["X-Certlab-Ndes-Event"] = headerSafe(`${last.source}${last.id ? ` ${last.id}` : ""}: ${last.text}`);
  return { status: 200, contentType: "application/x-pki-message", body: Buffer.from(rep), headers };
}

type NdesCtx = { ok: true; ndes: NdesInstance; server: StoredServer; ca: StoredCa; ra: RaKeys } | { ok: false; message: string };

function ndesContext(d: LabDraft, host: string): NdesCtx {
  const h = host.toLowerCase();
  const server = d.list("server").find((s) => s.fqdn.toLowerCase() === h || s.name.toLowerCase() === h) ??
    d.list("server").find((s) => d.list("ndes").some((n) => n.serverId === s.id && n.aliasHostNames.some((a) => a.toLowerCase() === h)));
  const ndes = server ? d.list("ndes").find((n) => n.serverId === server.id) : undefined;
  if (!server || !ndes) return { ok: false, message: `There is no NDES on ${host}.` };
  const ca = d.find("ca", ndes.caId);
  if (!ca) return { ok: false, message: "The Network Device Enrollment Service cannot find its CA." };
  const pick = (template: string) => {
    const cert = ndes.raCertificates.find((c) => c.template === template);
    const pem = cert && server.certificatePems?.[cert.thumbprint];
    const key = cert && server.privateKeys?.[cert.thumbprint];
    return pem && key ? { pem, key } : undefined;
  };
  const sign = pick("EnrollmentAgentOffline");
  const enc = pick("CEPEncryption");
  if (!sign || !enc)
    return { ok: false, message: "Event 10: The Network Device Enrollment Service cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect. (Reset the lab if it was created before SCEP was served.)" };
  return { ok: true, ndes, server, ca, ra: { signingCertificatePem: sign.pem, signingKeyPem: sign.key, encryptionCertificatePem: enc.pem, encryptionKeyPem: enc.key } };
}

export type EnrollOutcome = {
  result: CertRepResult;
  /** Rule codes that explain a FAILURE. */
  reasonCodes: string[];
  events: ScepEvent[];
  /** The CA request id when the request reached the CA. */
  requestId?: number;
  template?: string;
  certificatePem?: string;
};

const fail = (failInfo: FailInfo, text: string, events: ScepEvent[], reasonCodes: string[] = [], extra: Partial<EnrollOutcome> = {}): EnrollOutcome => ({
  result: { status: "FAILURE", failInfo, failInfoText: text },
  reasonCodes,
  events,
  ...extra,
});

/** A bounded per-process cache (cleared when full: entries are cheap to rebuild). */
function cache<K, V>(max: number) {
  const m = new Map<K, V>();
  return (key: K, make: () => V): V => {
    let hit = m.get(key);
    if (hit === undefined) {
      if (m.size >= max) m.clear();
      m.set(key, (hit = make()));
    }
    return hit;
  };
}

/** A CA's key imported for signing, per CA key: a renewed or rebuilt CA has new material, hence a new entry. */
const caKeys = cache<string, Promise<LoadedCa>>(32);
const caFor = (material: CaMaterial) => caKeys(`${material.privateKeyPkcs8Pem}\n${material.certificatePem}`, () => loadCa(material));

/** Intune's challenge keys per tenant: created once and never changed (scep/challenges.ts), so kept per database client. */
const challengeKeysByDb = new WeakMap<Db, Map<string, ChallengeKeys>>();
async function tenantChallengeKeys(db: Db, tenantId: string): Promise<ChallengeKeys> {
  let byTenant = challengeKeysByDb.get(db);
  if (!byTenant) challengeKeysByDb.set(db, (byTenant = new Map()));
  const hit = byTenant.get(tenantId);
  if (hit) return hit;
  const fetched = await challengeKeys(db, tenantId);
  if (byTenant.size >= 256) byTenant.clear();
  byTenant.set(tenantId, fetched);
  return fetched;
}

/**
 * NDES with the Intune policy module and the CA, for one decrypted PKCSReq: verify the request, let the policy
 * module verify the challenge with (simulated) Intune, pick the template by the requested key usage, let the CA
 * decide, issue for real and record the request in the CA's Issued Certificates or Failed Requests.
 * `pre`: the lab as the caller already read it for this request (the SCEP endpoint); otherwise scepLab's.
 */
export async function enroll(
  db: Db,
  tenantId: string,
  ndesHost: string,
  req: Pick<ParsedPkiMessage, "messageType" | "messageData" | "signerPublicKey" | "transactionId">,
  pre?: ScepLab,
): Promise<EnrollOutcome> {
  const events: ScepEvent[] = [];
  if (req.messageType === MESSAGE_TYPE.CertPoll) return fail("badCertId", "No pending request with this transaction ID.", events);
  if (req.messageType !== MESSAGE_TYPE.PKCSReq && req.messageType !== MESSAGE_TYPE.RenewalReq)
    return fail("badRequest", `Message type ${req.messageType} is not supported by this NDES.`, events);
  let csr: ScepCsr;
  try {
    csr = await readScepCsr(req.messageData);
  } catch (err) {
    return fail("badRequest", err instanceof Error ? err.message : "Bad CSR.", events);
  }
  if (!csr.signatureValid) return fail("badMessageCheck", "The certificate request's signature is not valid.", events);
  // The signer's SPKI as the message parser kept it (DER) when it does; else exported from the key (about 0.3 ms).
  const signerSpki = (req as { signerSpkiDer?: Uint8Array }).signerSpkiDer ?? req.signerPublicKey.export({ type: "spki", format: "der" });
  if (req.messageType === MESSAGE_TYPE.PKCSReq && !Buffer.from(signerSpki.buffer, signerSpki.byteOffset, signerSpki.byteLength).equals(csr.spkiDer))
    return fail("badMessageCheck", "The PKCSReq is not signed with the key of the certificate request.", events);

  const l = pre ?? (await scepLab(db, tenantId));
  const d = l.draft;
  const ctx = ndesContextOf(l, ndesHost);
  if (!ctx.ok || !l.own) return fail("badRequest", ctx.ok ? "There is no lab." : ctx.message, events);
  const lab = l.own;
  const ix = labIndex(lab);
  const server = lab.servers.find((s) => s.id === ctx.server.id)!;
  const codes = memo(l.findings, server.id, 64, () => findingsAbout(lab, [server.id, ctx.ndes.id, ...lab.intuneCertificateConnectors.filter((c) => c.serverId === server.id).map((c) => c.id)]));
  events.push({ source: "IIS", text: `${req.messageType === MESSAGE_TYPE.PKCSReq ? "PKCSReq" : "RenewalReq"} ${csr.subject} transaction ${req.transactionId}` });

  // The policy module: the Intune certificate connector's (NDESPolicy), loaded when the connector's SCEP feature
  // is installed and the server restarted; otherwise NDES's own one-time-password policy refuses an Intune challenge.
  const connector = d.intuneConnectors().find((k) => k.serverId === server.id && k.features.scep);
  if (!connector || !ctx.ndes.mscepRegistry.policyModule || server.pendingRestart) {
    const why = NO_POLICY_MODULE.filter((c) => codes.has(c));
    return fail("badRequest", "The challenge password is not a valid NDES one-time password (the Intune policy module is not loaded).", [...events, { source: "NDES", text: "The password in the certificate request cannot be verified. It may have been used already. Obtain a new password to submit with this request." }], why.length ? why : ["CONN_NOT_INSTALLED"]);
  }
  events.push({ source: "Connector", id: 4003, text: "ScepRequestReceived: Successfully received a SCEP request from a device." });
  if (intuneConnectorStatus(server, connector) !== "active") {
    const why = ["CONN_SERVICE_STOPPED", "CONN_NET_ENDPOINTS_BLOCKED", "CONN_CERT_EXPIRED"].filter((c) => codes.has(c));
    return fail("badRequest", "Failed to verify a SCEP request with Intune.", [...events, { source: "Connector", id: 4005, text: "ScepVerifyFailure: Failed to verify a SCEP request with Intune." }], why.length ? why : ["CONN_SERVICE_STOPPED"]);
  }
  const keys = await tenantChallengeKeys(db, tenantId);
  const opened = openChallenge(keys, csr.challengePassword);
  const verifyFailure = (text: string, before = events.length) =>
    fail("badRequest", text, [...events.slice(0, before), { source: "Connector", id: 4005, text: `ScepVerifyFailure: Failed to verify a SCEP request with Intune. ${text}` }]);
  if (!opened.ok) return verifyFailure(opened.message);
  if (opened.claims.tenantId !== tenantId) return verifyFailure("The challenge was issued for another tenant.");
  const bound = checkBinding(opened.claims, csr);
  if (!bound.ok) return verifyFailure(bound.message);
  // Single use: consumed in the transaction that records the request below (one commit per enrollment), so a
  // replay is refused there, before any certificate leaves.
  const verified = events.length;
  const replayFailure = (consumed: "used" | "unknown") => verifyFailure(consumed === "used" ? "The challenge has already been used (replay)." : "The challenge is not known to Intune.", verified);
  events.push({ source: "Connector", id: 4004, text: "ScepVerifySuccess: Successfully verified a SCEP request with Intune." });

  // NDES → CA: the template from the MSCEP registry by key usage, submitted as the NDES service account.
  const keyUsage = csr.keyUsage ?? opened.claims.keyUsage;
  const chosen = ndesTemplateFor(ctx.ndes.mscepRegistry, lab.templates, keyUsage);
  const ca = lab.cas.find((c) => c.id === ctx.ca.id)!;
  const requester = lab.accounts.find((a) => a.id === ctx.ndes.serviceAccountId);
  const failure = caDecision(ix, { ca, template: chosen.template, requester, server, keySize: csr.keySize, subject: csr.subject, rpcOpen: lab.network.ndesToCaRpcOpen });
  const requesterName = requester ? `${requester.domain}\\${requester.samAccountName}` : server.name;
  const templateLabel = chosen.templateName || "(none)";

  // The CA signs before the transaction that records the request (the certificate does not depend on the request
  // id), so a retry after a concurrent write re-records instead of signing again, and the transaction stays short.
  const template = chosen.template;
  const subjectDer = (csr as { subjectDer?: Uint8Array }).subjectDer;
  const issue = (from: StoredCa) =>
    caFor(from.material).then((loaded) =>
      issueCertificate(loaded, {
        ...((subjectDer ? { subjectDer } : {}) as object),
        subject: csr.subject,
        publicKey: new Uint8Array(csr.spkiDer),
        validityDays: templateValidityDays(template!),
        keyUsage: keyUsageFor(template!),
        extendedKeyUsage: [...new Set([...template!.applicationPolicies, ...opened.claims.extendedKeyUsage])],
        subjectAlternativeNames: csr.subjectAlternativeNames,
        ...(from.crlDistributionPoints[0] ? { crlUrl: from.crlDistributionPoints[0].url } : {}),
        ...(from.aia[0] ? { aiaUrl: from.aia[0].url } : {}),
      }),
    );
  const signedBy = (c: StoredCa) => `${c.material.certificatePem}|${c.crlDistributionPoints[0]?.url ?? ""}|${c.aia[0]?.url ?? ""}`;
  let signed = failure || !template ? undefined : { by: signedBy(ctx.ca), issued: await issue(ctx.ca) };

  for (let attempt = 0; ; attempt++) {
    try {
      // One short transaction: the CA's next request id and the one CaRequest row (issued or failed). The lab is
      // not read again: only the CA row's version, to see whether the CA changed since it signed.
      return await db.$transaction(async (tx) => {
        const consumed = await consumeChallenge(tx, tenantId, opened.claims.jti);
        if (consumed !== "ok") return replayFailure(consumed);
        // The CA row's version and the CA's next request id in one raw statement.
        const row = await caVersionAndNextRequestId(tx, tenantId, ca.id);
        if (!row) return fail("badRequest", "The Network Device Enrollment Service cannot find its CA.", events);
        const requestId = row.requestId;
        const submitted = new Date().toISOString();
        if (failure) {
          // RPC unavailable: the request never reached the CA, so the CA has nothing to record.
          if (failure.code !== "0x800706ba") await insertCaRequestRaw(tx, tenantId, ca.id, { requestId, disposition: "failed", requesterName, template: templateLabel, subject: csr.subject, submittedDateTime: submitted, statusCode: failure.code, statusMessage: failure.message });
          // The CA's own reason, plus what the rules say about the MSCEP registry that chose this template.
          const reasons = [...failure.reasonCodes, ...REGISTRY_CODES.filter((c) => codes.has(c))];
          return fail("badRequest", `The Network Device Enrollment Service cannot submit the certificate request (${failure.message}). 0x80004005`, [
            ...events,
            { source: "CA", text: `Request ${requestId} denied (template '${templateLabel}' from MSCEP\\${chosen.valueName}): ${failure.message}` },
            { source: "NDES", id: 31, text: `The Network Device Enrollment Service cannot submit the certificate request (${failure.message}). 0x80004005` },
            { source: "Connector", id: 4007, text: "ScepIssuedFailure: Failed to issue certificate for SCEP request." },
          ], [...new Set(reasons)], { requestId, template: templateLabel });
        }
        if (!template) throw new Error("no template without a CA failure");
        // The CA row changed since the lab was read (renewed, rebuilt, another CDP/AIA?): read it and, if what it
        // signs with changed, sign again with what it has now.
        if (!signed || row.version !== d.versionOf(ca.id)) {
          const current = await tx.labObject.findFirst({ where: { id: ca.id, tenantId, kind: "ca" }, select: { data: true } });
          const stored = JSON.parse(current!.data) as StoredCa;
          if (!signed || signed.by !== signedBy(stored)) signed = { by: signedBy(stored), issued: await issue(stored) };
        }
        const issued = signed.issued;
        const ref = issued.ref;
        await insertCaRequestRaw(tx, tenantId, ca.id, { requestId, disposition: "issued", requesterName, template: template.name, subject: ref.subject, submittedDateTime: submitted, serialNumber: ref.serialNumber, thumbprint: ref.thumbprint, notAfter: ref.notAfter });
        return {
          result: { status: "SUCCESS" as const, certificatePem: issued.certificatePem },
          reasonCodes: [],
          events: [
            ...events,
            { source: "CA" as const, text: `Request ${requestId} issued (template '${template.name}' from MSCEP\\${chosen.valueName})` },
            { source: "Connector" as const, id: 4006, text: "ScepIssuedSuccess: Successfully issued certificate for a SCEP request." },
            { source: "Connector" as const, id: 4008, text: "ScepNotifySuccess: Successfully notified Intune of the result for a SCEP request." },
          ],
          requestId,
          template: template.name,
          certificatePem: issued.certificatePem,
        };
      });
    } catch (err) {
      // Another enrollment took the same request id first (unique (caId, requestId)): take the next one.
      if (attempt < 20 && err instanceof Error && /modified by another request/.test(err.message)) {
        await new Promise((r) => setTimeout(r, Math.random() * 4 * (attempt + 1)));
        continue;
      }
      throw err;
    }
  }
}
