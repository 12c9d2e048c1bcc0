import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { notifications } from "@/shared/notifications/notification-store";

// happy-dom's Web Animations reject `finished` when Fluent cancels a motion on unmount; Fluent skips the
// animation when element.animate() yields nothing, which is all tests need.
Element.prototype.animate = function animate() {
  return null as unknown as Animation;
};

afterEach(() => {
  cleanup();
  notifications.clear();
});
