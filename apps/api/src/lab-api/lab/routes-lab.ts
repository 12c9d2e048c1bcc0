// The lab as a whole: reset to a fresh or the correct lab, read it (by kind, and as the rules see it), the lab
// network and reverse proxies, and the lab browser — decided by the rules (lab/lab-browser.ts), through Entra
// application proxy when the host is an app proxy External URL (entra/external-access.ts).
import type { Router } from "express";
import { browse } from "@certlab/domain/lab/lab-browser";
import { browseExternal } from "@certlab/domain/entra/external-access";
import { urlHost } from "@certlab/domain/entra/on-premises-publishing";
import type { ReverseProxy } from "@certlab/domain/lab/snapshot";
import type { Db } from "../../db/client.ts";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal } from "../../http/context.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { parseBody, parseWith } from "../../http/validate.ts";
import { tenantSnapshot } from "../../store/snapshot.ts";
import { resetToCompleteSetup } from "../../store/lab/complete-reset.ts";
import { ifMatchOf, labOut, labStore, requireLab, sendVersioned, withVersion } from "./common.ts";
import { ZBrowseQuery, ZLabNetworkUpdate, ZLabReset, ZReverseProxyCreate, ZReverseProxyUpdate } from "@certlab/domain/lab/schemas";

export const COMPLETE_SETUP_ACTIONS = [
  "intune.configuration.write",
  "entra.appProxy.write",
  "directory.groups.write",
  "directory.users.write",
  "directory.roles.write",
] as const;

export function labCoreRoutes(r: Router, db: Db): void {
  r.post("/reset", async (req, res) => {
    requirePermission(req, "lab.write");
    const { scenario } = parseBody(ZLabReset, req.body);
    if (scenario === "complete") {
      // The complete setup writes Intune, Entra application proxy and the directory (groups, roles, licences) too:
      // the caller needs every one of those rights (in practice, a Global Administrator).
      for (const action of COMPLETE_SETUP_ACTIONS) requirePermission(req, action);
      const principal = requirePrincipal(req);
      res.json(labOut(await resetToCompleteSetup(db, principal, req.ctx.requestId)));
      return;
    }
    const d = await labStore(req).reset(scenario);
    res.json(labOut(d));
  });

  r.get("/", async (req, res) => {
    res.json(labOut(await labStore(req).draft()));
  });

  r.get("/snapshot", async (req, res) => {
    const lab = await labStore(req).snapshot();
    if (!lab) throw new AppError("notFound", "This directory has no lab yet. POST /api/lab/reset creates one.");
    res.json(lab);
  });

  r.patch("/network", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZLabNetworkUpdate, req.body);
    const out = await labStore(req).change("Update lab network", "Update", (d) => {
      requireLab(d);
      const f = d.forest();
      f.network = { ...f.network, ...body };
      return { result: f.network, target: { kind: "forest", id: d.idOf("forest", f)! } };
    });
    res.json(out);
  });

  r.get("/reverse-proxies", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({ value: d.list("reverseProxy").map((p) => withVersion(d, p.id, p)) });
  });

  r.post("/reverse-proxies", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZReverseProxyCreate, req.body);
    const out = await labStore(req).change("Add reverse proxy", "Add", (d) => {
      requireLab(d);
      const { certificateThumbprint, ...rest } = body;
      let certificate;
      if (body.serverId) {
        const s = d.find("server", body.serverId);
        if (!s) throw badRequest(`The server '${body.serverId}' does not exist.`, [{ code: "InvalidValue", target: "serverId", message: "No such server." }]);
        if (certificateThumbprint) {
          certificate = s.certificates.my.find((c) => c.thumbprint === certificateThumbprint.toUpperCase());
          if (!certificate) throw badRequest("The certificate is not in the server's Personal store.", [{ code: "InvalidValue", target: "certificateThumbprint", message: "Not in LocalMachine\\My." }]);
        }
      }
      const p: ReverseProxy = { id: "", ...rest, ...(certificate ? { certificate } : {}) };
      d.add("reverseProxy", p);
      return { result: { p, d }, target: { kind: "reverseProxy", id: p.id } };
    });
    sendVersioned(res, withVersion(out.d, out.p.id, out.p), 201);
  });

  r.patch("/reverse-proxies/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZReverseProxyUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Update reverse proxy", "Update", (d) => {
      const p = d.get("reverseProxy", id);
      const { maxUriBytes, ...rest } = body;
      Object.assign(p, rest);
      if (maxUriBytes === null) delete p.maxUriBytes;
      else if (maxUriBytes !== undefined) p.maxUriBytes = maxUriBytes;
      return { result: { p, d }, target: { kind: "reverseProxy", id } };
    }, { kind: "reverseProxy", id, value: ifMatchOf(req) });
    sendVersioned(res, withVersion(out.d, id, out.p));
  });

  r.delete("/reverse-proxies/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Remove reverse proxy", "Delete", (d) => {
      d.remove("reverseProxy", id);
      return { result: undefined, target: { kind: "reverseProxy", id } };
    }, { kind: "reverseProxy", id, value: ifMatchOf(req) });
    res.status(204).end();
  });

  // The lab browser: GET /api/lab/browse?url=https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll&from=<serverId>
  r.get("/browse", async (req, res) => {
    const q = parseWith(ZBrowseQuery, req.query, "query");
    const snapshot = await tenantSnapshot(db, requirePrincipal(req).tenantId);
    const lab = snapshot.lab;
    if (!lab) {
      res.json({ status: 0, title: "This site can't be reached", body: "This directory has no lab yet.", reasonCodes: [] });
      return;
    }
    if (q.from && !lab.servers.some((s) => s.id === q.from))
      throw badRequest(`The server '${q.from}' does not exist in this lab.`, [{ code: "InvalidValue", target: "from", message: "No such lab server." }]);
    const host = urlHost(q.url);
    const entra = (snapshot as { entra?: { applications?: { onPremisesPublishing: { externalUrl: string } | null }[] } }).entra;
    const external =
      !!host &&
      (host.endsWith(".msappproxy.net") || !!entra?.applications?.some((a) => a.onPremisesPublishing && urlHost(a.onPremisesPublishing.externalUrl) === host));
    const result = external
      ? browseExternal(snapshot, q.url, (internalUrl, fromServerId) => browse(lab, internalUrl, { fromServerId: fromServerId ?? undefined }))
      : browse(lab, q.url, { fromServerId: q.from });
    res.json({ status: result.status, title: result.title, body: result.body, reasonCodes: result.reasonCodes });
  });
}
