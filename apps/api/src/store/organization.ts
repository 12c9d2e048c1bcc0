// The signed-in tenant as Graph's organization, its domains and its subscriptions.
import type { TOrganizationUpdate } from "@certlab/domain/schemas/directory";
import type { Domain, SubscribedSku, Tenant } from "../generated/sqlite/client.ts";
import { notFound } from "../http/errors.ts";
import { diff } from "./audit.ts";
import { StoreBase } from "./base.ts";
import { checkIfMatch, concurrentChange } from "./etag.ts";

export type OrganizationRow = Tenant & { domains: Domain[] };
export interface TenantSettings {
  technicalNotificationMails?: string[];
  marketingNotificationEmails?: string[];
  privacyProfile?: { contactEmail?: string | null; statementUrl?: string | null } | null;
}

export const settingsOf = (t: Tenant): TenantSettings => JSON.parse(t.settings) as TenantSettings;

export class OrganizationStore extends StoreBase {
  async get(id = this.tenantId): Promise<OrganizationRow> {
    if (id.toLowerCase() !== this.tenantId) throw notFound(id);
    const org = await this.db.tenant.findUnique({ where: { id: this.tenantId }, include: { domains: { orderBy: { name: "asc" } } } });
    if (!org) throw notFound(id);
    return org;
  }

  subscribedSkus(): Promise<SubscribedSku[]> {
    return this.db.subscribedSku.findMany({ where: { tenantId: this.tenantId }, orderBy: { skuPartNumber: "asc" } });
  }

  domains(): Promise<Domain[]> {
    return this.db.domain.findMany({ where: { tenantId: this.tenantId }, orderBy: { name: "asc" } });
  }

  async update(id: string, patch: TOrganizationUpdate, ifMatch?: string): Promise<OrganizationRow> {
    const current = await this.get(id);
    checkIfMatch(ifMatch, current.version);
    const before = { displayName: current.displayName, ...settingsOf(current) };
    const { displayName, ...settingsPatch } = patch;
    const settings: TenantSettings = { ...settingsOf(current), ...settingsPatch };
    if (settingsPatch.privacyProfile) settings.privacyProfile = { ...settingsOf(current).privacyProfile, ...settingsPatch.privacyProfile };
    return this.write(async (tx) => {
      const res = await tx.tenant.updateMany({
        where: { id: current.id, version: current.version },
        data: { ...(displayName ? { displayName } : {}), settings: JSON.stringify(settings), version: { increment: 1 } },
      });
      if (res.count !== 1) throw concurrentChange();
      const updated = await tx.tenant.findUniqueOrThrow({ where: { id: current.id }, include: { domains: { orderBy: { name: "asc" } } } });
      const after = { displayName: updated.displayName, ...settings };
      return {
        result: updated,
        audit: {
          activityDisplayName: "Update company settings",
          category: "DirectoryManagement",
          operationType: "Update",
          loggedByService: "Core Directory",
          targets: [{ type: "Directory", id: updated.id, displayName: updated.displayName, modifiedProperties: diff(before, after, ["displayName", "technicalNotificationMails", "marketingNotificationEmails", "privacyProfile"]) }],
        },
      };
    });
  }
}
