// /api/intune/devices (issue 10, the contract QA scripts and the portal rely on):
//   POST   /api/intune/devices                       create a simulated managed device → 201, Graph managedDevice shape
//   GET    /api/intune/devices                       the tenant's devices
//   GET    /api/intune/devices/{id}                  one device, with its last Sync (traces) and per-profile states
//   DELETE /api/intune/devices/{id}                  delete it (its certificates too; the CA keeps its records)
//   POST   /api/intune/devices/{id}/sync             { device, traces }: every profile that reaches it, enrolled for real
//   GET    /api/intune/devices/{id}/certificates     the certificates on the device, with their chain
//   POST   /api/intune/devices/{id}/scep-challenge   { profileId } → what Intune hands this device for a real client
// Reads need intune.read; writes intune.configuration.write (Intune Administrator; not Global Reader).
import { Router } from "express";
import { ZDeviceCreate, ZDeviceScepChallengeCreate, ZDeviceSync, profilesForDevice } from "@certlab/domain/devices/devices";
import { subjectSampleFor } from "@certlab/domain/enrollment/trace";
import type { Db } from "../db/client.ts";
import { requirePermission } from "../auth/middleware.ts";
import { originOf, requireStore } from "../http/context.ts";
import { AppError, badRequest } from "../http/errors.ts";
import { parseBody } from "../http/validate.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { mintForProfile } from "../scep/challenges.ts";
import { DevicesStore } from "./store.ts";
import { syncDevice, sampleUser } from "./sync.ts";
import { apiDevice, apiDeviceOf, certificateView } from "./views.ts";
import type { Request } from "express";

export function devicesStore(req: Request): DevicesStore {
  const s = requireStore(req);
  return new DevicesStore(s.db, s.principal, s.requestId);
}

const BASE = "/intune/devices";

export function devicesRouter(db: Db): Router {
  const r = Router();

  r.post(BASE, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    const body = parseBody(ZDeviceCreate, req.body);
    const store = devicesStore(req);
    const device = await store.create(body);
    res.setHeader("Location", `${originOf(req)}/api${BASE}/${device.record.id}`);
    res.status(201).json(await apiDeviceOf(store, device));
  });

  r.get(BASE, async (req, res) => {
    requirePermission(req, "intune.read");
    const store = devicesStore(req);
    const devices = await store.list();
    const users = await store.usersById(devices.map((d) => d.record.userId ?? ""));
    res.json({ value: devices.map((d) => apiDevice({ ...d, lastSync: null }, d.record.userId ? users.get(d.record.userId) : null)) });
  });

  r.get(`${BASE}/:id`, async (req, res) => {
    requirePermission(req, "intune.read");
    const store = devicesStore(req);
    res.json(await apiDeviceOf(store, await store.get(req.params.id!)));
  });

  r.delete(`${BASE}/:id`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    await devicesStore(req).delete(req.params.id!);
    res.status(204).end();
  });

  r.post(`${BASE}/:id/sync`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    parseBody(ZDeviceSync, req.body ?? {});
    const store = devicesStore(req);
    const { device, traces } = await syncDevice(db, store, req.params.id!, originOf(req));
    res.json({ device: await apiDeviceOf(store, device), traces });
  });

  r.get(`${BASE}/:id/certificates`, async (req, res) => {
    requirePermission(req, "intune.read");
    res.json({ value: (await devicesStore(req).certificates(req.params.id!)).map(certificateView) });
  });

  r.post(`${BASE}/:id/scep-challenge`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    const store = devicesStore(req);
    const device = await store.get(req.params.id!);
    const body = parseBody(ZDeviceScepChallengeCreate, req.body);
    const profile = await requireStore(req).intune.getProfile(body.profileId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404)
        throw badRequest(`The profile '${body.profileId}' does not exist.`, [{ code: "InvalidValue", target: "profileId", message: "No such device configuration." }]);
      throw err;
    });
    const snapshot = await tenantSnapshot(db, store.tenantId);
    // Intune hands a device the challenge of a SCEP profile assigned to it (or its user) for its platform only.
    const reach = profilesForDevice(snapshot, device.record).find((p) => p.profileId === profile.id);
    if (!reach || !reach.applicable)
      throw badRequest(`The profile '${profile.displayName}' ${reach ? "is not applicable to" : "is not assigned to"} ${device.record.deviceName}${reach?.reason ? `: ${reach.reason}` : "."}`, [
        { code: "InvalidValue", target: "profileId", message: reach ? "Not applicable to this device." : "Not assigned to this device or its user." },
      ]);
    const user = await sampleUser(db, store.tenantId, device.record.userId);
    const minted = await mintForProfile(db, store.tenantId, {
      profile,
      deviceName: device.record.deviceName,
      ...(device.record.userId ? { userId: device.record.userId } : {}),
      origin: originOf(req),
      ...(snapshot.lab ? { lab: snapshot.lab } : {}),
      sample: subjectSampleFor(snapshot, device.record, user),
    });
    res.status(201).json(minted);
  });

  return r;
}
