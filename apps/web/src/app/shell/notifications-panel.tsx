// The Notifications pane (bell, top right): newest first, each dismissable.
import type { ReactElement } from "react";
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  CheckmarkCircle20Filled,
  Dismiss20Regular,
  DismissCircle20Filled,
  Info20Filled,
  Warning20Filled,
} from "@fluentui/react-icons";
import { notifications, useNotifications, type NotificationIntent } from "@/shared/notifications/notification-store";
import { formatDateTime } from "@/shared/lib/format";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  item: {
    display: "grid",
    gridTemplateColumns: "20px 1fr auto",
    gap: "8px",
    padding: "10px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  body: { whiteSpace: "pre-line", color: tokens.colorNeutralForeground2 },
  time: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const ICONS: Record<NotificationIntent, ReactElement> = {
  success: <CheckmarkCircle20Filled color={tokens.colorPaletteGreenForeground1} aria-label="Success" />,
  error: <DismissCircle20Filled color={tokens.colorPaletteRedForeground1} aria-label="Error" />,
  warning: <Warning20Filled color={tokens.colorPaletteDarkOrangeForeground1} aria-label="Warning" />,
  info: <Info20Filled color={tokens.colorBrandForeground1} aria-label="Information" />,
};

export function NotificationsPanel(props: { open: boolean; onClose: () => void }) {
  const s = useStyles();
  const items = useNotifications();
  return (
    <OverlayDrawer position="end" open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss20Regular />} onClick={props.onClose} />}
        >
          Notifications
        </DrawerHeaderTitle>
        {items.length > 0 && (
          <Button appearance="transparent" onClick={() => notifications.clear()} style={{ alignSelf: "flex-start" }}>
            Dismiss all
          </Button>
        )}
      </DrawerHeader>
      <DrawerBody>
        {items.length === 0 ? (
          <Text>No new notifications</Text>
        ) : (
          <ul className={s.list} aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={s.item}>
                {ICONS[n.intent]}
                <div>
                  <Text weight="semibold" block>
                    {n.title}
                  </Text>
                  {n.body && <Text className={s.body} block>{n.body}</Text>}
                  <Text className={s.time} block>
                    {formatDateTime(n.time)}
                  </Text>
                </div>
                <Button
                  appearance="subtle"
                  size="small"
                  icon={<Dismiss20Regular />}
                  aria-label={`Dismiss ${n.title}`}
                  onClick={() => notifications.dismiss(n.id)}
                />
              </li>
            ))}
          </ul>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
