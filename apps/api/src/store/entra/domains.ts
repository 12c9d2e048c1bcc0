// Custom domains of the directory (POST /domains, verificationDnsRecords, verify) and the lab's public DNS, where
// the admin "adds the record at the registrar": TXT records verify a domain, CNAME records point a custom-domain
// External URL at its msappproxy.net name (seed 004). Public DNS records are a lab fact kept in the tenant's settings
// JSON under "publicDnsRecords" (not LabObject rows, so the on-premises lab's own loader never sees them).
import { randomInt, randomUUID } from "node:crypto";
import type { Domain } from "../../generated/sqlite/client.ts";
import type { Db, Tx } from "../../db/client.ts";
import { findRows } from "../../db/fast-find.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { StoreBase } from "../base.ts";
import { concurrentChange } from "../etag.ts";
import { urlHost } from "@certlab/domain/entra/on-premises-publishing";
import { applicationData, jsonObject } from "./data.ts";

export type PublicDnsRecord = { id: string; name: string; type: "TXT" | "CNAME"; value: string; createdDateTime: string };

const DOMAIN_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const normName = (n: string) => n.trim().toLowerCase().replace(/\.$/, "");

/** Graph's wording when the TXT record is not found (UNCONFIRMED, close to the portal's "Could not find the DNS record"). */
export function verificationFailedMessage(domain: string, code: string): string {
  return `Domain verification failed with the following error: Unable to verify domain '${domain}'. Could not find the DNS record for this domain: add the TXT record '${code}' at your domain name registrar (Lab › Public DNS) and try again; DNS changes can take up to 72 hours to propagate.`;
}

function recordsOf(settings: string): PublicDnsRecord[] {
  const list = jsonObject(settings).publicDnsRecords;
  return Array.isArray(list) ? (list as PublicDnsRecord[]) : [];
}

export async function publicDnsRecords(db: Db | Tx, tenantId: string): Promise<PublicDnsRecord[]> {
  const [tenant] = await findRows(db, "tenant", { where: { id: tenantId }, select: { settings: true } });
  return tenant ? recordsOf(tenant.settings) : [];
}

export class DomainsStore extends StoreBase {
  async list(): Promise<Domain[]> {
    return this.db.domain.findMany({ where: { tenantId: this.tenantId }, orderBy: { name: "asc" } });
  }

  async get(name: string): Promise<Domain> {
    const domain = await this.db.domain.findFirst({ where: { tenantId: this.tenantId, name: normName(name) } });
    if (!domain) throw notFound(name);
    return domain;
  }

  async add(name: string): Promise<Domain> {
    const n = normName(name);
    if (!DOMAIN_NAME.test(n)) {
      throw new AppError("badRequest", `'${name}' is not a valid domain name.`, { details: [{ code: "InvalidField", target: "id", message: "Expected a domain name such as contoso.com." }] });
    }
    if (n.endsWith(".onmicrosoft.com") || n.endsWith(".msappproxy.net") || n === "msappproxy.net") {
      throw new AppError("badRequest", `The domain '${n}' belongs to Microsoft and can't be added as a custom domain.`, { details: [{ code: "InvalidField", target: "id", message: "Microsoft domains can't be added." }] });
    }
    return this.write(async (tx) => {
      const existing = await tx.domain.findUnique({ where: { name: n } });
      if (existing) {
        throw new AppError("conflict", existing.tenantId === this.tenantId
          ? `Another object with the same value for property id already exists: the domain '${n}' is already in this directory.`
          : `The domain '${n}' is already in use by another directory.`);
      }
      const domain = await tx.domain.create({
        data: { id: randomUUID(), tenantId: this.tenantId, name: n, isVerified: false, verificationCode: `MS=ms${randomInt(10_000_000, 99_999_999)}` },
      });
      return {
        result: domain,
        audit: {
          activityDisplayName: "Add unverified domain",
          category: "DirectoryManagement",
          operationType: "Add",
          loggedByService: "Core Directory",
          targets: [{ type: "Other", id: domain.id, displayName: domain.name }],
        },
      };
    });
  }

  /** Verifies the domain when public DNS has its TXT record at the domain's name; otherwise 400. */
  async verify(name: string): Promise<Domain> {
    const domain = await this.get(name);
    if (domain.isVerified) return domain;
    const records = await publicDnsRecords(this.db, this.tenantId);
    const found = records.some((r) => r.type === "TXT" && normName(r.name) === domain.name && r.value.trim() === domain.verificationCode);
    if (!found) throw new AppError("badRequest", verificationFailedMessage(domain.name, domain.verificationCode));
    return this.write(async (tx) => {
      const updated = await tx.domain.update({ where: { id: domain.id }, data: { isVerified: true } });
      return {
        result: updated,
        audit: {
          activityDisplayName: "Verify domain",
          category: "DirectoryManagement",
          operationType: "Update",
          loggedByService: "Core Directory",
          targets: [{ type: "Other", id: updated.id, displayName: updated.name, modifiedProperties: [{ displayName: "IsVerified", oldValue: false, newValue: true }] }],
        },
      };
    });
  }

  async remove(name: string): Promise<void> {
    const domain = await this.get(name);
    if (domain.isInitial) throw new AppError("badRequest", `The initial domain '${domain.name}' can't be deleted.`);
    if (domain.isDefault) throw new AppError("badRequest", `The domain '${domain.name}' is the directory's default domain; make another domain the default before deleting it.`);
    const apps = await this.db.application.findMany({ where: { tenantId: this.tenantId } });
    const using = apps.filter((a) => {
      const host = urlHost(applicationData(a).onPremisesPublishing?.externalUrl.trim() ?? "");
      return host !== undefined && (host === domain.name || host.endsWith(`.${domain.name}`));
    });
    if (using.length > 0) {
      throw new AppError("badRequest", `The domain '${domain.name}' can't be deleted while application proxy applications use it: ${using.map((a) => `'${a.displayName}'`).join(", ")}. Change their External URL first.`);
    }
    await this.write(async (tx) => {
      await tx.domain.delete({ where: { id: domain.id } });
      return {
        result: undefined,
        audit: { activityDisplayName: "Remove domain", category: "DirectoryManagement", operationType: "Delete", loggedByService: "Core Directory", targets: [{ type: "Other", id: domain.id, displayName: domain.name }] },
      };
    });
  }

  // ── public DNS (a lab fact) ─────────────────────────────────────────────────────────────────────────────────

  publicDns(): Promise<PublicDnsRecord[]> {
    return publicDnsRecords(this.db, this.tenantId);
  }

  /** Rewrites the tenant's record list, guarded by the tenant's version (a concurrent settings change → retry). */
  private async changeRecords(tx: Tx, change: (records: PublicDnsRecord[]) => PublicDnsRecord[]): Promise<void> {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: this.tenantId } });
    const settings = jsonObject(tenant.settings);
    settings.publicDnsRecords = change(recordsOf(tenant.settings));
    const res = await tx.tenant.updateMany({ where: { id: tenant.id, version: tenant.version }, data: { settings: JSON.stringify(settings), version: { increment: 1 } } });
    if (res.count !== 1) throw concurrentChange();
  }

  /** Adds a TXT record (several per name allowed) or sets the CNAME of a name (one per name). */
  async addPublicDns(input: { name: string; type: "TXT" | "CNAME"; value: string }): Promise<PublicDnsRecord> {
    const name = normName(input.name);
    const value = input.type === "CNAME" ? normName(input.value) : input.value.trim();
    return this.write(async (tx) => {
      let record: PublicDnsRecord = { id: randomUUID(), name, type: input.type, value, createdDateTime: new Date().toISOString() };
      let replaced = false;
      await this.changeRecords(tx, (records) => {
        const same = records.find((r) => r.name === name && r.type === input.type && (input.type === "CNAME" || r.value === value));
        if (same) {
          replaced = true;
          record = { ...same, value };
          return records.map((r) => (r.id === same.id ? record : r));
        }
        return [...records, record];
      });
      return {
        result: record,
        audit: {
          activityDisplayName: "Add public DNS record",
          category: "Lab",
          operationType: replaced ? "Update" : "Add",
          loggedByService: "Certlab lab",
          targets: [{ type: "PublicDnsRecord", id: record.id, displayName: `${name} ${input.type} ${value}` }],
        },
      };
    });
  }

  async removePublicDns(id: string): Promise<void> {
    const record = (await this.publicDns()).find((r) => r.id === id);
    if (!record) throw notFound(id);
    await this.write(async (tx) => {
      await this.changeRecords(tx, (records) => records.filter((r) => r.id !== id));
      return {
        result: undefined,
        audit: { activityDisplayName: "Remove public DNS record", category: "Lab", operationType: "Delete", loggedByService: "Certlab lab", targets: [{ type: "PublicDnsRecord", id, displayName: `${record.name} ${record.type} ${record.value}` }] },
      };
    });
  }
}
