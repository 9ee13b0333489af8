//! Runs the sandbox until interrupted, printing its base URL on stdout.
//!
//! ```text
//! workiva-processes-sandbox [--addr 127.0.0.1:0] [--seed N] [--token-lifetime SECS] [--no-demo-data]
//! ```

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;

use workiva_processes_sandbox::Sandbox;

const USAGE: &str = "usage: workiva-processes-sandbox [--addr HOST:PORT] [--seed N] [--token-lifetime SECS] [--no-demo-data]";

#[tokio::main]
async fn main() -> ExitCode {
    let mut builder = Sandbox::builder().seed_demo_data(true);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let parsed = match arg.as_str() {
            "--addr" => args
                .next()
                .and_then(|a| a.parse::<SocketAddr>().ok())
                .map(|a| builder.clone().addr(a)),
            "--seed" => args
                .next()
                .and_then(|s| s.parse::<u64>().ok())
                .map(|s| builder.clone().seed(s)),
            "--token-lifetime" => args.next().and_then(|s| s.parse::<u64>().ok()).map(|s| {
                builder
                    .clone()
                    .token_lifetime(std::time::Duration::from_secs(s))
            }),
            "--no-demo-data" => Some(builder.clone().seed_demo_data(false)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => None,
        };
        match parsed {
            Some(b) => builder = b,
            None => {
                eprintln!("bad argument {arg:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let sandbox = match builder.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The URL alone on the first line, for scripts to read.
    println!("{}", sandbox.base_url());
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
