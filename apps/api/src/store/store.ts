// The tenant-scoped store: the only way handlers reach the database. Built per request from the
// signed-in principal, so every query is limited to the principal's tenant and no handler can forget it.
// Writes run in one transaction together with their audit record.
import type { Db } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { UsersStore } from "./users.ts";
import { GroupsStore } from "./groups.ts";
import { RolesStore } from "./roles.ts";
import { OrganizationStore } from "./organization.ts";
import { AuditStore } from "./audit-log.ts";
import { EntraStore } from "./entra/index.ts";
import { LabStore } from "./lab/lab-store.ts";
import { IntuneStore } from "./intune/store.ts";

export class Store {
  readonly users: UsersStore;
  readonly groups: GroupsStore;
  readonly roles: RolesStore;
  readonly organization: OrganizationStore;
  readonly audit: AuditStore;
  readonly entra: EntraStore;
  readonly lab: LabStore;
  readonly intune: IntuneStore;

  constructor(
    readonly db: Db,
    readonly principal: Principal,
    readonly requestId: string,
  ) {
    this.users = new UsersStore(db, principal, requestId);
    this.groups = new GroupsStore(db, principal, requestId);
    this.roles = new RolesStore(db, principal, requestId);
    this.organization = new OrganizationStore(db, principal, requestId);
    this.audit = new AuditStore(db, principal, requestId);
    this.entra = new EntraStore(db, principal, requestId);
    this.lab = new LabStore(db, principal, requestId);
    this.intune = new IntuneStore(db, principal, requestId);
  }

  get tenantId(): string {
    return this.principal.tenantId;
  }
}
