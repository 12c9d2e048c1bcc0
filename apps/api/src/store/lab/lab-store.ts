// The tenant's on-premises lab. Reads load the whole lab (tens of objects); every console action is a `change`:
// the lab is loaded inside a transaction, changed in memory, written back with version guards and audited in the
// same transaction (category "Lab", logged by "Certlab lab"), so nothing is ever half-written.
import { randomUUID } from "node:crypto";
import type { LabSnapshot } from "@certlab/domain/lab/snapshot";
import { hasIntuneLicense } from "@certlab/domain/directory/licenses";
import { dummyPasswordHash, verifyPassword } from "../../auth/passwords.ts";
import { rolesOfUser } from "../../auth/principal.ts";
import { lockedForSeconds, recordFailure, recordSuccess } from "../../auth/lockout.ts";
import type { Tx } from "../../db/client.ts";
import { StoreBase } from "../base.ts";
import type { AuditEntry, ModifiedProperty } from "../audit.ts";
import { checkIfMatch } from "../etag.ts";
import { licensesOf } from "../users.ts";
import { buildScenario, type LabScenario, type LabSeed } from "./build.ts";
import { clearSections } from "./complete-reset.ts";
import { LabDraft, type Kind, type KindData, type StoredServer } from "./state.ts";
import { toLabSnapshot } from "./snapshot.ts";

export type ChangeTarget = { kind: Kind | "intune" | "appx"; id: string };
export type ChangeOutcome<T> = { result: T; target: ChangeTarget };

const SECRET_KEYS = new Set(["material", "requests", "privateKeys", "certificatePems"]);

export function displayNameOf(d: LabDraft, t: ChangeTarget, data: unknown): string {
  const o = data as Record<string, unknown> | undefined;
  if (!o) return t.id;
  switch (t.kind) {
    case "server":
      return String(o.fqdn);
    case "adAccount":
      return `${String(o.domain)}\\${String(o.samAccountName)}`;
    case "adGroup":
    case "ca":
      return String(o.name);
    case "template":
      return String(o.displayName);
    case "forest":
      return String((o.forest as { name: string }).name);
    case "ndes":
    case "intune":
    case "appx": {
      const server = d.find("server", String(o.serverId));
      const what = t.kind === "ndes" ? "NDES" : t.kind === "intune" ? "Certificate Connector" : "Private network connector";
      return `${what} on ${server?.fqdn ?? String(o.serverId)}`;
    }
    default:
      return String(o.displayName ?? t.id);
  }
}

function auditDiff(before: Record<string, unknown>, after: Record<string, unknown>): ModifiedProperty[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !SECRET_KEYS.has(k));
  const out: ModifiedProperty[] = [];
  for (const k of keys) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out.push({ displayName: k, oldValue: before[k] ?? null, newValue: after[k] ?? null });
  }
  return out;
}

export type SignInCheck =
  | { ok: false; reason: "credentials" | "otherTenant" | "disabled" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number }
  | { ok: true; userId: string; upn: string; displayName: string; roleIds: string[]; hasIntuneLicense: boolean };

export class LabStore extends StoreBase {
  /**
   * The request's If-Match header (set by the lab routes). A console write that names no object of its own in
   * `ifMatch` checks it against the version of the object it changes (its audit target: the NDES instance for a
   * registry or IIS edit, the template for a tab, ...), as it was read in the same transaction; a new object has
   * nothing to match. Absent or "*": no precondition.
   */
  requestIfMatch: string | undefined;

  /** The whole lab, read-only use. */
  draft(): Promise<LabDraft> {
    return LabDraft.load(this.db, this.tenantId);
  }

  async snapshot(): Promise<LabSnapshot | undefined> {
    return toLabSnapshot(await this.draft());
  }

  /**
   * One console action. `ifMatch` names the object whose version the caller read (404 first, then 412).
   * `fn` changes the draft and says which object it acted on, for the audit record. `tx` is the transaction the
   * draft was read in and will be committed in (for the CA request log: `d.nextCaRequestId(tx, caId)`).
   */
  async change<T>(
    activity: string,
    operationType: AuditEntry["operationType"],
    fn: (d: LabDraft, tx: Tx) => Promise<ChangeOutcome<T>> | ChangeOutcome<T>,
    ifMatch?: { kind: Kind; id: string; value: string | undefined },
  ): Promise<T> {
    return this.write(async (tx) => {
      const d = await LabDraft.load(tx, this.tenantId);
      if (ifMatch) {
        d.get(ifMatch.kind, ifMatch.id);
        checkIfMatch(ifMatch.value, d.versionOf(ifMatch.id));
      }
      const { result, target } = await fn(d, tx);
      if (!ifMatch && this.requestIfMatch) {
        const loaded = target.kind === "intune" ? d.intune.get(target.id) : target.kind === "appx" ? d.appx.get(target.id) : d.objects.get(target.id);
        // versionOf is the version loaded above: versions move only when the draft commits.
        if (loaded?.original) checkIfMatch(this.requestIfMatch, d.versionOf(target.id));
      }
      const entry = target.kind === "intune" ? d.intune.get(target.id) : target.kind === "appx" ? d.appx.get(target.id) : d.objects.get(target.id);
      const before = entry?.original ? (JSON.parse(entry.original) as Record<string, unknown>) : {};
      const after = entry && !entry.deleted ? (entry.data as Record<string, unknown>) : {};
      const displayName = displayNameOf(d, target, entry?.deleted ? before : after);
      const modifiedProperties = auditDiff(before, after);
      await d.commit(tx);
      return {
        result,
        audit: {
          activityDisplayName: activity,
          category: "Lab",
          operationType,
          loggedByService: "Certlab lab",
          targets: [{ type: target.kind, id: target.id, displayName, modifiedProperties }],
        },
      };
    });
  }

  /**
   * POST /api/lab/reset: the tenant's lab objects and connectors replaced by a fresh or a correct lab. With
   * `clearSetup` (a guide restarted from a fresh lab) the tenant's certificate profiles, applications and
   * non-default connector groups go too, in the same transaction.
   */
  async reset(scenario: LabScenario, opts: { clearSetup?: boolean } = {}): Promise<LabDraft> {
    // Keys and certificates are made before the transaction: it only writes.
    const seed = await buildScenario(scenario);
    return this.write(async (tx) => {
      if (opts.clearSetup) await clearSections(tx, this.tenantId);
      const d = await replaceLab(tx, this.tenantId, seed);
      return {
        result: d,
        audit: {
          activityDisplayName: opts.clearSetup
            ? "Reset lab and tenant setup to a fresh lab"
            : scenario === "fresh"
              ? "Reset lab to a fresh lab"
              : "Reset lab to the correct configuration",
          category: "Lab",
          operationType: "Update",
          loggedByService: "Certlab lab",
          targets: [{ type: "lab", id: this.tenantId, displayName: seed.lab.forest.name, modifiedProperties: [{ displayName: "scenario", oldValue: null, newValue: scenario }] }],
        },
      };
    });
  }

  /**
   * The sign-in page of an on-server wizard: the password is checked against the account, and the account must be
   * a member of THIS directory. Same work whether or not the account exists.
   */
  async checkSignIn(upn: string, password: string): Promise<SignInCheck> {
    // The same smart lockout as the portal and the token endpoint (auth/lockout.ts): it is one Entra sign-in.
    const locked = await lockedForSeconds(this.db, upn);
    if (locked > 0) return { ok: false, reason: "locked", retryAfterSeconds: locked };
    const account = await this.db.account.findUnique({ where: { signInName: upn.trim().toLowerCase() } });
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
    if (!account || !ok) {
      await recordFailure(this.db, upn);
      return { ok: false, reason: "credentials" };
    }
    await recordSuccess(this.db, upn);
    const user = await this.db.user.findFirst({ where: { tenantId: this.tenantId, accountId: account.id } });
    if (!user) return { ok: false, reason: "otherTenant" };
    if (!user.accountEnabled) return { ok: false, reason: "disabled" };
    return {
      ok: true,
      userId: user.id,
      upn: user.userPrincipalName,
      displayName: user.displayName,
      roleIds: (await rolesOfUser(this.db, this.tenantId, user.id)).map((r) => r.toLowerCase()),
      hasIntuneLicense: hasIntuneLicense(licensesOf(user)),
    };
  }
}

/**
 * Inside `tx`: the tenant's lab objects and connectors replaced by `seed` (made real by build.ts makeReal). The
 * private network connectors join `appProxyConnectorGroupId` (default: the tenant's Default connector group).
 */
export async function replaceLab(tx: Tx, tenantId: string, seed: LabSeed, opts: { appProxyConnectorGroupId?: string } = {}): Promise<LabDraft> {
  await tx.labObject.deleteMany({ where: { tenantId } });
  await tx.certificateConnector.deleteMany({ where: { tenantId } });
  await tx.appProxyConnector.deleteMany({ where: { tenantId } });
  const d = await LabDraft.load(tx, tenantId);
  const lab = seed.lab;
  // Object ids are GUIDs in the database (LabObject ids are global): map the builders' ids everywhere.
  const ids = new Map<string, string>();
  for (const list of [lab.accounts, lab.groups, lab.servers, lab.cas, lab.templates, lab.ndes, lab.intuneCertificateConnectors, lab.appProxyConnectors, lab.reverseProxies])
    for (const o of list) ids.set(o.id, randomUUID());
  const remap = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === "string" && ids.has(v) ? ids.get(v) : v)) as T;
  const add = <K extends Kind>(kind: K, data: KindData[K]) => d.add(kind, remap(data));
  add("forest", { forest: lab.forest, network: lab.network });
  for (const a of lab.accounts) add("adAccount", a);
  for (const g of lab.groups) add("adGroup", g);
  for (const s of lab.servers) add("server", { ...s, privateKeys: seed.privateKeys.get(s.id) ?? {}, certificatePems: seed.certificatePems.get(s.id) ?? {} } as StoredServer);
  for (const c of lab.cas) {
    const added = add("ca", { ...c, material: seed.materials.get(c.id)! });
    for (const r of seed.requests.get(c.id) ?? []) d.addCaRequest(added.id, r);
  }
  for (const t of lab.templates) add("template", t);
  for (const n of lab.ndes) add("ndes", n);
  for (const r of lab.reverseProxies) add("reverseProxy", r);
  for (const c of lab.intuneCertificateConnectors) {
    const server = lab.servers.find((s) => s.id === c.serverId);
    const m = remap(c);
    d.addIntuneConnector({ ...m, connectorName: server?.name ?? m.serverId, machineName: server?.fqdn ?? m.serverId });
  }
  for (const c of lab.appProxyConnectors) {
    const server = lab.servers.find((s) => s.id === c.serverId);
    const m = remap(c);
    const connectorGroupId = opts.appProxyConnectorGroupId ?? d.defaultConnectorGroup().id;
    d.addAppProxyConnector({ ...m, connectorGroupId, machineName: server?.fqdn ?? m.serverId, externalIp: LAB_EXTERNAL_IP, createdDateTime: new Date().toISOString() });
  }
  await d.commit(tx);
  return d;
}

/** The lab network's public address (what Entra lists as the connector's externalIp). RFC 5737 documentation range. */
export const LAB_EXTERNAL_IP = "203.0.113.10";
