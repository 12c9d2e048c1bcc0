// Shared base of the tenant-scoped stores: the principal's tenant, and writes that run in one
// transaction together with their audit record.
import type { Db, Tx } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { recordAudit, type AuditEntry } from "./audit.ts";

export class StoreBase {
  constructor(
    readonly db: Db,
    readonly principal: Principal,
    readonly requestId: string,
  ) {}

  get tenantId(): string {
    return this.principal.tenantId;
  }

  /** Runs `fn` in a transaction and records the audit entry it returns beside its result. */
  protected async write<T>(fn: (tx: Tx) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
    return this.db.$transaction(async (tx) => {
      const { result, audit } = await fn(tx);
      await recordAudit(tx, { tenantId: this.tenantId, principal: this.principal, requestId: this.requestId }, audit);
      return result;
    });
  }
}
