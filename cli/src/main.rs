//! `workiva-processes`: the Processes API from the command line. JSON on
//! stdout, errors on stderr, and an exit code per kind of failure.

mod report;

use std::io::Read as _;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use futures::TryStreamExt as _;
use serde_json::json;
use workiva_processes::{
    Client, Credentials, ListProcesses, OPERATIONS, Region, RetryPolicy, types,
};

use report::{ErrorFormat, exit};

#[derive(Parser)]
#[command(
    name = "workiva-processes",
    version,
    about = "Workiva Processes API from the command line (JSON on stdout)"
)]
#[command(
    after_help = "CREDENTIALS (environment)\n  WORKIVA_TOKEN                               a bearer token, used as is; otherwise\n  WORKIVA_CLIENT_ID, WORKIVA_CLIENT_SECRET    client credentials (token fetched and cached for the run)\n\nEXIT CODES\n  0 success; 1 the API rejected the request; 2 usage error or input refused locally;\n  3 unauthenticated, forbidden or missing scope; 4 not found; 5 conflict;\n  6 rate limited after the retries; 7 server error after the retries;\n  8 transport or timeout; 9 a response that could not be understood"
)]
struct Cli {
    /// Workiva region.
    #[arg(long, global = true, default_value = "us", value_parser = ["us", "eu", "apac"])]
    region: String,
    /// Overrides --region; the token endpoint is {URL}/oauth2/token.
    #[arg(long, global = true, value_name = "URL")]
    base_url: Option<String>,
    /// Timeout of each attempt, in seconds.
    #[arg(long, global = true, default_value_t = 30.0, value_name = "SECONDS")]
    timeout: f64,
    /// Retries after a failed attempt (0 turns them off).
    #[arg(long, global = true, default_value_t = 3, value_name = "N")]
    max_retries: u32,
    /// How errors are written to stderr.
    #[arg(long, global = true, value_enum, default_value = "text")]
    error_format: ErrorFormat,
    /// More logging on stderr (repeat for more); never a secret.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Run the command against an in-process sandbox seeded with demo data.
    #[arg(long, global = true)]
    sandbox: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prints a JSON array of processes (--all follows every page).
    List {
        /// Only processes whose name contains NAME.
        #[arg(long, value_name = "NAME")]
        filter: Option<String>,
        /// `name`, `dueDate` or `run.created.dateTime`, optionally `asc`/`desc`.
        #[arg(long, value_name = "EXPR")]
        order_by: Option<String>,
        /// Processes per page (1 to 1000).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
        max_page_size: Option<u32>,
        /// Follow every page.
        #[arg(long)]
        all: bool,
    },
    /// Prints one process.
    Get {
        process_id: String,
        #[arg(long)]
        exclude_generated_jobs: bool,
    },
    /// Creates a process; body: a Process as JSON.
    Create {
        #[arg(long, value_name = "PATH|-")]
        file: String,
    },
    /// Renames jobs and groups; body: a BatchUpdate as JSON.
    Rename {
        process_id: String,
        #[arg(long, value_name = "PATH|-")]
        file: String,
    },
    /// Starts a run of a process.
    Run {
        process_id: String,
        #[arg(long)]
        send_process_complete_email: bool,
    },
    /// Prints one process run.
    GetRun {
        process_run_id: String,
        #[arg(long)]
        exclude_generated_jobs: bool,
    },
    /// Adds jobs to a running process; body: a JSON array of job runs.
    AddJobRuns {
        process_run_id: String,
        #[arg(long, value_name = "PATH|-")]
        file: String,
        #[arg(long, value_name = "ID")]
        relative_sibling_id: Option<String>,
        #[arg(long, value_name = "ID")]
        parent_group_id: Option<String>,
        #[arg(long, value_parser = ["true", "false"])]
        before: Option<String>,
    },
    /// Moves a process to trash.
    #[command(alias = "trash")]
    Delete { process_id: String },
    /// Each operation with its required scopes, from the spec.
    Scopes,
    /// Runs the sandbox in the foreground, printing its URL.
    ServeSandbox {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        #[arg(long)]
        seed_demo_data: bool,
    },
}

/// A failure of the command: from the SDK, or found locally.
enum Failure {
    Api(workiva_processes::Error),
    Local(String),
}

impl From<workiva_processes::Error> for Failure {
    fn from(e: workiva_processes::Error) -> Self {
        Failure::Api(e)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    init_logging(cli.verbose);
    let format = cli.error_format;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return ExitCode::from(report::report_local(
                &format!("cannot start the runtime: {e}"),
                format,
            ));
        }
    };
    let result = runtime.block_on(run(cli));
    // Stop the runtime first: tasks it drops may still log (-vvv), and the
    // error must be stderr's last line.
    runtime.shutdown_timeout(Duration::from_secs(1));
    let code = match result {
        Ok(()) => exit::SUCCESS,
        Err(Failure::Api(e)) => report::report(&e, format),
        Err(Failure::Local(message)) => report::report_local(&message, format),
    };
    ExitCode::from(code)
}

/// A command line clap refused (exit 2), or `--help`/`--version` (exit 0).
/// With `--error-format json` the refusal also ends with the JSON line,
/// as every other error does.
fn usage_error(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    if !e.use_stderr() {
        return ExitCode::from(exit::SUCCESS);
    }
    if wants_json_errors(std::env::args_os().skip(1)) {
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first);
        eprintln!("{}", report::local_error_json(message));
    }
    ExitCode::from(exit::USAGE)
}

/// Whether the raw arguments ask for `--error-format json` (clap refused
/// them, so they are scanned as they are; the last occurrence counts).
fn wants_json_errors(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let mut json = false;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        if arg == "--error-format" {
            if let Some(value) = args.peek().and_then(|v| v.to_str()) {
                json = value == "json";
            }
        } else if let Some(value) = arg.strip_prefix("--error-format=") {
            json = value == "json";
        }
    }
    json
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only for a terminal, not in a file or a pipe.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

async fn run(cli: Cli) -> Result<(), Failure> {
    if let Command::ServeSandbox {
        addr,
        seed_demo_data,
    } = &cli.command
    {
        return serve_sandbox(*addr, *seed_demo_data).await;
    }
    if let Command::Scopes = &cli.command {
        let table: Vec<_> = OPERATIONS
            .iter()
            .map(|op| json!({"operationId": op.operation_id, "method": op.method, "path": op.path, "scopes": op.scopes}))
            .collect();
        return print(&table);
    }
    // Keeps the in-process sandbox alive for the command.
    let mut _sandbox = None;
    let (base_url, credentials) = if cli.sandbox {
        let sandbox = start_sandbox(None, true).await?;
        let url = sandbox.base_url();
        _sandbox = Some(sandbox);
        (
            Some(url),
            Some(Credentials::client_credentials(DEMO_ID, DEMO_SECRET)),
        )
    } else {
        (cli.base_url.clone(), Credentials::from_env())
    };
    let Some(credentials) = credentials else {
        return Err(Failure::Local(
            "no credentials: set WORKIVA_TOKEN, or WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET (or try --sandbox)".into(),
        ));
    };
    if !(cli.timeout.is_finite() && cli.timeout > 0.0) {
        return Err(Failure::Local(format!(
            "--timeout must be a positive number of seconds, got {}",
            cli.timeout
        )));
    }
    let region: Region = cli.region.parse().map_err(Failure::Local)?;
    let mut builder = Client::builder()
        .region(region)
        .credentials(credentials)
        .timeout(Duration::from_secs_f64(cli.timeout))
        .retry_policy(RetryPolicy::default().with_max_retries(cli.max_retries));
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;
    execute(&client, cli.command).await
}

async fn execute(client: &Client, command: Command) -> Result<(), Failure> {
    match command {
        Command::List {
            filter,
            order_by,
            max_page_size,
            all,
        } => {
            let filter = filter.map(|name| format!("name contains '{}'", name.replace('\'', "''")));
            let page_size = max_page_size.and_then(NonZeroU32::new);
            let processes: Vec<types::Process> = if all {
                let query = ListProcesses {
                    filter,
                    order_by,
                    page_size,
                };
                client.list_processes_stream(query).try_collect().await?
            } else {
                client
                    .list_processes(filter.as_deref(), page_size, None, order_by.as_deref())
                    .await?
                    .data
            };
            print(&processes)
        }
        Command::Get {
            process_id,
            exclude_generated_jobs,
        } => print(
            &client
                .get_process(&process_id, exclude_generated_jobs.then_some(true))
                .await?,
        ),
        Command::Create { file } => {
            let body: types::Process = read_json(&file, "a Process")?;
            print(&client.create_process(&body).await?)
        }
        Command::Rename { process_id, file } => {
            let body: types::BatchUpdate = read_json(&file, "a BatchUpdate")?;
            print(&client.batch_update_process(&process_id, &body).await?)
        }
        Command::Run {
            process_id,
            send_process_complete_email,
        } => {
            let options = types::RunProcessOptions {
                send_process_complete_email: send_process_complete_email.then_some(true),
            };
            print(&client.run_process(&process_id, &options).await?)
        }
        Command::GetRun {
            process_run_id,
            exclude_generated_jobs,
        } => print(
            &client
                .get_process_run(&process_run_id, exclude_generated_jobs.then_some(true))
                .await?,
        ),
        Command::AddJobRuns {
            process_run_id,
            file,
            relative_sibling_id,
            parent_group_id,
            before,
        } => {
            let body: types::JobRunCreateList = read_json(&file, "a JSON array of job runs")?;
            let before = before
                .map(|b| {
                    b.parse::<types::CreateJobRunsBefore>()
                        .map_err(|e| Failure::Local(format!("--before: {e}")))
                })
                .transpose()?;
            let created = client
                .create_job_runs(
                    &process_run_id,
                    before,
                    parent_group_id.as_deref(),
                    relative_sibling_id.as_deref(),
                    &body,
                )
                .await?;
            print(&created)
        }
        Command::Delete { process_id } => {
            client.trash_process(&process_id).await?;
            print(&json!({"processId": process_id, "trashed": true}))
        }
        Command::Scopes | Command::ServeSandbox { .. } => {
            unreachable!("handled before a client is built")
        }
    }
}

fn print<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    use std::io::Write as _;
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Local(format!("cannot encode the output: {e}")))?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Local(format!("cannot write to stdout: {e}"))),
        Ok(()) => Ok(()),
    }
}

/// Reads a JSON body from a file or `-` (stdin); any problem is refused
/// locally, before a request is sent.
fn read_json<T: serde::de::DeserializeOwned>(source: &str, what: &str) -> Result<T, Failure> {
    let text = if source == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::Local(format!("cannot read stdin: {e}")))?;
        s
    } else {
        std::fs::read_to_string(PathBuf::from(source))
            .map_err(|e| Failure::Local(format!("cannot read {source}: {e}")))?
    };
    serde_json::from_str(&text).map_err(|e| Failure::Local(format!("{source} is not {what}: {e}")))
}

const DEMO_ID: &str = workiva_processes_sandbox::DEMO_CLIENT_ID;
const DEMO_SECRET: &str = workiva_processes_sandbox::DEMO_CLIENT_SECRET;

async fn start_sandbox(
    addr: Option<std::net::SocketAddr>,
    seed: bool,
) -> Result<workiva_processes_sandbox::RunningSandbox, Failure> {
    let mut builder = workiva_processes_sandbox::Sandbox::builder().seed_demo_data(seed);
    if let Some(addr) = addr {
        builder = builder.addr(addr);
    }
    builder
        .start()
        .await
        .map_err(|e| Failure::Local(format!("cannot start the sandbox: {e}")))
}

async fn serve_sandbox(addr: std::net::SocketAddr, seed: bool) -> Result<(), Failure> {
    let sandbox = start_sandbox(Some(addr), seed).await?;
    print(&json!({
        "url": sandbox.base_url(),
        "tokenUrl": format!("{}/oauth2/token", sandbox.base_url()),
        "demoClientId": DEMO_ID,
    }))?;
    eprintln!(
        "sandbox running at {} (client id/secret demo/demo); Ctrl-C stops it",
        sandbox.base_url()
    );
    let _ = tokio::signal::ctrl_c().await;
    Ok(())
}
