// @generated from openapi/processes.yaml by `cargo xtask regenerate` (workiva-processes-codegen). Do not edit.

use crate::raw::types;
use crate::operation::Operation;
/// Title of the API, from `info.title`.
pub const API_TITLE: &str = "Workiva Processes API";
/// The version every request sends in `X-Version`, from `info.version`.
pub const API_VERSION: &str = "2026-04-01.processes.preview";
/// Path of the OAuth2 client-credentials token endpoint, from the
/// `oauth2` security scheme's `tokenUrl`.
pub const TOKEN_PATH: Option<&str> = Some("/oauth2/token");
/// The spec's servers: description and base URL.
pub const SERVERS: &[(&str, &str)] = &[
    ("US", "https://api.app.wdesk.com"),
    ("EU", "https://api.eu.wdesk.com"),
    ("APAC", "https://api.apac.wdesk.com"),
];
/// Every OAuth2 scope the spec declares, with its description.
pub const SCOPES: &[(&str, &str)] = &[
    ("file:read", "Read files, including processes and process runs."),
    ("file:write", "Write files, including creating, running and trashing processes."),
];
/// Every operation of the spec, in document order.
pub static OPERATIONS: [Operation; 8usize] = [
    Operation {
        operation_id: "listProcesses",
        method_name: "list_processes",
        method: "GET",
        path: "/processes",
        scopes: &["file:read"],
        success_statuses: &[200u16],
        error_statuses: &[400u16, 401u16, 403u16, 429u16, 500u16, 503u16],
        path_parameters: &[],
    },
    Operation {
        operation_id: "createProcess",
        method_name: "create_process",
        method: "POST",
        path: "/processes",
        scopes: &["file:write"],
        success_statuses: &[200u16, 201u16],
        error_statuses: &[400u16, 401u16, 403u16, 429u16, 500u16, 503u16],
        path_parameters: &[],
    },
    Operation {
        operation_id: "getProcess",
        method_name: "get_process",
        method: "GET",
        path: "/processes/{processId}",
        scopes: &["file:read"],
        success_statuses: &[200u16],
        error_statuses: &[400u16, 401u16, 403u16, 404u16, 429u16, 500u16, 503u16],
        path_parameters: &["processId"],
    },
    Operation {
        operation_id: "trashProcess",
        method_name: "trash_process",
        method: "DELETE",
        path: "/processes/{processId}",
        scopes: &["file:write"],
        success_statuses: &[204u16],
        error_statuses: &[
            400u16, 401u16, 403u16, 404u16, 409u16, 429u16, 500u16, 503u16,
        ],
        path_parameters: &["processId"],
    },
    Operation {
        operation_id: "batchUpdateProcess",
        method_name: "batch_update_process",
        method: "POST",
        path: "/processes/{processId}/batchUpdates",
        scopes: &["file:write"],
        success_statuses: &[200u16],
        error_statuses: &[
            400u16, 401u16, 403u16, 404u16, 409u16, 429u16, 500u16, 503u16,
        ],
        path_parameters: &["processId"],
    },
    Operation {
        operation_id: "runProcess",
        method_name: "run_process",
        method: "POST",
        path: "/processes/{processId}/run",
        scopes: &["file:write"],
        success_statuses: &[201u16],
        error_statuses: &[
            400u16, 401u16, 403u16, 404u16, 409u16, 429u16, 500u16, 503u16,
        ],
        path_parameters: &["processId"],
    },
    Operation {
        operation_id: "getProcessRun",
        method_name: "get_process_run",
        method: "GET",
        path: "/processRuns/{processRunId}",
        scopes: &["file:read"],
        success_statuses: &[200u16],
        error_statuses: &[400u16, 401u16, 403u16, 404u16, 429u16, 500u16, 503u16],
        path_parameters: &["processRunId"],
    },
    Operation {
        operation_id: "createJobRuns",
        method_name: "create_job_runs",
        method: "POST",
        path: "/processRuns/{processRunId}/jobRuns",
        scopes: &["file:write"],
        success_statuses: &[200u16, 201u16],
        error_statuses: &[
            400u16, 401u16, 403u16, 404u16, 409u16, 429u16, 500u16, 503u16,
        ],
        path_parameters: &["processRunId"],
    },
];
impl crate::Client {
    /** List processes

 Returns a page of processes. Each process embeds its run when it has
 been started. Follow `@nextLink` (or pass its `$next` cursor) for the
 next page; `@nextLink` is absent on the last page.

 `GET /processes` (operationId `listProcesses` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:read`.

 Success: 200.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn list_processes<'a>(
        &'a self,
        filter: Option<&'a str>,
        maxpagesize: Option<::std::num::NonZeroU32>,
        next: Option<&'a str>,
        order_by: Option<&'a str>,
    ) -> ::std::result::Result<types::ProcessListResult, crate::Error> {
        let op = &OPERATIONS[0usize];
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let filter = ::std::clone::Clone::clone(&filter);
                    let maxpagesize = ::std::clone::Clone::clone(&maxpagesize);
                    let next = ::std::clone::Clone::clone(&next);
                    let order_by = ::std::clone::Clone::clone(&order_by);
                    async move {
                        raw.list_processes(filter, maxpagesize, next, order_by).await
                    }
                },
            )
            .await
    }
    /** Create a process

 Creates a process from its build-time definition. The documentation
 does not show the success status, so both 200 and 201 are accepted.

 `POST /processes` (operationId `createProcess` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:write`.

 Success: 200, 201.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn create_process<'a>(
        &'a self,
        body: &'a types::Process,
    ) -> ::std::result::Result<types::Process, crate::Error> {
        let op = &OPERATIONS[1usize];
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let body = ::std::clone::Clone::clone(&body);
                    async move { raw.create_process(body).await }
                },
            )
            .await
    }
    /** Get a process

 Retrieves a process by its id.

 `GET /processes/{processId}` (operationId `getProcess` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:read`.

 Success: 200.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 404: Not found
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn get_process<'a>(
        &'a self,
        process_id: &'a str,
        exclude_generated_jobs: Option<bool>,
    ) -> ::std::result::Result<types::Process, crate::Error> {
        let op = &OPERATIONS[2usize];
        crate::input::check_path_segment(op, "processId", &process_id)?;
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let process_id = ::std::clone::Clone::clone(&process_id);
                    let exclude_generated_jobs = ::std::clone::Clone::clone(
                        &exclude_generated_jobs,
                    );
                    async move {
                        raw.get_process(process_id, exclude_generated_jobs).await
                    }
                },
            )
            .await
    }
    /** Delete a Process

 Move a Process to trash by its id. The Process can be restored later.

 `DELETE /processes/{processId}` (operationId `trashProcess` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:write`.

 Success: 204.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 404: Not found
 - 409: Collision
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn trash_process<'a>(
        &'a self,
        process_id: &'a str,
    ) -> ::std::result::Result<(), crate::Error> {
        let op = &OPERATIONS[3usize];
        crate::input::check_path_segment(op, "processId", &process_id)?;
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let process_id = ::std::clone::Clone::clone(&process_id);
                    async move { raw.trash_process(process_id).await }
                },
            )
            .await
    }
    /** Batch update a process

 Applies up to 3000 updates (job and group renames) to a process.

 `POST /processes/{processId}/batchUpdates` (operationId `batchUpdateProcess` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:write`.

 Success: 200.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 404: Not found
 - 409: Collision
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn batch_update_process<'a>(
        &'a self,
        process_id: &'a str,
        body: &'a types::BatchUpdate,
    ) -> ::std::result::Result<types::Process, crate::Error> {
        let op = &OPERATIONS[4usize];
        crate::input::check_path_segment(op, "processId", &process_id)?;
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let process_id = ::std::clone::Clone::clone(&process_id);
                    let body = ::std::clone::Clone::clone(&body);
                    async move { raw.batch_update_process(process_id, body).await }
                },
            )
            .await
    }
    /** Run a process

 Starts a run of the process.

 `POST /processes/{processId}/run` (operationId `runProcess` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:write`.

 Success: 201.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 404: Not found
 - 409: Collision
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn run_process<'a>(
        &'a self,
        process_id: &'a str,
        body: &'a types::RunProcessOptions,
    ) -> ::std::result::Result<types::ProcessRun, crate::Error> {
        let op = &OPERATIONS[5usize];
        crate::input::check_path_segment(op, "processId", &process_id)?;
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let process_id = ::std::clone::Clone::clone(&process_id);
                    let body = ::std::clone::Clone::clone(&body);
                    async move { raw.run_process(process_id, body).await }
                },
            )
            .await
    }
    /** Get a process run

 Retrieves a process run by its id.

 `GET /processRuns/{processRunId}` (operationId `getProcessRun` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:read`.

 Success: 200.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 404: Not found
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn get_process_run<'a>(
        &'a self,
        process_run_id: &'a str,
        exclude_generated_jobs: Option<bool>,
    ) -> ::std::result::Result<types::ProcessRun, crate::Error> {
        let op = &OPERATIONS[6usize];
        crate::input::check_path_segment(op, "processRunId", &process_run_id)?;
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let process_run_id = ::std::clone::Clone::clone(&process_run_id);
                    let exclude_generated_jobs = ::std::clone::Clone::clone(
                        &exclude_generated_jobs,
                    );
                    async move {
                        raw.get_process_run(process_run_id, exclude_generated_jobs).await
                    }
                },
            )
            .await
    }
    /** Add job runs to a process run

 Adds jobs to a running process. The documentation does not show the
 success status or body, so 200 and 201 are accepted with a
 free-form body.

 `POST /processRuns/{processRunId}/jobRuns` (operationId `createJobRuns` in `openapi/processes.yaml`).

 Required OAuth scopes: `file:write`.

 Success: 200, 201.

 # Errors

 Documented error statuses, each an [`Error`](crate::Error) whose
 [`kind`](crate::Error::kind) follows the status:
 - 400: Invalid request
 - 401: Unauthenticated request.
 - 403: Forbidden
 - 404: Not found
 - 409: Collision
 - 429: Too Many Requests
 - 500: Server error
 - 503: Service unavailable
*/
    pub async fn create_job_runs<'a>(
        &'a self,
        process_run_id: &'a str,
        before: Option<types::CreateJobRunsBefore>,
        parent_group_id: Option<&'a str>,
        relative_sibling_id: Option<&'a str>,
        body: &'a types::JobRunCreateList,
    ) -> ::std::result::Result<types::JobRunsCreated, crate::Error> {
        let op = &OPERATIONS[7usize];
        crate::input::check_path_segment(op, "processRunId", &process_run_id)?;
        self.execute(
                op,
                move |raw: ::std::sync::Arc<crate::raw::Client>| {
                    let process_run_id = ::std::clone::Clone::clone(&process_run_id);
                    let before = ::std::clone::Clone::clone(&before);
                    let parent_group_id = ::std::clone::Clone::clone(&parent_group_id);
                    let relative_sibling_id = ::std::clone::Clone::clone(
                        &relative_sibling_id,
                    );
                    let body = ::std::clone::Clone::clone(&body);
                    async move {
                        raw.create_job_runs(
                                process_run_id,
                                before,
                                parent_group_id,
                                relative_sibling_id,
                                body,
                            )
                            .await
                    }
                },
            )
            .await
    }
}
