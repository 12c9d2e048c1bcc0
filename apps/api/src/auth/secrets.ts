// Opaque secrets (session cookies, personal API tokens): random, shown once, stored only as SHA-256.
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "clt_";

export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
