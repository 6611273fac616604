/** Token and session lifetimes from the configuration, in seconds, and the app's URL. */
export interface AuthSettings {
  /** ACCESS_TOKEN_TTL */
  accessTokenTtl: number;
  /** REFRESH_TOKEN_TTL (a refresh token never outlives its session, whichever ends first) */
  refreshTokenTtl: number;
  /** SESSION_MAX_AGE: a session ends this long after log-in, however active (decision 040). */
  sessionMaxAge: number;
  /** SESSION_IDLE_TIMEOUT: a session ends when unused this long. */
  sessionIdleTimeout: number;
  /** APP_URL: its origin is same-origin for cookie-authenticated mutations; https makes cookies Secure. */
  appUrl: URL;
  /**
   * Where redirects after log-in and log-out point: APP_URL's origin, except in development with no APP_URL set,
   * where they follow the request's own origin (any port works; docs/decisions/067).
   */
  redirectsFollowRequest: boolean;
}

export async function getAuthSettings(): Promise<AuthSettings> {
  const { getConfig } = await import("../config");
  const config = getConfig();
  return {
    accessTokenTtl: config.ACCESS_TOKEN_TTL,
    refreshTokenTtl: config.REFRESH_TOKEN_TTL,
    sessionMaxAge: config.SESSION_MAX_AGE,
    sessionIdleTimeout: config.SESSION_IDLE_TIMEOUT,
    appUrl: new URL(config.APP_URL),
    redirectsFollowRequest: config.NODE_ENV === "development" && !config.APP_URL_SET,
  };
}
