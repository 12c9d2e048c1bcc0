// The Entra application proxy part of the Graph surface (graph-surface.md; graph-reference.md §8).
import type { Router } from "express";
import { applicationsRoutes } from "./applications.ts";
import { appProxyRoutes } from "./app-proxy.ts";
import { domainsRoutes } from "./domains.ts";

export function entraRoutes(r: Router): void {
  applicationsRoutes(r);
  appProxyRoutes(r);
  domainsRoutes(r);
}
