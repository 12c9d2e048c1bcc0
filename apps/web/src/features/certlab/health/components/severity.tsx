import type { ReactElement } from "react";
import { tokens } from "@fluentui/react-components";
import { DismissCircle20Filled, Info20Filled, Warning20Filled } from "@fluentui/react-icons";
import type { Severity } from "@/shared/api/types";

export const SEVERITIES: Severity[] = ["error", "warning", "info"];
export const SEVERITY_LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };
export const SEVERITY_PLURAL: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

export const SEVERITY_ICON: Record<Severity, ReactElement> = {
  error: <DismissCircle20Filled color={tokens.colorPaletteRedForeground1} aria-hidden />,
  warning: <Warning20Filled color={tokens.colorPaletteDarkOrangeForeground1} aria-hidden />,
  info: <Info20Filled color={tokens.colorBrandForeground1} aria-hidden />,
};
