//! `bench/RESULTS.md` and the scaling chart `bench/scaling.svg`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use plotters::prelude::*;

use crate::stats::fmt_secs;
use crate::{Ctx, Goal};

pub struct Meta {
    pub date: String,
    pub load_before: String,
    pub load_after: String,
    pub elapsed: f64,
    pub quick: bool,
}

/// The current UTC time as `YYYY-MM-DD HH:MM UTC`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60
    )
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn command_line(cmd: &str, arg: &str) -> String {
    Command::new(cmd)
        .arg(arg)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn memory_gib() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            let kb: f64 = s
                .lines()
                .find(|l| l.starts_with("MemTotal:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(format!("{:.0} GiB", kb / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "unknown".into())
}

pub fn write(ctx: &Ctx, meta: &Meta, md: &Path, svg: &Path) -> Result<(), String> {
    if let Some(dir) = md.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let svg_written = if ctx.scaling.is_empty() {
        false
    } else {
        chart(ctx, svg)?;
        true
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Benchmark results{}\n",
        if meta.quick { " (quick run)" } else { "" }
    );
    let _ = writeln!(
        s,
        "Written by `cargo xtask bench{}` — do not edit by hand. Benchmarks, not tests: no figure here is asserted anywhere.\n",
        if meta.quick { " --quick" } else { "" }
    );
    let _ = writeln!(s, "## Machine\n");
    let nproc = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "unknown".into());
    let _ = writeln!(s, "| | |\n| --- | --- |");
    let _ = writeln!(s, "| date | {} |", meta.date);
    let _ = writeln!(s, "| nproc | {nproc} |");
    let _ = writeln!(s, "| CPU | {} |", cpu_model());
    let _ = writeln!(s, "| memory | {} |", memory_gib());
    let _ = writeln!(s, "| rustc | {} |", command_line("rustc", "-V"));
    let _ = writeln!(s, "| cargo | {} |", command_line("cargo", "-V"));
    let _ = writeln!(
        s,
        "| load average (1, 5, 15 min) | before {}; after {} |",
        meta.load_before, meta.load_after
    );
    let _ = writeln!(s, "| duration of the run | {:.0} s |", meta.elapsed);
    let _ = writeln!(
        s,
        "\nThe machine is shared with other builds: a load average above the core count means the figures include waiting for a core.\n"
    );

    let _ = writeln!(s, "## Results against the goals\n");
    let _ = writeln!(
        s,
        "| comparison | ours | baseline | ratio | goal | met | how |\n| --- | --- | --- | --- | --- | --- | --- |"
    );
    for c in &ctx.comparisons {
        let met = match c.goal.met(c.ratio) {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        let goal = match c.goal {
            Goal::None => "context".to_string(),
            g => format!("{} ({})", g.text(), c.ratio_means),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.2} | {} | {} | {} |",
            c.name, c.ours, c.baseline, c.ratio, goal, met, c.note
        );
    }

    if !ctx.scaling.is_empty() {
        let _ = writeln!(s, "\n## Scaling series (synthetic specs)\n");
        let _ = writeln!(
            s,
            "Each operation: a path parameter, a query parameter, a small object schema (5 properties, one enum) as JSON response (GET) or body and response (PUT), and an error response. Generation by the release `xtask` binary into a fresh directory; `cargo check` (dev profile, `CARGO_INCREMENTAL=0`) of the generated crate alone, its dependencies already built in a shared target directory.\n"
        );
        let _ = writeln!(
            s,
            "| operations | generation, wall (median) | per operation | CPU time (median) | runs | `cargo check` (median) | runs |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        );
        for r in &ctx.scaling {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                r.operations,
                fmt_secs(r.generate_s),
                fmt_secs(r.per_operation_s()),
                fmt_secs(r.generate_cpu_s),
                r.generate_runs,
                r.check_s.map(fmt_secs).unwrap_or_else(|| "not run".into()),
                r.check_runs
            );
        }
        if svg_written {
            let name = svg
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = writeln!(s, "\n![generation time per operation]({name})");
        }
    }

    if !ctx.notes.is_empty() {
        let _ = writeln!(s, "\n## Notes\n");
        for n in &ctx.notes {
            let _ = writeln!(s, "- {n}");
        }
    }
    if !ctx.skipped.is_empty() {
        let _ = writeln!(s, "\n## Skipped in this run\n");
        for n in &ctx.skipped {
            let _ = writeln!(s, "- {n}");
        }
    }
    let _ = writeln!(
        s,
        "\n## How to reproduce\n\n```sh\ncargo xtask bench          # full run (about 12 minutes on 2 cores, after the release builds): writes bench/RESULTS.md and bench/scaling.svg\ncargo xtask bench --quick  # smoke run, under 3 minutes once built (skips openapi-generator and cold builds): writes target/bench/RESULTS-quick.md\n```\n\n`cargo xtask bench` builds the `xtask` binary and this harness (`bench/`, package `workiva-processes-bench`) in release mode, then runs `target/release/workiva-processes-bench [--quick]`, which takes `--only generation,scaling,runtime,build-cost` to run some sections (results then go to `target/bench/`) and `--platform-spec FILE` (default: `WORKIVA_PLATFORM_SPEC`, or `shared/specs/workiva-platform-2026-01-01.oas.yaml` beside the workspace). openapi-generator is installed on first use into `target/bench-venv` (PyPI `openapi-generator-cli`, which bundles the jar; needs Java 11+). Scratch files go to `target/bench/`."
    );
    std::fs::write(md, s).map_err(|e| format!("{}: {e}", md.display()))
}

fn chart(ctx: &Ctx, path: &Path) -> Result<(), String> {
    let rows = &ctx.scaling;
    let err = |e: &dyn std::fmt::Display| format!("chart: {e}");
    let xs: Vec<f64> = rows.iter().map(|r| r.operations as f64).collect();
    let per_op_ms: Vec<f64> = rows.iter().map(|r| r.per_operation_s() * 1e3).collect();
    let total_s: Vec<f64> = rows.iter().map(|r| r.generate_s).collect();
    let x_min = xs.iter().cloned().fold(f64::INFINITY, f64::min) * 0.7;
    let x_max = xs.iter().cloned().fold(0.0, f64::max) * 1.4;
    let goal_ms = rows
        .iter()
        .find(|r| r.operations == 100)
        .map(|r| r.per_operation_s() * 1e3 * 1.5)
        .unwrap_or(0.0);
    let y_max = per_op_ms.iter().cloned().fold(goal_ms, f64::max) * 1.15;
    let t_min = total_s.iter().cloned().fold(f64::INFINITY, f64::min) * 0.5;
    let t_max = total_s.iter().cloned().fold(0.0, f64::max) * 2.0;

    let root = SVGBackend::new(path, (900, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "cargo xtask generate: time per operation (left) and total (right)",
            ("sans-serif", 20),
        )
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .right_y_label_area_size(64)
        .build_cartesian_2d((x_min..x_max).log_scale(), 0.0..y_max)
        .map_err(|e| err(&e))?
        .set_secondary_coord((x_min..x_max).log_scale(), (t_min..t_max).log_scale());
    chart
        .configure_mesh()
        .x_desc("operations in the spec (log scale)")
        .y_desc("ms per operation")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.2}"))
        .draw()
        .map_err(|e| err(&e))?;
    chart
        .configure_secondary_axes()
        .y_desc("total seconds (log scale)")
        .y_label_formatter(&|y| format!("{y:.2}"))
        .draw()
        .map_err(|e| err(&e))?;
    let blue = RGBColor(31, 119, 180);
    let orange = RGBColor(255, 127, 14);
    chart
        .draw_series(LineSeries::new(
            xs.iter().cloned().zip(per_op_ms.iter().cloned()),
            blue.stroke_width(2),
        ))
        .map_err(|e| err(&e))?
        .label("ms per operation")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], blue.stroke_width(2)));
    chart
        .draw_series(
            xs.iter()
                .cloned()
                .zip(per_op_ms.iter().cloned())
                .map(|p| Circle::new(p, 4, blue.filled())),
        )
        .map_err(|e| err(&e))?;
    // The goal: per operation at most 1.5 times the figure at 100 operations.
    if let Some(base) = rows.iter().find(|r| r.operations == 100) {
        let goal = base.per_operation_s() * 1e3 * 1.5;
        let grey = RGBColor(120, 120, 120);
        chart
            .draw_series(DashedLineSeries::new(
                [(x_min, goal), (x_max, goal)],
                6,
                4,
                grey.stroke_width(1),
            ))
            .map_err(|e| err(&e))?
            .label("goal: 1.5 × per operation at 100")
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], grey.stroke_width(1))
            });
    }
    chart
        .draw_secondary_series(LineSeries::new(
            xs.iter().cloned().zip(total_s.iter().cloned()),
            orange.stroke_width(2),
        ))
        .map_err(|e| err(&e))?
        .label("total seconds")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], orange.stroke_width(2)));
    chart
        .draw_secondary_series(
            xs.iter()
                .cloned()
                .zip(total_s.iter().cloned())
                .map(|p| Circle::new(p, 4, orange.filled())),
        )
        .map_err(|e| err(&e))?;
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(SeriesLabelPosition::LowerRight)
        .draw()
        .map_err(|e| err(&e))?;
    root.present().map_err(|e| err(&e))?;
    Ok(())
}
