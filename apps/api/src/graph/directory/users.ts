// /users, /me and their navigation properties (graph-surface.md).
import type { Router } from "express";
import { ZAssignLicense, ZUserCreate, ZUserUpdate } from "@certlab/domain/schemas/directory";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal, requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { graphRoot, ifMatch, parseQuery, sendCollection, sendEntity, sendSourcedCollection } from "../respond.ts";
import { toGraphGroup, toGraphUser } from "./serialize.ts";
import { DIRECTORY_OBJECT_TYPE, USER_TYPE } from "./types.ts";
import { applyODataQuery } from "../odata/apply.ts";

export function usersRoutes(r: Router): void {
  r.get("/users", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    await sendSourcedCollection(req, res, {
      all: async () => (await store.users.list()).map(toGraphUser),
      page: async (skip, take) => (await store.users.list({ skip, take })).map(toGraphUser),
    }, USER_TYPE, "users");
  });

  r.get("/users/$count", async (req, res) => {
    requirePermission(req, "directory.read");
    const users = (await requireStore(req).users.list()).map(toGraphUser);
    const query = parseQuery(req, USER_TYPE);
    const { count } = applyODataQuery(users, { ...query, count: true, top: undefined, skip: undefined }, USER_TYPE, { baseUrl: "", pageSize: Number.MAX_SAFE_INTEGER });
    res.type("text/plain").send(String(count ?? users.length));
  });

  r.post("/users", async (req, res) => {
    requirePermission(req, "directory.users.write");
    const user = await requireStore(req).users.create(parseBody(ZUserCreate, req.body));
    res.setHeader("Location", `${graphRoot(req)}/users/${user.id}`);
    sendEntity(req, res, toGraphUser(user), USER_TYPE, "users", { status: 201, version: user.version });
  });

  r.get("/users/:id", async (req, res) => {
    requirePermission(req, "directory.read");
    const user = await requireStore(req).users.get(req.params.id!);
    sendEntity(req, res, toGraphUser(user), USER_TYPE, "users", { version: user.version });
  });

  r.patch("/users/:id", async (req, res) => {
    const principal = requirePrincipal(req);
    const store = requireStore(req);
    const target = await store.users.get(req.params.id!);
    // Anyone may change their own password; everything else needs a user administrator.
    const body = parseBody(ZUserUpdate, req.body);
    const selfPasswordOnly = target.id === principal.userId && Object.keys(body).every((k) => k === "passwordProfile");
    if (!selfPasswordOnly) requirePermission(req, "directory.users.write");
    await store.users.update(target.id, body, ifMatch(req));
    res.status(204).end();
  });

  r.delete("/users/:id", async (req, res) => {
    requirePermission(req, "directory.users.write");
    await requireStore(req).users.delete(req.params.id!, ifMatch(req));
    res.status(204).end();
  });

  r.post("/users/:id/assignLicense", async (req, res) => {
    requirePermission(req, "directory.users.write");
    const user = await requireStore(req).users.assignLicense(req.params.id!, parseBody(ZAssignLicense, req.body));
    sendEntity(req, res, toGraphUser(user), USER_TYPE, "users", { version: user.version });
  });

  r.get("/users/:id/memberOf", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const user = await store.users.get(req.params.id!);
    const groups = await store.groups.memberOf(user.id);
    sendCollection(req, res, groups.map((g) => toGraphGroup(g)), DIRECTORY_OBJECT_TYPE, "directoryObjects");
  });

  r.get("/me", async (req, res) => {
    const user = await requireStore(req).users.get(requirePrincipal(req).userId);
    sendEntity(req, res, toGraphUser(user), USER_TYPE, "users", { version: user.version });
  });

  r.get("/me/memberOf", async (req, res) => {
    const store = requireStore(req);
    const groups = await store.groups.memberOf(requirePrincipal(req).userId);
    sendCollection(req, res, groups.map((g) => toGraphGroup(g)), DIRECTORY_OBJECT_TYPE, "directoryObjects");
  });
}
