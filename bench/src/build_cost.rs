//! Comparison 4: what a downstream user pays to build. Cold `cargo build`
//! (dev profile, i.e. debug) of a minimal crate that trashes one process,
//! each in a fresh CARGO_TARGET_DIR (the registry's source cache is warm:
//! downloads are not timed):
//!
//! (a) the SDK with build-time generation (default features);
//! (b) the SDK with `default-features = false` (the checked-in generated/);
//! (c) reqwest + tokio + serde by hand, with the SDK's reqwest features and
//!     TLS choice (rustls with ring, no aws-lc-sys);
//! (c') the same with reqwest's default features (its default TLS), as context.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::stats::{fmt_secs, median};
use crate::{Comparison, Ctx, Goal, run_captured, time_cmd};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    SdkDefault,
    SdkNoDefault,
    RawRustls,
    RawDefaultTls,
}

impl Variant {
    fn dir(self) -> &'static str {
        match self {
            Variant::SdkDefault => "sdk-default-features",
            Variant::SdkNoDefault => "sdk-no-default-features",
            Variant::RawRustls => "raw-reqwest-rustls-ring",
            Variant::RawDefaultTls => "raw-reqwest-default-tls",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Variant::SdkDefault => "(a) SDK, default features (build-time generation)",
            Variant::SdkNoDefault => "(b) SDK, default-features = false (checked-in generated/)",
            Variant::RawRustls => {
                "(c) hand-written reqwest + tokio + serde (SDK's reqwest features, rustls + ring)"
            }
            Variant::RawDefaultTls => "(c') hand-written, reqwest default features (default TLS)",
        }
    }

    fn manifest(self, root: &Path) -> String {
        let name = self.dir();
        let deps = match self {
            Variant::SdkDefault => format!(
                "workiva-processes = {{ path = {:?} }}\n",
                root.display().to_string()
            ),
            Variant::SdkNoDefault => format!(
                "workiva-processes = {{ path = {:?}, default-features = false }}\n",
                root.display().to_string()
            ),
            Variant::RawRustls => concat!(
                "reqwest = { version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"form\", \"stream\", \"rustls-no-provider\"] }\n",
                "rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }\n",
                "serde = { version = \"1\", features = [\"derive\"] }\n",
                "serde_json = \"1\"\n",
            )
            .to_string(),
            Variant::RawDefaultTls => concat!(
                "reqwest = { version = \"0.13\", features = [\"json\", \"query\", \"form\", \"stream\"] }\n",
                "serde = { version = \"1\", features = [\"derive\"] }\n",
                "serde_json = \"1\"\n",
            )
            .to_string(),
        };
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n# Not a member of the workspace it sits in.\n[workspace]\n\n[dependencies]\n{deps}tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n"
        )
    }
}

const SDK_MAIN: &str = r#"use workiva_processes::{Client, Credentials};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::var("BASE_URL").unwrap_or_else(|_| "http://127.0.0.1:9".into());
    let client = Client::builder()
        .base_url(base)
        .credentials(Credentials::bearer_token("token"))
        .build()
        .expect("client");
    match client.trash_process("51bcc3ec3d0b4aadb69659e2a7ed767b").await {
        Ok(()) => println!("trashed"),
        Err(e) => eprintln!("{} {:?}: {e}", e.kind(), e.message()),
    }
}
"#;

const RAW_BODY: &str = r#"
#[derive(Debug, serde::Deserialize)]
struct ApiError {
    code: String,
    message: Option<String>,
}

async fn trash(http: &reqwest::Client, base: &str, id: &str) -> Result<(), String> {
    let r = http
        .delete(format!("{base}/processes/{id}"))
        .header("X-Version", "2026-04-01.processes.preview")
        .bearer_auth("token")
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status().is_success() {
        return Ok(());
    }
    let status = r.status();
    let body = r.bytes().await.map_err(|e| e.to_string())?;
    match serde_json::from_slice::<ApiError>(&body) {
        Ok(e) => Err(format!("{status}: {} {:?}", e.code, e.message)),
        Err(_) => Err(format!("{status}")),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    install_provider();
    let base = std::env::var("BASE_URL").unwrap_or_else(|_| "http://127.0.0.1:9".into());
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client");
    match trash(&http, &base, "51bcc3ec3d0b4aadb69659e2a7ed767b").await {
        Ok(()) => println!("trashed"),
        Err(e) => eprintln!("{e}"),
    }
}
"#;

fn main_source(v: Variant) -> String {
    match v {
        Variant::SdkDefault | Variant::SdkNoDefault => SDK_MAIN.to_string(),
        // No aws-lc-sys: ring is installed as the process's provider, as the
        // SDK does.
        Variant::RawRustls => format!(
            "fn install_provider() {{\n    let _ = rustls::crypto::ring::default_provider().install_default();\n}}\n{RAW_BODY}"
        ),
        Variant::RawDefaultTls => format!("fn install_provider() {{}}\n{RAW_BODY}"),
    }
}

/// Writes the crate; returns its directory.
fn write_crate(ctx: &Ctx, v: Variant) -> Result<PathBuf, String> {
    let dir = ctx.work.join("downstream").join(v.dir());
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("Cargo.toml"), v.manifest(&ctx.root)).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/main.rs"), main_source(v)).map_err(|e| e.to_string())?;
    // The workspace's lock file: the same versions the SDK is tested with
    // (cargo drops what this crate does not use and resolves what is new).
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        let _ = std::fs::copy(ctx.root.join("Cargo.lock"), &lock);
    }
    // Downloads happen here, untimed.
    run_captured(Command::new("cargo").arg("fetch").current_dir(&dir))?;
    Ok(dir)
}

fn cold_build(ctx: &Ctx, dir: &Path, v: Variant, rep: usize) -> Result<f64, String> {
    let target = ctx
        .work
        .join("build-cost-target")
        .join(format!("{}-{rep}", v.dir()));
    let _ = std::fs::remove_dir_all(&target);
    let t = time_cmd(
        Command::new("cargo")
            .arg("build")
            .arg("--quiet")
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTC_WRAPPER")
            .env_remove("CARGO_BUILD_RUSTC_WRAPPER"),
    );
    let _ = std::fs::remove_dir_all(&target);
    t
}

/// Package names in the normal and build dependency tree of the crate.
fn dependency_names(dir: &Path) -> Result<Vec<String>, String> {
    let out = run_captured(
        Command::new("cargo")
            .arg("tree")
            .arg("--edges")
            .arg("normal,build")
            .arg("--prefix")
            .arg("none")
            .arg("--format")
            .arg("{p}")
            .current_dir(dir),
    )?;
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

pub fn run(ctx: &mut Ctx) -> Result<(), String> {
    if ctx.quick {
        ctx.skip("build cost (quick): cold builds of the downstream crates take minutes each");
        return Ok(());
    }
    let variants = [
        Variant::SdkDefault,
        Variant::SdkNoDefault,
        Variant::RawRustls,
        Variant::RawDefaultTls,
    ];
    let mut dirs = Vec::new();
    for v in variants {
        dirs.push(write_crate(ctx, v)?);
    }
    // (b) must build without the codegen build-dependencies.
    let codegen_deps = [
        "progenitor",
        "progenitor-impl",
        "typify",
        "typify-impl",
        "workiva-processes-codegen",
        "openapiv3",
        "prettyplease",
    ];
    let names_b = dependency_names(&dirs[1])?;
    let found: Vec<&String> = names_b
        .iter()
        .filter(|n| codegen_deps.contains(&n.as_str()))
        .collect();
    if found.is_empty() {
        ctx.note(format!(
            "(b) `cargo tree -e normal,build`: {} packages, none of {} (progenitor-client, the runtime part, is there)",
            names_b.len(),
            codegen_deps.join(", ")
        ));
    } else {
        ctx.note(format!(
            "(b) WARNING: codegen dependencies in the tree: {found:?}"
        ));
    }
    let names_a = dependency_names(&dirs[0])?;
    let names_c = dependency_names(&dirs[2])?;
    let names_c2 = dependency_names(&dirs[3])?;
    ctx.note(format!(
        "packages in the dependency tree: (a) {}, (b) {}, (c) {}, (c') {}{}",
        names_a.len(),
        names_b.len(),
        names_c.len(),
        names_c2.len(),
        if names_c2.iter().any(|n| n == "aws-lc-sys") {
            " ((c') includes aws-lc-sys)"
        } else {
            ""
        }
    ));

    // (b) and (c) decide the goal: three cold builds each, alternating.
    // (a) and (c') are context: one each.
    let reps = 3;
    let mut times: [Vec<f64>; 4] = Default::default();
    for rep in 0..reps {
        for (i, v) in [(1, Variant::SdkNoDefault), (2, Variant::RawRustls)] {
            let t = cold_build(ctx, &dirs[i], v, rep)?;
            println!("  {}: {}", v.label(), fmt_secs(t));
            times[i].push(t);
        }
    }
    for (i, v) in [(0, Variant::SdkDefault), (3, Variant::RawDefaultTls)] {
        let t = cold_build(ctx, &dirs[i], v, 0)?;
        println!("  {}: {}", v.label(), fmt_secs(t));
        times[i].push(t);
    }
    let m: Vec<f64> = times.iter().map(|t| median(t)).collect();
    ctx.add(Comparison {
        section: "build cost",
        name: "cold debug build, SDK without default features vs hand-written reqwest".into(),
        ratio_means: "(b) / (c)",
        ratio: m[1] / m[2],
        ours: fmt_secs(m[1]),
        baseline: fmt_secs(m[2]),
        goal: Goal::AtMost(1.15),
        note: format!(
            "median of {reps} cold `cargo build` runs each (dev profile, fresh CARGO_TARGET_DIR, alternating); both with reqwest `rustls-no-provider` + rustls `ring`"
        ),
    });
    ctx.add(Comparison {
        section: "build cost",
        name: "cold debug build, SDK with build-time generation vs hand-written reqwest".into(),
        ratio_means: "(a) / (c)",
        ratio: m[0] / m[2],
        ours: fmt_secs(m[0]),
        baseline: fmt_secs(m[2]),
        goal: Goal::None,
        note: "one cold build of (a); (c) as above".into(),
    });
    ctx.add(Comparison {
        section: "build cost",
        name: "cold debug build, SDK without default features vs hand-written reqwest with default TLS".into(),
        ratio_means: "(b) / (c')",
        ratio: m[1] / m[3],
        ours: fmt_secs(m[1]),
        baseline: fmt_secs(m[3]),
        goal: Goal::None,
        note: "one cold build of (c'), reqwest's default features".into(),
    });
    Ok(())
}
