/** Test helper: run the system OpenSSL CLI in a scratch directory. Missing openssl fails the test loudly. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const OPENSSL = "/usr/bin/openssl";

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), "certlab-pki-"));
  path(name: string): string {
    return join(this.dir, name);
  }
  write(name: string, data: string | Uint8Array): string {
    const p = this.path(name);
    writeFileSync(p, data);
    return p;
  }
  read(name: string): Uint8Array {
    return new Uint8Array(readFileSync(this.path(name)));
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Run openssl; returns stdout+stderr and the exit status (does not throw on non-zero exit, throws if it cannot run). */
export function openssl(args: string[], input?: string): { status: number; output: string } {
  const r = spawnSync(OPENSSL, args, { encoding: "utf8", ...(input ? { input } : {}) });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`The OpenSSL CLI is required by this test but ${OPENSSL} is missing.`);
    throw r.error;
  }
  return { status: r.status ?? -1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** openssl that must succeed. */
export function opensslOk(args: string[], input?: string): string {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed (${r.status}):\n${r.output}`);
  return r.output;
}
