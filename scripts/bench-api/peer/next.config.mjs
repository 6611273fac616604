/**
 * The peer app's Next.js configuration: the defaults a create-t3-app-style project ships with. The benchmark builds
 * this folder's copy (scripts/bench-api/peer.ts) and serves it with `next start`.
 */
/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
};

export default config;
