// Small building blocks of the lab consoles: a read-only notice, a section, EKU names. The form dialog is in
// form-dialog.tsx, so the lab dashboard (which has none) does not load Fluent's Dialog on first load.
import type { ReactNode } from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useCan } from "@/shared/session/session";

/** Whether the signed-in user may change the lab (a Global Reader sees everything read-only). */
export function useLabWrite(): boolean {
  return useCan("lab.write");
}

export function ReadOnlyNotice() {
  const can = useLabWrite();
  if (can) return null;
  return (
    <MessageBar intent="info">
      <MessageBarBody>You have read-only access to the lab: your role can view the consoles but not change them.</MessageBarBody>
    </MessageBar>
  );
}

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-label={props.title} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <div style={{ display: "flex", alignItems: "center", gap: 8, flexWrap: "wrap" }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

export const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "Server Authentication",
  "1.3.6.1.5.5.7.3.2": "Client Authentication",
  "1.3.6.1.5.5.7.3.4": "Secure Email",
  "1.3.6.1.4.1.311.10.3.4": "Encrypting File System",
  "1.3.6.1.4.1.311.20.2.1": "Certificate Request Agent",
  "1.3.6.1.5.5.8.2.2": "IP security IKE intermediate",
  "1.3.6.1.5.5.7.3.3": "Code Signing",
};
export const ekuName = (oid: string) => EKU_NAMES[oid] ?? oid;
