// The Entra application proxy part of the tenant-scoped store: applications and service principals, connector
// groups and connectors, custom domains and the lab's public DNS.
import type { Db } from "../../db/client.ts";
import type { Principal } from "../../http/context.ts";
import type { InTransaction } from "../base.ts";
import { ApplicationsStore } from "./applications.ts";
import { ConnectorsStore } from "./connectors.ts";
import { DomainsStore } from "./domains.ts";
import { ServicePrincipalsStore } from "./service-principals.ts";

export class EntraStore {
  readonly applications: ApplicationsStore;
  readonly servicePrincipals: ServicePrincipalsStore;
  readonly connectors: ConnectorsStore;
  readonly domains: DomainsStore;

  constructor(db: Db, principal: Principal, requestId: string, inTransaction?: InTransaction) {
    this.applications = new ApplicationsStore(db, principal, requestId, inTransaction);
    this.servicePrincipals = new ServicePrincipalsStore(db, principal, requestId, inTransaction);
    this.connectors = new ConnectorsStore(db, principal, requestId, inTransaction);
    this.domains = new DomainsStore(db, principal, requestId, inTransaction);
  }
}
