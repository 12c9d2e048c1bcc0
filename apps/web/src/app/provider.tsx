// Query client, Fluent theme (light/dark from Settings), toasts for new notifications, and the 401 hook.
import { useEffect, useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import {
  FluentProvider,
  Toast,
  ToastBody,
  ToastTitle,
  Toaster,
  useId,
  useToastController,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { setUnauthorizedHandler } from "@/shared/api/http";
import { createQueryClient } from "@/shared/api/query-client";
import { notifications } from "@/shared/notifications/notification-store";
import { sessionKey } from "@/shared/session/session";
import { useTheme } from "@/shared/theme/theme-store";

/** New notifications also flash as a toast in the top-right corner, as the Azure portals do. */
function NotificationToasts() {
  const toasterId = useId("toaster");
  const { dispatchToast } = useToastController(toasterId);
  useEffect(
    () =>
      notifications.onPush((n) =>
        dispatchToast(
          <Toast>
            <ToastTitle>{n.title}</ToastTitle>
            {n.body && <ToastBody style={{ whiteSpace: "pre-line" }}>{n.body}</ToastBody>}
          </Toast>,
          { intent: n.intent, timeout: n.intent === "error" ? 8000 : 4000 },
        ),
      ),
    [dispatchToast],
  );
  return <Toaster toasterId={toasterId} position="top-end" offset={{ vertical: 48 }} />;
}

export function AppProvider(props: { children: ReactNode; queryClient?: QueryClient }) {
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  const theme = useTheme();
  useEffect(() => {
    // Any 401 means the session ended: forget it, and the route guard sends the user to /signin.
    setUnauthorizedHandler(() => queryClient.setQueryData(sessionKey, null));
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <FluentProvider theme={theme === "dark" ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
        {props.children}
        <NotificationToasts />
      </FluentProvider>
    </QueryClientProvider>
  );
}
