import { describe, expect, it } from "vitest";
import { edgeName } from "~/components/graph/to-flow-elements";
import {
  EDGE_COLORS,
  edgeDash,
  edgeLook,
  FAMILY_COLORS,
  FAMILY_NAMES,
  nodeFamily,
  nodeKindName,
  nodeSubtitle,
} from "~/lib/graph-layout/node-style";

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const c = hex.replace("#", "").slice(0, 6);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(c.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe("node style", () => {
  it("colours Airflow operators by family from their class", () => {
    const op = (detail: string) => nodeFamily({ kind: "step", role: "operator", detail });
    expect(op("BashOperator")).toBe("bash");
    expect(op("PythonOperator")).toBe("python");
    expect(op("S3KeySensor")).toBe("sensor");
    expect(op("BranchPythonOperator")).toBe("branch");
    expect(op("EmptyOperator")).toBe("empty");
    expect(op("PostgresOperator")).toBe("sql");
    expect(op("S3ToRedshiftOperator")).toBe("sql"); // SQL wins over transfer (Redshift)
    expect(op("GCSToGCSOperator")).toBe("transfer");
    expect(op("MyCustomOperator")).toBe("other");
  });

  it("names a step without a role by its framework", () => {
    expect(nodeFamily({ kind: "step" }, "langgraph")).toBe("node");
    expect(nodeFamily({ kind: "step" }, "prefect")).toBe("task");
    expect(nodeFamily({ kind: "step" }, "dagster")).toBe("op");
    expect(nodeFamily({ kind: "step" }, "generic")).toBe("function");
    expect(nodeFamily({ kind: "dataset" }, "kedro")).toBe("dataset");
    expect(nodeFamily({ kind: "step", role: "tools" }, "langgraph")).toBe("tools");
    expect(nodeFamily({ kind: "step", role: "multi_asset" }, "dagster")).toBe("asset");
  });

  it("shows the class or function under the label, never a repeat of the label, nothing under START/END", () => {
    expect(nodeSubtitle({ kind: "step", role: "operator", detail: "BashOperator", label: "extract" })).toBe("BashOperator");
    expect(nodeSubtitle({ kind: "step", role: "node", detail: "plan", label: "plan" })).toBeNull();
    expect(nodeSubtitle({ kind: "step", role: "tools", label: "tools" })).toBe("tool node");
    expect(nodeSubtitle({ kind: "start", label: "START", detail: "x" })).toBeNull();
    expect(nodeKindName({ kind: "step", role: "asset" }, "dagster")).toBe("Dagster asset");
    expect(nodeKindName({ kind: "start" }, "langgraph")).toBe("Start");
    expect(nodeKindName({ kind: "step" }, "prefect")).toBe("Prefect task");
  });

  it("every family has a name, and readable text on its fill in both themes (WCAG AA)", () => {
    for (const theme of ["light", "dark"] as const) {
      for (const [family, colours] of Object.entries(FAMILY_COLORS[theme])) {
        expect(FAMILY_NAMES[family as keyof typeof FAMILY_NAMES]).toBeTruthy();
        expect(contrast(colours.text, colours.fill), `${theme} ${family}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("edges: colour per kind seen against the canvas, dashes for back and inferred, dash-dot for both", () => {
    for (const [theme, canvas] of [["light", "#ffffff"], ["dark", "#020617"]] as const) {
      for (const colour of Object.values(EDGE_COLORS[theme])) expect(contrast(colour, canvas)).toBeGreaterThanOrEqual(3);
    }
    expect(edgeDash({}, false)).toBeNull();
    expect(edgeDash({}, true)).toBe("6 4");
    expect(edgeDash({ inferred: true }, false)).toBe("2 3");
    expect(edgeDash({ inferred: true }, true)).toBe("6 3 2 3");
    expect(edgeLook({ kind: "conditional" }, true, "dark")).toEqual({ color: EDGE_COLORS.dark.conditional, width: 1.75, dash: "6 4" });
  });

  it("gives edges accessible names", () => {
    expect(edgeName("agent", "tools", { kind: "conditional", label: "continue" }, false)).toBe("agent to tools, conditional: continue");
    expect(edgeName("tools", "agent", { kind: "flow" }, true)).toBe("tools to agent, loops back");
    expect(edgeName("split", "train", { kind: "data", label: "X_train" }, false)).toBe("split to train, data: X_train");
    expect(edgeName("extract", "load", { kind: "flow", count: 12 }, false)).toBe("extract to load, 12 edges");
    expect(edgeName("r", "x", { kind: "conditional", inferred: true }, false)).toBe("r to x, conditional, inferred");
  });
});
