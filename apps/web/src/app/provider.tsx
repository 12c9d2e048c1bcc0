// Query client, Fluent theme (light/dark from Settings), toasts for new notifications, and the 401 hook.
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { setUnauthorizedHandler } from "@/shared/api/http";
import { createQueryClient } from "@/shared/api/query-client";
import { notifications } from "@/shared/notifications/notification-store";
import { sessionKey } from "@/shared/session/session";
import { useTheme } from "@/shared/theme/theme-store";
import type { ToastQueue } from "@/app/notification-toaster";

const NotificationToaster = lazy(() => import("@/app/notification-toaster"));

/**
 * New notifications also flash as a toast in the top-right corner, as the Azure portals do. The toaster is loaded
 * with the first notification; the ones pushed meanwhile wait in the queue and show as soon as it is there.
 */
function NotificationToasts() {
  const [queue] = useState<ToastQueue>(() => ({ items: [], live: false }));
  const [needed, setNeeded] = useState(false);
  useEffect(
    () =>
      notifications.onPush((n) => {
        if (queue.live) return;
        queue.items.push(n);
        setNeeded(true);
      }),
    [queue],
  );
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <NotificationToaster queue={queue} />
    </Suspense>
  );
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
