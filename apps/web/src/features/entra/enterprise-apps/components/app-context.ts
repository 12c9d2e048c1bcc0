// What an application's pages share: the application (with onPremisesPublishing), loaded once by the layout.
import { useOutletContext } from "react-router";
import type { Application } from "@/features/entra/enterprise-apps/api/types";

export type AppContext = { app: Application };

export function useApp(): Application {
  return useOutletContext<AppContext>().app;
}
