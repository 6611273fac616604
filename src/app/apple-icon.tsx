import { ImageResponse } from "next/og";

/**
 * The home-screen icon for iOS (apple-touch-icon, 180×180 PNG), drawn at build time from the same mark as
 * src/app/icon.svg and the header's logo: three connected nodes on indigo. iOS rounds the corners itself.
 */
export const size = { width: 180, height: 180 };
export const contentType = "image/png";

export default function AppleIcon() {
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", background: "#4f46e5" }}>
        <svg width="180" height="180" viewBox="0 0 32 32">
          <path d="M11 10.5 16 21.5M21 10.5 16 21.5" stroke="#ffffff" strokeOpacity="0.7" strokeWidth="2" fill="none" />
          <circle cx="10.5" cy="10" r="3.2" fill="#ffffff" />
          <circle cx="21.5" cy="10" r="3.2" fill="#ffffff" />
          <circle cx="16" cy="22" r="3.2" fill="#c7d2fe" />
        </svg>
      </div>
    ),
    size,
  );
}
