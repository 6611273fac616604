/** Token lifetimes from the configuration (ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL), in seconds. */
export interface AuthSettings {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  /** APP_URL: its origin is same-origin for cookie-authenticated mutations; https makes cookies Secure. */
  appUrl: URL;
}

export async function getAuthSettings(): Promise<AuthSettings> {
  const { getConfig } = await import("../config");
  const config = getConfig();
  return { accessTokenTtl: config.ACCESS_TOKEN_TTL, refreshTokenTtl: config.REFRESH_TOKEN_TTL, appUrl: new URL(config.APP_URL) };
}
