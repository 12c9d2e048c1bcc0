// The lab's SCEP contract for QA scripts and real clients (issue 10, OpenAPI names fixed by the issue):
// GET /api/lab/scep/endpoints — per NDES instance its internal URL, its external URL (application proxy or reverse
// proxy) and the URLs on this machine a real SCEP client uses for them; POST /api/lab/scep/challenges — what the
// simulated Intune would hand a device for a SCEP profile (the future POST /api/intune/devices/{id}/scep-challenge
// calls the same mintForProfile).
import type { Router } from "express";
import { ZScepChallengeCreate } from "@certlab/domain/lab/scep-schemas";
import { urlHost } from "@certlab/domain/entra/on-premises-publishing";
import type { Db } from "../../db/client.ts";
import { requirePermission } from "../../auth/middleware.ts";
import { originOf, requirePrincipal, requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { tenantSnapshot } from "../../store/snapshot.ts";
import { localScepUrl, mintForProfile } from "../../scep/challenges.ts";
import { MSCEP_PATH } from "../../scep/ndes-service.ts";

type PublishedApp = { onPremisesPublishing: { externalUrl: string; internalUrl: string } | null };

export function scepRoutes(r: Router, db: Db): void {
  r.get("/scep/endpoints", async (req, res) => {
    const tenantId = requirePrincipal(req).tenantId;
    const snapshot = await tenantSnapshot(db, tenantId);
    const lab = snapshot.lab;
    const origin = originOf(req);
    const apps = ((snapshot as { entra?: { applications?: PublishedApp[] } }).entra?.applications ?? []).filter((a) => a.onPremisesPublishing);
    const value = (lab?.ndes ?? []).filter((n) => n.configured).map((n) => {
      const server = lab!.servers.find((s) => s.id === n.serverId);
      const names = [server?.fqdn, server?.name, ...n.aliasHostNames].filter(Boolean).map((h) => h!.toLowerCase());
      const internalUrl = `https://${server?.fqdn ?? n.serverId}${MSCEP_PATH}`;
      // The external URL: an application proxy app whose Internal URL is this server, else a reverse proxy.
      const app = apps.find((a) => names.includes((urlHost(a.onPremisesPublishing!.internalUrl) ?? "").toLowerCase()));
      let externalUrl: string | null = null;
      if (app) {
        const ext = app.onPremisesPublishing!.externalUrl.trim();
        const internalPath = new URL(app.onPremisesPublishing!.internalUrl.trim()).pathname.replace(/\/$/, "");
        const rest = MSCEP_PATH.toLowerCase().startsWith(internalPath.toLowerCase()) ? MSCEP_PATH.slice(internalPath.length) : MSCEP_PATH;
        externalUrl = `${ext.replace(/\/$/, "")}${rest}`;
      } else {
        const proxy = lab!.reverseProxies[0];
        if (proxy) externalUrl = `https://${proxy.externalHostName}${MSCEP_PATH}`;
      }
      return {
        ndesInstanceId: n.id,
        internalUrl,
        externalUrl,
        localInternalUrl: localScepUrl(origin, tenantId, internalUrl)!,
        localExternalUrl: externalUrl ? localScepUrl(origin, tenantId, externalUrl) : null,
      };
    });
    res.json({ value });
  });

  r.post("/scep/challenges", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZScepChallengeCreate, req.body);
    const store = requireStore(req);
    const profile = await store.intune.getProfile(body.profileId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404)
        throw badRequest(`The profile '${body.profileId}' does not exist.`, [{ code: "InvalidValue", target: "profileId", message: "No such device configuration." }]);
      throw err;
    });
    const lab = await store.lab.snapshot();
    const minted = await mintForProfile(db, store.tenantId, { profile, deviceName: body.deviceName, ...(body.userId ? { userId: body.userId } : {}), origin: originOf(req), ...(lab ? { lab } : {}) });
    res.status(201).json(minted);
  });
}
