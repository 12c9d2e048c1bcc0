// The portal header: product name, search (filters the navigation), and the icons of the Azure portals'
// top-right corner: Switch directory, Notifications, Settings, Account manager.
import { useState } from "react";
import { Button, CounterBadge, makeStyles, SearchBox, tokens } from "@fluentui/react-components";
import { Alert20Regular, ArrowSwap20Regular, Settings20Regular } from "@fluentui/react-icons";
import { Link } from "react-router";
import { useNotifications, notifications } from "@/shared/notifications/notification-store";
import { usePortal } from "@/shared/portal/portal-context";
import { AccountMenu } from "@/app/shell/account-menu";
import { NotificationsPanel } from "@/app/shell/notifications-panel";
import { LOOKS } from "@/app/shell/portal-look";
import { SettingsPanel } from "@/app/shell/settings-panel";
import { SwitchDirectoryDialog } from "@/app/shell/switch-directory-dialog";

const useStyles = makeStyles({
  bar: { display: "flex", alignItems: "center", gap: "8px", height: "48px", padding: "0 8px 0 16px" },
  product: {
    color: "inherit",
    textDecoration: "none",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    whiteSpace: "nowrap",
    ":focus-visible": { outline: "2px solid currentColor", outlineOffset: "2px" },
  },
  search: { flex: "1 1 auto", display: "flex", justifyContent: "center", minWidth: 0 },
  searchBox: { width: "min(480px, 100%)" },
  icons: { display: "flex", alignItems: "center", gap: "2px" },
  icon: { color: "inherit", minWidth: "40px", height: "40px", position: "relative" },
  badge: { position: "absolute", top: "2px", right: "2px" },
});

export function TopBar(props: { filter: string; onFilter: (text: string) => void; onSearchEnter: () => void }) {
  const s = useStyles();
  const portal = usePortal();
  const look = LOOKS[portal.id];
  const items = useNotifications();
  const unread = items.filter((n) => !n.read).length;
  const [panel, setPanel] = useState<"none" | "notifications" | "settings" | "directory">("none");
  const close = () => setPanel("none");
  return (
    <header className={s.bar} style={{ background: look.topBar, color: look.topBarText }}>
      <Link to={portal.basePath} className={s.product}>
        {portal.productName}
      </Link>
      <div className={s.search} role="search">
        <SearchBox
          className={s.searchBox}
          aria-label="Search"
          placeholder="Search resources, services, and docs (G+/)"
          value={props.filter}
          onChange={(_e, d) => props.onFilter(d.value)}
          onKeyDown={(e) => e.key === "Enter" && props.onSearchEnter()}
        />
      </div>
      <div className={s.icons}>
        <Button
          appearance="transparent"
          className={s.icon}
          icon={<ArrowSwap20Regular />}
          aria-label="Switch directory"
          title="Switch directory"
          onClick={() => setPanel("directory")}
        />
        <Button
          appearance="transparent"
          className={s.icon}
          icon={<Alert20Regular />}
          aria-label="Notifications"
          title="Notifications"
          onClick={() => {
            setPanel("notifications");
            notifications.markAllRead();
          }}
        >
          {unread > 0 && <CounterBadge className={s.badge} count={unread} size="small" color="danger" aria-hidden />}
        </Button>
        <Button
          appearance="transparent"
          className={s.icon}
          icon={<Settings20Regular />}
          aria-label="Settings"
          title="Settings"
          onClick={() => setPanel("settings")}
        />
        <AccountMenu onSwitchDirectory={() => setPanel("directory")} />
      </div>
      <NotificationsPanel open={panel === "notifications"} onClose={close} />
      <SettingsPanel open={panel === "settings"} onClose={close} />
      <SwitchDirectoryDialog open={panel === "directory"} onClose={close} />
    </header>
  );
}
