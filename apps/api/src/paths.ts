import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: relative SQLite paths and the built SPA are resolved from here. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const webDist = path.join(repoRoot, "apps/web/dist");
export const docsDir = path.join(repoRoot, "docs");
