// /api/lab: the on-premises lab's REST API — Server Manager, Active Directory Users and Computers, Certification
// Authority, Certificate Templates, NDES (AD CS Configuration, Registry Editor, IIS Manager), the connector
// installers and the lab browser. Every read needs a signed-in user; every write needs lab.write.
import { Router } from "express";
import type { Db } from "../../db/client.ts";
import { adRoutes } from "./routes-ad.ts";
import { caRoutes } from "./routes-ca.ts";
import { connectorRoutes } from "./routes-connectors.ts";
import { labCoreRoutes } from "./routes-lab.ts";
import { ndesRoutes } from "./routes-ndes.ts";
import { serverRoutes } from "./routes-servers.ts";
import { scepRoutes } from "./routes-scep.ts";

export function labRouter(db: Db): Router {
  const r = Router();
  labCoreRoutes(r, db);
  adRoutes(r);
  serverRoutes(r);
  ndesRoutes(r);
  caRoutes(r);
  connectorRoutes(r);
  scepRoutes(r, db);
  return r;
}
