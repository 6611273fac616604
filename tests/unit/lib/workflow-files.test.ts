import { describe, expect, it } from "vitest";
import { asciiFilename, isPyFilename, nameFromFilename, pyFilename, uniqueFilenames } from "../../../src/lib/workflow-files";

describe("pyFilename", () => {
  it("keeps a plain name and adds .py once", () => {
    expect(pyFilename("Daily report")).toBe("Daily report.py");
    expect(pyFilename("etl.py")).toBe("etl.py");
  });

  it("replaces path separators, reserved and control characters; never empty or hidden", () => {
    expect(pyFilename("../../etc/passwd")).toBe("_.._etc_passwd.py");
    expect(pyFilename('a\\b:c*d?e"f<g>h|i')).toBe("a_b_c_d_e_f_g_h_i.py");
    expect(pyFilename("tab\there\u202enew")).toBe("tab_here_new.py");
    expect(pyFilename("...")).toBe("workflow.py");
    expect(pyFilename("///")).toBe("_.py");
    expect(pyFilename(".hidden")).toBe("hidden.py");
  });

  it("has an ASCII fallback", () => {
    expect(asciiFilename("Ünïcödé 🚀.py")).toBe("Unicode __.py");
    expect(asciiFilename("日本.py")).toBe("workflow.py");
  });
});

describe("nameFromFilename", () => {
  it("takes the base name without .py", () => {
    expect(nameFromFilename("daily_report.py")).toBe("daily_report");
    expect(nameFromFilename("C:\\Users\\ada\\Etl Job.PY")).toBe("Etl Job");
    expect(nameFromFilename("dir/sub/x.py")).toBe("x");
  });

  it("drops control characters, bounds the length and never answers empty", () => {
    expect(nameFromFilename("a\u0000b\nc.py")).toBe("a b c");
    expect(nameFromFilename(`${"n".repeat(150)}.py`)).toHaveLength(100);
    expect(nameFromFilename(".py")).toBe("Untitled");
  });

  it("recognises .py names", () => {
    expect(isPyFilename("a.py")).toBe(true);
    expect(isPyFilename("a.PY ")).toBe(true);
    expect(isPyFilename("a.pyc")).toBe(false);
  });
});

describe("uniqueFilenames", () => {
  it("numbers names that collide, compared without case, before .py", () => {
    const next = uniqueFilenames();
    expect(["Report", "report", "REPORT", "a/b", "a:b", "Report (2)"].map(next)).toEqual([
      "Report.py",
      "report (2).py",
      "REPORT (3).py",
      "a_b.py",
      "a_b (2).py",
      "Report (2) (2).py",
    ]);
  });
});
