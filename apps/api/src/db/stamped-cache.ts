// An in-process cache whose entries are valid only while the database has not changed (issue 9): each entry
// carries the database's data version (db/fast-read.ts: SQLite's PRAGMA data_version, which changes on every commit
// by any connection of any process) read BEFORE the value was loaded, and a lookup returns it only while the
// current data version still equals that stamp. So a cached value is exactly what loading it again would give:
// a commit anywhere (a sign-out, a revoked token, a removed role, a new user, in this or any other API process)
// makes every entry stale at once, with no delay and no invalidation code at the write sites. On an engine with no
// cheap stamp (PostgreSQL) nothing is cached and every lookup loads. docs/operations.md lists what is cached.
import type { Db } from "./client.ts";
import { fastReaderOf } from "./fast-read.ts";

/**
 * The data version of one reader connection. Versions of different connections (two clients on one file in one
 * process, as some tests have) are not comparable, so the stamp names its connection.
 */
export interface Stamp {
  readonly source: object;
  readonly version: number;
}

interface Entry<V> {
  source: object;
  version: number;
  value: V;
  /** Epoch ms after which the entry is unusable whatever the stamp (a session's or token's own expiry). */
  expiresAt: number;
  size: number;
}

export interface StampedCacheOptions {
  maxEntries: number;
  /** Upper bound of the sum of the entries' sizes (as `size` measures them), e.g. bytes of cached answers. */
  maxSize?: number;
}

let enabled = true;
/** Turns every stamped cache of this process on or off (the bench measures both; tests can compare). */
export function setStampedCaches(on: boolean): void {
  enabled = on;
}
export function stampedCachesEnabled(): boolean {
  return enabled;
}

const all = new Set<{ clear(): void }>();
/** Forgets every entry of every stamped cache of this process (tests start cold with it). */
export function clearStampedCaches(): void {
  for (const c of all) c.clear();
}

export class StampedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private size = 0;

  constructor(private readonly opts: StampedCacheOptions) {
    all.add(this);
  }

  /** The database's current stamp, or undefined when this engine (or this client) has none: don't cache. */
  static stampOf(db: Db): Stamp | undefined {
    if (!enabled) return undefined;
    const reader = fastReaderOf(db);
    const version = reader?.dataVersion?.();
    return reader && version !== undefined ? { source: reader, version } : undefined;
  }

  /** The value cached under `key` if it was loaded at `stamp` and has not expired. */
  get(key: string, stamp: Stamp | undefined): V | undefined {
    if (stamp === undefined) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.source !== stamp.source || e.version !== stamp.version || e.expiresAt <= Date.now()) {
      this.delete(key, e);
      return undefined;
    }
    // Most recently used last: eviction takes the oldest first.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Keeps `value`, loaded after `stamp` was read, until the database changes or `expiresAt` passes. */
  set(key: string, stamp: Stamp | undefined, value: V, opts: { expiresAt?: number; size?: number } = {}): void {
    if (stamp === undefined) return;
    const size = opts.size ?? 1;
    if (this.opts.maxSize !== undefined && size > this.opts.maxSize / 4) return;
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, { source: stamp.source, version: stamp.version, value, expiresAt: opts.expiresAt ?? Number.POSITIVE_INFINITY, size });
    this.size += size;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.opts.maxEntries && (this.opts.maxSize === undefined || this.size <= this.opts.maxSize)) break;
      this.delete(k, e);
    }
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  get count(): number {
    return this.entries.size;
  }

  private delete(key: string, e: Entry<V>): void {
    this.entries.delete(key);
    this.size -= e.size;
  }
}
