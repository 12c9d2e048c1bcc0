// ESLint flat config. Besides the usual TypeScript checks it enforces the import boundaries of
// docs/architecture.md: domain imports nothing of ours, pki only domain, web never api/pki, and a web
// feature never imports another feature.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import path from "node:path";

/** A local rule: files under apps/web/src/features/<a>/<b>/ may not import from another feature folder. */
const featureBoundary = {
  meta: { type: "problem", messages: { cross: "A web feature must not import another feature ({{target}}); move shared code to src/shared." } },
  create(context) {
    const file = context.filename.split(path.sep).join("/");
    const m = file.match(/apps\/web\/src\/features\/([^/]+\/[^/]+)\//);
    if (!m) return {};
    const own = m[1];
    const check = (node) => {
      const spec = node.source && node.source.value;
      if (typeof spec !== "string") return;
      let resolved = spec;
      if (spec.startsWith(".")) resolved = path.posix.join(path.posix.dirname(file), spec);
      const t = resolved.match(/(?:^|\/)features\/([^/]+\/[^/]+)/);
      if (t && t[1] !== own) context.report({ node, messageId: "cross", data: { target: t[1] } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/generated/**", "**/.turbo/**", "**/playwright-report/**", "**/test-results/**", ".data/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    plugins: { certlab: { rules: { "feature-boundary": featureBoundary } } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "warn",
      "@typescript-eslint/no-empty-object-type": "off",
    },
  },
  {
    files: ["packages/domain/**/*.{ts,tsx}"],
    rules: restrict([
      { group: ["@certlab/*", "**/apps/**", "**/packages/pki/**"], message: "packages/domain imports nothing of ours." },
      { group: ["node:*", "fs", "path", "crypto", "express", "@prisma/*", "react", "react-dom"], message: "packages/domain is pure: no I/O, no Express, no Prisma, no React." },
    ]),
  },
  {
    files: ["packages/pki/**/*.ts"],
    rules: restrict([{ group: ["@certlab/api", "@certlab/api/*", "@certlab/web", "**/apps/**"], message: "packages/pki may use only @certlab/domain of ours." }]),
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict([
        { group: ["@certlab/api", "@certlab/api/*", "**/apps/api/**", "@certlab/pki", "@certlab/pki/*", "@prisma/*"], message: "apps/web talks to the API over HTTP only." },
      ]),
      "certlab/feature-boundary": "error",
    },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/test/**/*.ts", "e2e/**/*.ts", "scripts/**/*.{ts,mjs}"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
);
