// Sign-in throttling (issue 9), the policy of packages/domain/src/directory/smart-lockout.ts applied to every
// password check: the portal's POST /api/session and the token endpoint's password grant. The counters live in
// the database (SignInLockout, one row per sign-in name tried), so several API processes share them: ten wrong
// passwords spread over two processes lock the account just as ten on one do. Increments are atomic in the
// database; two processes crossing the threshold at the same instant lock once (the lock is set with a guard on
// the count). Names without an account are counted the same way, so a lockout reveals nothing about which
// accounts exist. Rows of names with no recent failure and no lock are pruned as failures come in.
import { SMART_LOCKOUT, lockoutDurationSeconds } from "@certlab/domain/directory/smart-lockout";
import type { Db } from "../db/client.ts";

export type LockoutPolicy = Pick<typeof SMART_LOCKOUT, "threshold" | "durationSeconds" | "growthFactor" | "maxDurationSeconds" | "failureWindowSeconds">;

const PRUNE_AFTER_MS = 24 * 3600_000;

export const lockoutKey = (signInName: string) => signInName.trim().toLowerCase();

/** Seconds until the lockout of this name ends (rounded up), or 0 when it is not locked. */
export async function lockedForSeconds(db: Db, signInName: string, now = new Date()): Promise<number> {
  const row = await db.signInLockout.findUnique({ where: { signInName: lockoutKey(signInName) }, select: { lockedUntil: true } });
  const until = row?.lockedUntil?.getTime() ?? 0;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** A wrong password (or an unknown name). Returns the lockout's length in seconds when this failure started one. */
export async function recordFailure(db: Db, signInName: string, policy: LockoutPolicy = SMART_LOCKOUT, now = new Date()): Promise<number> {
  const key = lockoutKey(signInName);
  const windowStart = new Date(now.getTime() - policy.failureWindowSeconds * 1000);
  // Failures outside the window start the count again.
  await db.signInLockout.updateMany({ where: { signInName: key, lastFailedDateTime: { lt: windowStart } }, data: { failedCount: 0 } });
  const row = await db.signInLockout.upsert({
    where: { signInName: key },
    create: { signInName: key, failedCount: 1, lastFailedDateTime: now },
    update: { failedCount: { increment: 1 }, lastFailedDateTime: now },
  });
  let started = 0;
  if (row.failedCount >= policy.threshold) {
    const n = row.lockoutCount + 1;
    const seconds = lockoutDurationSeconds(n, policy);
    const locked = await db.signInLockout.updateMany({
      where: { signInName: key, failedCount: { gte: policy.threshold } },
      data: { failedCount: 0, lockoutCount: n, lockedUntil: new Date(now.getTime() + seconds * 1000) },
    });
    if (locked.count === 1) started = seconds;
  }
  await db.signInLockout
    .deleteMany({ where: { lastFailedDateTime: { lt: new Date(now.getTime() - PRUNE_AFTER_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } })
    .catch(() => undefined);
  return started;
}

/** A correct password outside a lockout: the name starts afresh. */
export async function recordSuccess(db: Db, signInName: string): Promise<void> {
  await db.signInLockout.deleteMany({ where: { signInName: lockoutKey(signInName) } });
}
