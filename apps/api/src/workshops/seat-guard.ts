// What a workshop seat's tenant may not do (issue 11), mounted right after authenticate in /api and /graph:
// - reset its own lab (POST /api/lab/reset, POST /api/scenarios/load, a guide restart): the trainer resets seats;
// - write anything once the workshop ended or the seat's time is up (the workshop's, or the seat's own when the
//   trainer extended that seat): 403 "The workshop has ended";
// - see or manage workshops (the trainer's dashboard): 403.
// Writes also record the seat's last activity (at most every few seconds). Reads of other paths cost nothing here;
// a write costs one indexed read of WorkshopSeat by tenant.
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/client.ts";
import { fastAll, asDate } from "../db/fast-read.ts";
import { AppError } from "../http/errors.ts";
import { seatEndsAt } from "@certlab/domain/workshops/workshops";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const RESETS = /^\/(api\/)?(lab\/reset|scenarios\/load|guides\/[^/]+\/restart)\/?$/;
const TRAINER = /^\/(api\/)?workshops(\/|$)/;
const ACTIVITY_RESOLUTION_MS = 5_000;

/** `endsAt`: when this seat's time is up (the workshop's end, or the seat's own later end: seatEndsAt). */
export type SeatOfTenant = { seatId: string; workshopId: string; adminUserId: string; state: string; endsAt: Date; lastActivityAt: Date | null };

export async function seatOfTenant(db: Db, tenantId: string): Promise<SeatOfTenant | undefined> {
  const rows = await fastAll<{ seatId: string; workshopId: string; adminUserId: string; state: string; endsAt: unknown; seatEndsAt: unknown; lastActivityAt: unknown }>(
    db,
    `SELECT s."id" AS "seatId", s."workshopId", s."adminUserId", w."state", w."endsAt", s."endsAt" AS "seatEndsAt", s."lastActivityAt"
     FROM "WorkshopSeat" s JOIN "Workshop" w ON w."id" = s."workshopId" WHERE s."tenantId" = ?`,
    [tenantId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return { seatId: r.seatId, workshopId: r.workshopId, adminUserId: r.adminUserId, state: r.state, endsAt: seatEndsAt(asDate(r.endsAt as string) ?? new Date(0), asDate(r.seatEndsAt as string) ?? null), lastActivityAt: asDate(r.lastActivityAt as string) ?? null };
}

/** Whether the principal is its tenant's workshop seat admin: the trainee, the one GET /api/workshop answers. */
export async function isSeatAdmin(db: Db, p: { tenantId: string; userId: string }): Promise<boolean> {
  const seat = await seatOfTenant(db, p.tenantId);
  return !!seat && seat.adminUserId === p.userId;
}

export const workshopEnded = () => new AppError("forbidden", "The workshop has ended.", { code: "WorkshopEnded" });

export function workshopSeatGuard(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const p = req.ctx.principal;
    const write = !SAFE.has(req.method);
    // req.path is relative to the router this is mounted in (/api or /graph/...).
    const trainerPath = TRAINER.test(req.path);
    if (!p || (!write && !trainerPath)) return next();
    const seat = await seatOfTenant(db, p.tenantId);
    if (!seat) return next();
    if (trainerPath) throw new AppError("forbidden", "A workshop seat cannot see or manage workshops: ask your trainer.", { code: "WorkshopSeat" });
    if (RESETS.test(req.path)) throw new AppError("forbidden", "This lab is a workshop seat: only the trainer can reset it, from the workshop dashboard.", { code: "WorkshopSeat" });
    const now = new Date();
    if (seat.state === "ended" || now.getTime() >= seat.endsAt.getTime()) throw workshopEnded();
    if (!seat.lastActivityAt || now.getTime() - seat.lastActivityAt.getTime() > ACTIVITY_RESOLUTION_MS) {
      // Best effort, like an API token's last use: a failure here must not fail the trainee's change.
      await db.workshopSeat.update({ where: { id: seat.seatId }, data: { lastActivityAt: now } }).catch(() => undefined);
    }
    next();
  };
}
