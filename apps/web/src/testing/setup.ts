import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";
import { notifications } from "@/shared/notifications/notification-store";

// happy-dom's Web Animations reject `finished` when Fluent cancels a motion on unmount; Fluent skips the
// animation when element.animate() yields nothing, which is all tests need.
Element.prototype.animate = function animate() {
  return null as unknown as Animation;
};

// Lazy routes load their chunk on first render; on a busy 2-core machine that can take longer than
// testing-library's default 1 s for findBy*/waitFor.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  notifications.clear();
});
