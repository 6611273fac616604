/**
 * The two screen sizes every journey of issue 14 is tested at: a desktop window (1440×900, mouse) and a phone
 * (390×844, touch, mobile viewport). Use with `test.use(size.use)` inside a `test.describe` per size.
 */
import type { PlaywrightTestOptions } from "@playwright/test";

export interface ScreenSize {
  name: "desktop" | "phone";
  use: Partial<PlaywrightTestOptions>;
}

export const DESKTOP: ScreenSize = {
  name: "desktop",
  use: { viewport: { width: 1440, height: 900 }, hasTouch: false, isMobile: false },
};

export const PHONE: ScreenSize = {
  name: "phone",
  use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 },
};

export const SIZES = [DESKTOP, PHONE] as const;
