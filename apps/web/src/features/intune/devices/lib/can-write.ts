// Who may create, sync and delete devices and mint challenges: the Intune write roles (Global Administrator,
// Intune Administrator; not Global Reader), from packages/domain/src/directory/permissions.ts.
import { useCan } from "@/shared/session/session";

export function useCanWriteDevices(): boolean {
  return useCan("intune.configuration.write");
}
