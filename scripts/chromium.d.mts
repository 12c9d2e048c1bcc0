// Types for scripts/chromium.mjs, so e2e/playwright.config.ts can import the one browser finder.
export declare const DEBIAN_CHROMIUM: string;
export declare const PATH_NAMES: string[];
export declare const FIX: string;
export declare const CHROMIUM_ARGS: string[];
export declare function onPath(name: string, pathVar: string | undefined): string | null;
export declare function findChromium(opts?: { env?: NodeJS.ProcessEnv }): {
  path: string | null;
  via: string | null;
  notes: string[];
  looked: string;
};
export declare function ensureChromium(opts?: {
  env?: NodeJS.ProcessEnv;
  isRoot?: boolean;
  log?: (line: string) => void;
  now?: () => number;
}): { outcome: "found" | "installed" | "missing"; path: string | null; message: string | null };
