// How a health state looks in the pictures (issue 8): error red, warning amber, ok green, info neutral. One table
// for the topology page and the request flow diagram, so a colour means the same thing everywhere.
import type { Health } from "@certlab/domain/topology/types";

export type { Health };

export type HealthLook = {
  label: string;
  /** Stroke / accent colour (also readable on white as text). */
  colour: string;
  /** A light fill behind a node or hop. */
  fill: string;
};

export const HEALTH_LOOK: Record<Health, HealthLook> = {
  error: { label: "Error", colour: "#c50f1f", fill: "#fdf3f4" },
  warning: { label: "Warning", colour: "#bc4b09", fill: "#fff9f5" },
  ok: { label: "OK", colour: "#107c10", fill: "#f1faf1" },
  info: { label: "Info", colour: "#616161", fill: "#fafafa" },
};

export const HEALTH_ORDER: readonly Health[] = ["error", "warning", "info", "ok"];
