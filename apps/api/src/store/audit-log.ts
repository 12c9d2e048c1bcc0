// Reading the tenant's audit log (Graph /auditLogs/directoryAudits).
import type { AuditLog } from "../generated/sqlite/client.ts";
import { notFound } from "../http/errors.ts";
import { StoreBase } from "./base.ts";

export type AuditRow = AuditLog;

export class AuditStore extends StoreBase {
  list(): Promise<AuditRow[]> {
    return this.db.auditLog.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ activityDateTime: "desc" }, { id: "desc" }] });
  }

  async get(id: string): Promise<AuditRow> {
    const row = await this.db.auditLog.findFirst({ where: { id, tenantId: this.tenantId } });
    if (!row) throw notFound(id);
    return row;
  }
}
