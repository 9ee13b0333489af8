//! Comparison 2: generation time against the number of operations, on
//! synthetic specs, and `cargo check` time of each generated crate.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::stats::{fmt_secs, median};
use crate::{Comparison, Ctx, Goal, run_captured, time_cmd, time_cmd_cpu};

/// One size of the series.
#[derive(Debug, Clone)]
pub struct Row {
    pub operations: usize,
    /// Median generation wall time, seconds.
    pub generate_s: f64,
    /// Median CPU time (user + system) of the same runs, seconds.
    pub generate_cpu_s: f64,
    pub generate_runs: usize,
    /// Median `cargo check` time of the crate alone (dependencies already
    /// built), seconds.
    pub check_s: Option<f64>,
    pub check_runs: usize,
}

impl Row {
    pub fn per_operation_s(&self) -> f64 {
        self.generate_s / self.operations as f64
    }
}

/// A realistic synthetic spec: per operation a path parameter, a query
/// parameter and a small object schema (with an enum) used as the JSON
/// response (GET) or as body and response (PUT), plus an error response.
pub fn synthetic_spec(operations: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "openapi: 3.0.3\ninfo:\n  title: Synthetic API with {operations} operations\n  version: 1.0.0\nservers:\n  - url: https://api.example.com\npaths:\n"
    );
    for i in 0..operations {
        let _ = writeln!(s, "  /widgets{i}/{{widgetId}}:");
        if i % 2 == 0 {
            let _ = write!(
                s,
                "    get:\n      operationId: getWidget{i}\n      summary: Get widget {i}\n      parameters:\n        - name: widgetId\n          in: path\n          required: true\n          schema:\n            type: string\n        - name: expand\n          in: query\n          required: false\n          schema:\n            type: string\n      responses:\n        '200':\n          description: The widget.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Widget{i}'\n        '404':\n          description: Not found.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Error'\n"
            );
        } else {
            let _ = write!(
                s,
                "    put:\n      operationId: putWidget{i}\n      summary: Replace widget {i}\n      parameters:\n        - name: widgetId\n          in: path\n          required: true\n          schema:\n            type: string\n        - name: dryRun\n          in: query\n          required: false\n          schema:\n            type: boolean\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Widget{i}'\n      responses:\n        '200':\n          description: The stored widget.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Widget{i}'\n        '400':\n          description: Invalid.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Error'\n"
            );
        }
    }
    s.push_str("components:\n  schemas:\n    Error:\n      type: object\n      required: [code]\n      properties:\n        code:\n          type: string\n        message:\n          type: string\n");
    for i in 0..operations {
        let _ = write!(
            s,
            "    Widget{i}:\n      type: object\n      required: [id, name]\n      properties:\n        id:\n          type: string\n        name:\n          type: string\n        count:\n          type: integer\n          format: int32\n        status:\n          type: string\n          enum: [active, archived]\n        tags:\n          type: array\n          items:\n            type: string\n"
        );
    }
    s
}

pub fn run(ctx: &mut Ctx) -> Result<(), String> {
    if !ctx.xtask_bin.is_file() {
        return Err(format!("{} is missing", ctx.xtask_bin.display()));
    }
    // (operations, generation runs, check runs)
    let plan: &[(usize, usize, usize)] = if ctx.quick {
        &[(10, 3, 1), (100, 3, 1), (1000, 3, 0), (3000, 1, 0)]
    } else {
        &[(10, 9, 3), (100, 9, 3), (1000, 5, 2), (3000, 3, 2)]
    };
    if ctx.quick {
        ctx.skip("scaling: `cargo check` of the 1,000- and 3,000-operation crates, and repeated generation at 3,000 (quick)");
    }
    let dir = ctx.work.join("scaling");
    let check_target = ctx.work.join("check-target");
    let mut lockfile: Option<String> = None;
    let mut deps_built = false;
    let mut rows = Vec::new();
    for &(n, gen_runs, check_runs) in plan {
        let spec = dir.join(format!("synthetic-{n}.yaml"));
        let out = dir.join(format!("synthetic-{n}"));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        std::fs::write(&spec, synthetic_spec(n)).map_err(|e| e.to_string())?;
        let generate = || {
            let mut c = Command::new(&ctx.xtask_bin);
            c.arg("generate")
                .arg("--spec")
                .arg(&spec)
                .arg("--out")
                .arg(&out)
                .arg("--crate-name")
                .arg(format!("synthetic-{n}"));
            c
        };
        // One warm-up run, which also leaves the crate for `cargo check`.
        let _ = std::fs::remove_dir_all(&out);
        run_captured(&mut generate())?;
        let (mut times, mut cpu) = (Vec::new(), Vec::new());
        for _ in 0..gen_runs {
            let _ = std::fs::remove_dir_all(&out);
            let (w, c) = time_cmd_cpu(&mut generate())?;
            times.push(w);
            cpu.push(c);
        }
        let generate_s = median(&times);
        let mut check_s = None;
        if check_runs > 0 {
            // Same dependency versions for every crate, so the shared target
            // directory builds them once.
            match &lockfile {
                Some(lock) => {
                    std::fs::write(out.join("Cargo.lock"), lock).map_err(|e| e.to_string())?
                }
                None => {
                    run_captured(
                        Command::new("cargo")
                            .arg("generate-lockfile")
                            .current_dir(&out),
                    )?;
                    lockfile = Some(
                        std::fs::read_to_string(out.join("Cargo.lock"))
                            .map_err(|e| e.to_string())?,
                    );
                }
            }
            let check = || {
                let mut c = Command::new("cargo");
                c.arg("check")
                    .arg("--quiet")
                    .current_dir(&out)
                    .env("CARGO_TARGET_DIR", &check_target)
                    // Every timed check checks the whole crate again.
                    .env("CARGO_INCREMENTAL", "0");
                c
            };
            if !deps_built {
                // The first crate's first check builds the dependencies:
                // untimed. Later crates share them, so every timed check
                // (the first one of a new crate included) checks the crate
                // alone.
                run_captured(&mut check())?;
                deps_built = true;
            }
            let mut checks = Vec::new();
            for _ in 0..check_runs {
                touch(&out.join("src/lib.rs"))?;
                checks.push(time_cmd(&mut check())?);
            }
            check_s = Some(median(&checks));
        }
        let row = Row {
            operations: n,
            generate_s,
            generate_cpu_s: median(&cpu),
            generate_runs: gen_runs,
            check_s,
            check_runs,
        };
        println!(
            "  {n:>5} operations: generate {} ({} per operation, CPU {}, median of {gen_runs}){}",
            fmt_secs(row.generate_s),
            fmt_secs(row.per_operation_s()),
            fmt_secs(row.generate_cpu_s),
            match check_s {
                Some(c) => format!(", cargo check {} (median of {check_runs})", fmt_secs(c)),
                None => String::new(),
            }
        );
        rows.push(row);
    }
    let at = |n: usize| rows.iter().find(|r| r.operations == n);
    if let (Some(base), Some(top)) = (at(100), rows.iter().max_by_key(|r| r.operations)) {
        ctx.add(Comparison {
            section: "scaling",
            name: format!(
                "generation time per operation at {} vs at 100 operations",
                top.operations
            ),
            ratio_means: "ours per operation at the largest size / per operation at 100",
            ratio: top.per_operation_s() / base.per_operation_s(),
            ours: format!("{}/op", fmt_secs(top.per_operation_s())),
            baseline: format!("{}/op", fmt_secs(base.per_operation_s())),
            goal: Goal::AtMost(1.5),
            note: format!(
                "wall time, medians of {} and {} runs of the release xtask binary; by CPU time (user + system) {:.2} ({}/op vs {}/op)",
                top.generate_runs,
                base.generate_runs,
                (top.generate_cpu_s / top.operations as f64)
                    / (base.generate_cpu_s / base.operations as f64),
                fmt_secs(top.generate_cpu_s / top.operations as f64),
                fmt_secs(base.generate_cpu_s / base.operations as f64)
            ),
        });
    }
    ctx.scaling = rows;
    Ok(())
}

/// Bumps a file's modification time (by rewriting it) so cargo rebuilds it.
fn touch(path: &Path) -> Result<(), String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::thread::sleep(std::time::Duration::from_millis(10));
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
