// /groups and membership ($ref), plus /directoryObjects/{id} which $ref bodies point at.
import type { Router } from "express";
import { ZRef } from "@certlab/domain/schemas/common";
import { ZGroupCreate, ZGroupUpdate } from "@certlab/domain/schemas/directory";
import { requirePermission } from "../../auth/middleware.ts";
import { requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { idFromODataUrl } from "../../store/ids.ts";
import { graphRoot, ifMatch, parseQuery, sendCollection, sendEntity, sendSourcedCollection } from "../respond.ts";
import { applyODataQuery } from "../odata/apply.ts";
import { toGraphGroup, toGraphMember } from "./serialize.ts";
import { DIRECTORY_OBJECT_TYPE, GROUP_TYPE } from "./types.ts";

export function groupsRoutes(r: Router): void {
  r.get("/groups", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    await sendSourcedCollection(req, res, {
      all: async () => (await store.groups.list()).map((g) => toGraphGroup(g)),
      page: async (skip, take) => (await store.groups.list({ skip, take })).map((g) => toGraphGroup(g)),
    }, GROUP_TYPE, "groups");
  });

  r.get("/groups/$count", async (req, res) => {
    requirePermission(req, "directory.read");
    const groups = (await requireStore(req).groups.list()).map((g) => toGraphGroup(g));
    const query = parseQuery(req, GROUP_TYPE);
    const { count } = applyODataQuery(groups, { ...query, count: true, top: undefined, skip: undefined }, GROUP_TYPE, { baseUrl: "", pageSize: Number.MAX_SAFE_INTEGER });
    res.type("text/plain").send(String(count ?? groups.length));
  });

  r.post("/groups", async (req, res) => {
    requirePermission(req, "directory.groups.write");
    const group = await requireStore(req).groups.create(parseBody(ZGroupCreate, req.body));
    res.setHeader("Location", `${graphRoot(req)}/groups/${group.id}`);
    sendEntity(req, res, toGraphGroup(group), GROUP_TYPE, "groups", { status: 201, version: group.version });
  });

  r.get("/groups/:id", async (req, res) => {
    requirePermission(req, "directory.read");
    const group = await requireStore(req).groups.get(req.params.id!);
    sendEntity(req, res, toGraphGroup(group), GROUP_TYPE, "groups", { version: group.version });
  });

  r.patch("/groups/:id", async (req, res) => {
    requirePermission(req, "directory.groups.write");
    await requireStore(req).groups.update(req.params.id!, parseBody(ZGroupUpdate, req.body), ifMatch(req));
    res.status(204).end();
  });

  r.delete("/groups/:id", async (req, res) => {
    requirePermission(req, "directory.groups.write");
    await requireStore(req).groups.delete(req.params.id!, ifMatch(req));
    res.status(204).end();
  });

  r.get("/groups/:id/members", async (req, res) => {
    requirePermission(req, "directory.read");
    const members = await requireStore(req).groups.members(req.params.id!);
    sendCollection(req, res, members.map(toGraphMember), DIRECTORY_OBJECT_TYPE, "directoryObjects");
  });

  r.post("/groups/:id/members/\\$ref", async (req, res) => {
    requirePermission(req, "directory.groups.write");
    const ref = parseBody(ZRef, req.body);
    await requireStore(req).groups.addMember(req.params.id!, idFromODataUrl(ref["@odata.id"]));
    res.status(204).end();
  });

  r.delete("/groups/:id/members/:memberId/\\$ref", async (req, res) => {
    requirePermission(req, "directory.groups.write");
    await requireStore(req).groups.removeMember(req.params.id!, req.params.memberId!);
    res.status(204).end();
  });

  r.get("/groups/:id/memberOf", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const group = await store.groups.get(req.params.id!);
    const parents = await store.groups.memberOf(group.id);
    sendCollection(req, res, parents.map((g) => toGraphGroup(g)), DIRECTORY_OBJECT_TYPE, "directoryObjects");
  });

  r.get("/directoryObjects/:id", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const object = await store.db.$transaction((tx) => store.groups.directoryObject(tx, req.params.id!));
    sendEntity(req, res, toGraphMember(object), DIRECTORY_OBJECT_TYPE, "directoryObjects");
  });
}
