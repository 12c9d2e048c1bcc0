// The Graph-compatible surface, mounted at /graph/v1.0 and /graph/beta (graph-surface.md).
// Every route is authenticated; unknown segments answer like Graph does.
import { Router } from "express";
import type { Db } from "../db/client.ts";
import { authenticate } from "../auth/middleware.ts";
import { AppError } from "../http/errors.ts";
import { usersRoutes } from "./directory/users.ts";
import { groupsRoutes } from "./directory/groups.ts";
import { rolesRoutes } from "./directory/roles.ts";
import { organizationRoutes } from "./directory/organization.ts";

export function graphRouter(db: Db): Router {
  const r = Router({ caseSensitive: false });
  r.use(authenticate(db));
  usersRoutes(r);
  groupsRoutes(r);
  rolesRoutes(r);
  organizationRoutes(r);
  r.use((req) => {
    const segment = req.path.split("/").filter(Boolean)[0] ?? "";
    throw new AppError("badRequest", `Resource not found for the segment '${segment}'.`, { code: "BadRequest" });
  });
  return r;
}
