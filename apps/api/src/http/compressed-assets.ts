// The built portal's scripts and styles sent compressed (issue 9, first load): a browser that accepts Brotli or gzip
// gets /assets/*.js|css|svg|json in that encoding, with Content-Encoding and Vary: Accept-Encoding. The files under
// apps/web/dist/assets carry a content hash in their name and never change while the server runs, so each is
// compressed once, on first request, and kept in memory (the whole built portal is a few MB; its compressed forms
// about a quarter of that). Anything else, and a client that accepts neither encoding, falls through to
// express.static.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { brotliCompress, constants, gzip } from "node:zlib";
import { promisify } from "node:util";
import type { NextFunction, Request, Response } from "express";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
};

type Encoding = "br" | "gzip";

/** The encoding to send: Brotli when accepted, else gzip, else none (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return undefined;
}

interface Compressed {
  bytes: Buffer;
  lastModified: string;
}

export function compressedAssets(webRoot: string, maxAgeSeconds = 3600) {
  const assetsDir = path.resolve(webRoot, "assets");
  const cache = new Map<string, Promise<Compressed | null>>();

  const load = (file: string, encoding: Encoding): Promise<Compressed | null> => {
    const key = `${encoding}:${file}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = (async () => {
        try {
          const [raw, info] = await Promise.all([readFile(file), stat(file)]);
          const bytes = encoding === "br"
            ? await brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
            : await gz(raw, { level: 9 });
          return { bytes, lastModified: info.mtime.toUTCString() };
        } catch {
          return null;
        }
      })();
      cache.set(key, entry);
      // A missing file is not remembered: a later build may add it.
      void entry.then((v) => v === null && cache.delete(key));
    }
    return entry;
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !req.path.startsWith("/assets/")) return next();
    const type = TYPES[path.extname(req.path)];
    if (!type) return next();
    // The answer depends on Accept-Encoding, compressed or not.
    res.setHeader("Vary", "Accept-Encoding");
    const encoding = pickEncoding(req.get("accept-encoding"));
    if (!encoding) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path.slice("/assets/".length));
    } catch {
      return next();
    }
    const file = path.resolve(assetsDir, rel);
    if (!file.startsWith(assetsDir + path.sep)) return next();
    load(file, encoding).then((c) => {
      if (!c) return next();
      res.setHeader("Content-Type", type);
      res.setHeader("Content-Encoding", encoding);
      res.setHeader("Cache-Control", `public, max-age=${maxAgeSeconds}`);
      res.setHeader("Last-Modified", c.lastModified);
      res.setHeader("Content-Length", String(c.bytes.length));
      if (req.method === "HEAD") res.end();
      else res.end(c.bytes);
    }, next);
  };
}
