// Shared base of the tenant-scoped stores: the principal's tenant, and writes that run in one
// transaction together with their audit record.
import type { Db, Tx } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { recordAudit, type AuditEntry } from "./audit.ts";

/**
 * A store bound to a transaction that is already open (POST /api/lab/reset {"scenario":"complete"} writes through
 * several stores in ONE transaction): its reads and writes run on that transaction, and its own audit records are
 * left to the caller, who records one for the whole change.
 */
/**
 * Prisma's interactive transactions expire after 5 s by default. A lab write that signs certificates (the CA issuing
 * for a server, NDES's RA certificates) can take longer on a loaded 2-core machine; an expired transaction would
 * answer the client a 500 for a valid request. Keys are made before the transaction where the route can.
 */
const WRITE_TRANSACTION = { timeout: 30_000, maxWait: 15_000 } as const;

export type InTransaction = { tx: Tx };

export class StoreBase {
  readonly db: Db;
  private readonly bound: boolean;

  constructor(
    db: Db,
    readonly principal: Principal,
    readonly requestId: string,
    inTransaction?: InTransaction,
  ) {
    // A Tx is a Db without $transaction & co.; write() below never calls them on a bound store.
    this.db = inTransaction ? (inTransaction.tx as Db) : db;
    this.bound = !!inTransaction;
  }

  get tenantId(): string {
    return this.principal.tenantId;
  }

  /** Runs `fn` in a transaction and records the audit entry it returns beside its result. */
  protected async write<T>(fn: (tx: Tx) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
    if (this.bound) return (await fn(this.db)).result;
    return this.db.$transaction(async (tx) => {
      const { result, audit } = await fn(tx);
      await recordAudit(tx, { tenantId: this.tenantId, principal: this.principal, requestId: this.requestId }, audit);
      return result;
    }, WRITE_TRANSACTION);
  }
}
