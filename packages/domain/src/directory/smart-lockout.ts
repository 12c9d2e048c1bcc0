// Sign-in throttling as Microsoft Entra smart lockout does it (Microsoft Learn, "Protect user accounts from
// attacks with Microsoft Entra smart lockout"): after a number of failed sign-ins (the lockout threshold, 10 by
// default in the commercial cloud) the account is locked for a while (the lockout duration, 60 seconds by
// default), each further lockout lasts longer, and a correct password during a lockout is refused too
// (AADSTS50053). The API, the docs (docs/operations.md) and the tests read these values from here.
// Certlab's own choices, where Entra publishes no number: the growth (doubling, capped) and the window after
// which old failures no longer count. Entra also ignores a repeated identical wrong password; Certlab counts it.

export const SMART_LOCKOUT = {
  /** Failed sign-ins that lock the account (Entra's default lockout threshold). */
  threshold: 10,
  /** The first lockout's length in seconds (Entra's default lockout duration). */
  durationSeconds: 60,
  /** Each lockout in a row without a successful sign-in lasts this many times longer than the previous one... */
  growthFactor: 2,
  /** ...up to this length (seconds). */
  maxDurationSeconds: 3600,
  /** Failures older than this (seconds) no longer count towards the threshold. */
  failureWindowSeconds: 3600,
  /** Entra's error code and text for a locked account. */
  aadstsCode: 50053,
  message: "Your account is locked because you've tried to sign in too many times with an incorrect user ID or password.",
} as const;

/** Length in seconds of the n-th lockout in a row (n ≥ 1). */
export function lockoutDurationSeconds(n: number, policy: { durationSeconds: number; growthFactor: number; maxDurationSeconds: number } = SMART_LOCKOUT): number {
  const k = Math.max(1, Math.floor(n));
  return Math.min(policy.maxDurationSeconds, policy.durationSeconds * policy.growthFactor ** (k - 1));
}
