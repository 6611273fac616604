import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../src/server/config";

describe("configuration", () => {
  it("needs nothing to run: the embedded database is the default", () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(config.PORT).toBe(3000);
    expect(config.TRUST_PROXY_HOPS).toBe(0);
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("stops with a message that names each wrong variable", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://x", PORT: "http" })).toThrow(ConfigError);
    try {
      parseConfig({ DATABASE_URL: "mysql://x", PORT: "99999999" });
    } catch (error) {
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ connection string/);
      expect((error as Error).message).toMatch(/PORT:/);
    }
  });

  it("accepts a PostgreSQL server and pool settings", () => {
    const config = parseConfig({ DATABASE_URL: "postgresql://app@db:5432/app", DATABASE_POOL_MAX: "25" });
    expect(config.DATABASE_URL).toBe("postgresql://app@db:5432/app");
    expect(config.DATABASE_POOL_MAX).toBe(25);
  });
});
