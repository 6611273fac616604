/**
 * The shared evaluator's known values (src/lib/visualizer/python-values.ts, used by dataflow.ts): strings built with
 * f-strings, `+`, `%` and `.format`, slices, dict and list builtins and comparisons give what CPython gives. Each
 * expected value below was printed by python3 for the same expression and the same constants.
 */
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";

const CONSTANTS = `TABLE = "orders"
N = 7
I = 3
NAMES = ["a", "b", "c"]
PAIRS = {"x": 1, "y": 2}
T = ("eu", "us")
EMPTY = ""
`;

/** [expression, what python3 evaluates it to] */
const CASES: Array<[string, string]> = [
  ["f\"load_{TABLE}\"", "load_orders"],
  ["f\"t_{I:02d}\"", "t_03"],
  ["f\"t_{I:>4}|\"", "t_   3|"],
  ["f\"{TABLE!r}\"", "'orders'"],
  ["f\"{N:x}_{N:b}_{N:o}\"", "7_111_7"],
  ["f\"{TABLE:^10}|\"", "  orders  |"],
  ["f\"{1234567:,}\"", "1,234,567"],
  ["\"follow_\" + TABLE", "follow_orders"],
  ["\"part_\" + str(I + 1)", "part_4"],
  ["\"w_%02d\" % I", "w_03"],
  ["\"%s_%s\" % (TABLE, N)", "orders_7"],
  ["\"%(t)s-%(n)d\" % {\"t\": TABLE, \"n\": N}", "orders-7"],
  ["\"%-6s|\" % TABLE", "orders|"],
  ["\"%5.1f\" % N", "  7.0"],
  ["\"{}_{}\".format(TABLE, N)", "orders_7"],
  ["\"{1}_{0}\".format(TABLE, N)", "7_orders"],
  ["\"{name}_{n:03d}\".format(name=TABLE, n=N)", "orders_007"],
  ["\"{{x}}_{}\".format(TABLE)", "{x}_orders"],
  ["TABLE.upper()", "ORDERS"],
  ["\"_\".join(NAMES)", "a_b_c"],
  ["\"-\".join(T)", "eu-us"],
  ["TABLE.replace(\"o\", \"0\")", "0rders"],
  ["TABLE[1:4]", "rde"],
  ["TABLE[-1]", "s"],
  ["\" x \".strip()", "x"],
  ["\"a,b\".split(\",\")[1]", "b"],
  ["NAMES[-1]", "c"],
  ["NAMES[1:][0]", "b"],
  ["str(len(NAMES))", "3"],
  ["str(N // 2) + str(N % 4) + str(-N % 4)", "331"],
  ["str(2 ** 5)", "32"],
  ["T[0] * 2", "eueu"],
  ["str(sorted(PAIRS)[1])", "y"],
  ["str(list(PAIRS.values())[1])", "2"],
  ["PAIRS.get(\"z\", \"none\")", "none"],
  ["str(dict(a=1)[\"a\"])", "1"],
  ["str(list(range(2, 11, 3))[-1])", "8"],
  ["str(list(enumerate(NAMES, start=5))[2][0])", "7"],
  ["str(list(zip(NAMES, T))[1][1])", "us"],
  ["str(N > 3 and TABLE == \"orders\")", "True"],
  ["str(\"b\" in NAMES)", "True"],
  ["str(\"z\" not in PAIRS)", "True"],
  ["str(not EMPTY)", "True"],
  ["\"yes\" if N > 5 else \"no\"", "yes"],
  ["TABLE.title()", "Orders"],
  ["\"ab\".zfill(5)", "000ab"],
  ["TABLE.removeprefix(\"or\")", "ders"],
];

/** The label Airflow's reader gives a task whose task_id is `expr`. */
function labelOf(expr: string): string | undefined {
  const g = visualize(`from airflow import DAG
from airflow.operators.empty import EmptyOperator
${CONSTANTS}
with DAG("d"):
    EmptyOperator(task_id=${expr})
`);
  return g.nodes.find((n) => n.kind === "step")?.label;
}

describe("known values of Python expressions", () => {
  it.each(CASES)("%s", (expr, python) => {
    expect(labelOf(expr)).toBe(python);
  });

  it("shows the unknown parts of a string as they are written", () => {
    expect(labelOf('f"load_{table}"')).toBe("load_{table}");
    expect(labelOf('"follow_" + option')).toBe("follow_{option}");
    expect(labelOf('"w_%02d" % hour')).toBe("w_{hour}");
    expect(labelOf('"{}_{}".format(TABLE, other)')).toBe("orders_{}");
  });

  it("leaves floats unknown rather than printing them the JavaScript way", () => {
    expect(labelOf('f"v{2.0}"')).toBe("v{2.0}");
  });
});
