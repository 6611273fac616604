/**
 * The one transformer of the tRPC server and client: superjson where a value needs it (dates, maps…),
 * plain JSON otherwise, so that error bodies stay in the project's one shape on the wire.
 */
import superjson from "superjson";

const WRAPPED = "__superjson";

export const transformer = {
  serialize(value: unknown): unknown {
    const { json, meta } = superjson.serialize(value);
    return meta ? { [WRAPPED]: { json, meta } } : json;
  },
  deserialize(value: unknown): unknown {
    if (value && typeof value === "object" && WRAPPED in value) {
      return superjson.deserialize((value as Record<string, Parameters<typeof superjson.deserialize>[0]>)[WRAPPED]!);
    }
    return value;
  },
};
