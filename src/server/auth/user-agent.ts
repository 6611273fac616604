/**
 * A short, human name for the device behind a session, from its User-Agent header: "Chrome 131 on macOS",
 * "Safari 17 on iOS (tablet)", "curl 8.5.0". Browsers are read by `bowser` (decision 041); other clients by their
 * first product token. Never shown as HTML: React escapes it like any text.
 */
import Bowser from "bowser";

const MAX_LABEL = 80;

function major(version: string | undefined): string {
  return version?.split(".")[0] ?? "";
}

export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? "").trim();
  if (!ua) return "Unknown device";
  const parsed = Bowser.parse(ua.slice(0, 512));
  const browser = parsed.browser.name ? [parsed.browser.name, major(parsed.browser.version)].filter(Boolean).join(" ") : "";
  const os = parsed.os.name ? [parsed.os.name, parsed.os.name === "Windows" ? parsed.os.versionName : ""].filter(Boolean).join(" ") : "";
  const form = parsed.platform.type === "tablet" ? " (tablet)" : "";
  let label: string;
  if (browser && os) label = `${browser} on ${os}${form}`;
  else if (browser || os) label = `${browser || "A browser"}${os ? ` on ${os}` : ""}${form}`;
  else {
    // Not a browser: its first product token, "name/version" → "name version".
    const token = /^([A-Za-z][\w.-]{0,40})(?:\/([\w.-]{1,20}))?/.exec(ua);
    label = token ? [token[1], token[2]].filter(Boolean).join(" ") : "Unknown device";
  }
  return label.slice(0, MAX_LABEL);
}
