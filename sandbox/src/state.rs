//! The sandbox's state: processes, their runs, and the trash.
//!
//! Processes are kept as the SDK's generated [`types::Process`], so what the
//! sandbox stores and returns is by construction what the spec describes.
//! Trashed processes are kept (the API says they "can be restored later") but
//! hidden from every operation.

use std::collections::HashMap;

use chrono::{DateTime, Duration as TimeDelta, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};
use workiva_processes::types::{
    self, ActionArguments, ActionType, BatchUpdateType, ChildType, DayOfWeek, FreeForm, Job,
    Process, ProcessChild, ProcessGroup, ProcessRun, RunStatus, Stamp, TriggerType,
};

use crate::error::ApiError;

/// One stored process.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Creation order; breaks ties when listing.
    pub(crate) seq: u64,
    pub(crate) process: Process,
    pub(crate) trashed: bool,
}

/// Where new job runs go.
#[derive(Debug, Clone, Default)]
pub(crate) struct Placement<'a> {
    pub(crate) parent_group_id: Option<&'a str>,
    pub(crate) relative_sibling_id: Option<&'a str>,
    pub(crate) before: bool,
}

/// Every process and run.
#[derive(Debug)]
pub(crate) struct Store {
    processes: HashMap<String, Entry>,
    /// Run id to the process it belongs to.
    runs: HashMap<String, String>,
    /// Runs replaced by a later run of the same process, still readable.
    past_runs: HashMap<String, ProcessRun>,
    next_seq: u64,
    rng: StdRng,
}

impl Store {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            processes: HashMap::new(),
            runs: HashMap::new(),
            past_runs: HashMap::new(),
            next_seq: 0,
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// A new id in the form Workiva's examples show: 32 lowercase hex digits.
    fn new_id(&mut self) -> String {
        format!("{:032x}", self.rng.random::<u128>())
    }

    /// Processes not in the trash.
    pub(crate) fn live(&self) -> impl Iterator<Item = &Entry> {
        self.processes.values().filter(|e| !e.trashed)
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Entry> {
        self.processes.get(id).filter(|e| !e.trashed)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.processes.get_mut(id).filter(|e| !e.trashed)
    }

    /// Ids of trashed processes.
    pub(crate) fn trashed_ids(&self) -> Vec<String> {
        let mut ids: Vec<&Entry> = self.processes.values().filter(|e| e.trashed).collect();
        ids.sort_by_key(|e| e.seq);
        ids.into_iter()
            .filter_map(|e| e.process.id.clone())
            .collect()
    }

    /// Stores a new process. The server owns `id`, `created`, `modified`,
    /// `revision` and `run`, whatever the caller put there; jobs and groups
    /// without an id get one, so that batch updates can name them.
    pub(crate) fn create(
        &mut self,
        mut process: Process,
        user: &str,
        now: DateTime<Utc>,
    ) -> Process {
        let id = self.new_id();
        process.id = Some(id.clone());
        process.created = Some(stamp(user, now));
        process.modified = Some(stamp(user, now));
        process.revision = Some(1);
        process.run = None;
        let mut root = process.root.take().unwrap_or_else(|| ProcessGroup {
            name: process.name.clone(),
            parallel: Some(false),
            read_only: Some(false),
            trigger_type: Some(TriggerType::WhenEligible),
            ..Default::default()
        });
        self.assign_ids(&mut root);
        process.root = Some(root);
        let seq = self.next_seq;
        self.next_seq += 1;
        self.processes.insert(
            id,
            Entry {
                seq,
                process: process.clone(),
                trashed: false,
            },
        );
        process
    }

    fn assign_ids(&mut self, group: &mut ProcessGroup) {
        if group.id.as_deref().is_none_or(str::is_empty) {
            group.id = Some(self.new_id());
        }
        for child in &mut group.children {
            if let Some(job) = &mut child.job {
                if job.id.as_deref().is_none_or(str::is_empty) {
                    job.id = Some(self.new_id());
                }
            }
            if let Some(g) = &mut child.group {
                self.assign_ids(g);
            }
        }
    }

    /// Moves a live process to the trash; false when there is none.
    pub(crate) fn trash(&mut self, id: &str) -> bool {
        match self.get_mut(id) {
            Some(entry) => {
                entry.trashed = true;
                true
            }
            None => false,
        }
    }

    /// Restores a trashed process; false when there is none.
    pub(crate) fn restore(&mut self, id: &str) -> bool {
        match self.processes.get_mut(id) {
            Some(entry) if entry.trashed => {
                entry.trashed = false;
                true
            }
            _ => false,
        }
    }

    /// Applies renames, all or none: the batch is checked whole before any
    /// name changes.
    pub(crate) fn batch_update(
        &mut self,
        id: &str,
        update: &types::BatchUpdate,
        user: &str,
        now: DateTime<Utc>,
    ) -> Result<Process, ApiError> {
        let entry = self.get_mut(id).ok_or_else(|| not_found_process(id))?;
        let mut root = entry.process.root.clone().unwrap_or_default();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for (i, item) in update.data.iter().enumerate() {
            let target = format!("data[{i}]");
            let nested = match item.type_ {
                BatchUpdateType::JobName => item.job_name_update.as_ref(),
                BatchUpdateType::GroupName => item.group_name_update.as_ref(),
                BatchUpdateType::Unknown(ref other) => {
                    return Err(ApiError::invalid(
                        format!("{target}.type"),
                        format!("Unknown update type {other}."),
                    ));
                }
            };
            let item_id = nested
                .and_then(|n| n.id.clone())
                .or_else(|| item.id.clone());
            let new_name = nested
                .and_then(|n| n.new_name.clone())
                .or_else(|| item.new_name.clone());
            let (Some(item_id), Some(new_name)) = (item_id, new_name) else {
                return Err(ApiError::invalid(
                    target,
                    format!("Update {i} needs an id and a newName."),
                ));
            };
            let found = match item.type_ {
                BatchUpdateType::JobName => {
                    find_job(&mut root, &item_id).map(|j| j.name = Some(new_name.clone()))
                }
                _ => find_group(&mut root, &item_id).map(|g| g.name = Some(new_name.clone())),
            };
            if found.is_none() {
                let what = if item.type_ == BatchUpdateType::JobName {
                    "job"
                } else {
                    "group"
                };
                return Err(ApiError::invalid(
                    format!("{target}.id"),
                    format!("Process {id} has no {what} with id {item_id}."),
                ));
            }
            renamed.push((item_id, new_name));
        }
        entry.process.root = Some(root);
        entry.process.revision = Some(entry.process.revision.unwrap_or(0) + 1);
        entry.process.modified = Some(stamp(user, now));
        if let Some(run) = &mut entry.process.run {
            // A run shows its jobs' current names.
            let mut children = freeforms_to_values(&run.children);
            for (item_id, new_name) in &renamed {
                rename_run_node(&mut children, item_id, new_name);
            }
            run.children = values_to_freeforms(children);
        }
        Ok(entry.process.clone())
    }

    /// Starts a run of a process: 409 while one is running.
    pub(crate) fn run(
        &mut self,
        id: &str,
        user: &str,
        now: DateTime<Utc>,
    ) -> Result<ProcessRun, ApiError> {
        let run_id = self.new_id();
        let entry = self.get_mut(id).ok_or_else(|| not_found_process(id))?;
        if let Some(run) = &entry.process.run {
            if run.status == Some(RunStatus::Running) {
                return Err(ApiError::conflict(format!(
                    "Process {id} is already running (process run id {}).",
                    run.id.as_deref().unwrap_or_default()
                )));
            }
        }
        let root = entry.process.root.clone().unwrap_or_default();
        let children = run_children(&root, true, &run_id);
        let mut run = ProcessRun {
            active: Some(true),
            children_eligible_to_start_count: Some(
                children
                    .iter()
                    .filter(|c| c.get("eligibleToStart") == Some(&Value::Bool(true)))
                    .count() as i64,
            ),
            children: values_to_freeforms(children),
            created: Some(stamp(user, now)),
            eligible_to_start: Some(true),
            id: Some(run_id.clone()),
            modified: Some(stamp(user, now)),
            name: root.name.clone().or_else(|| entry.process.name.clone()),
            ordinal: Some(0),
            parallel: root.parallel.unwrap_or(false),
            parent: None,
            read_only: root.read_only.unwrap_or(false),
            revision: Some(1),
            status: Some(RunStatus::Running),
            status_counts: HashMap::new(),
            trigger_type: Some(
                root.trigger_type
                    .clone()
                    .unwrap_or(TriggerType::WhenEligible),
            ),
        };
        update_status_counts(&mut run);
        if let Some(previous) = entry.process.run.replace(run.clone()) {
            if let Some(previous_id) = previous.id.clone() {
                self.past_runs.insert(previous_id, previous);
            }
        }
        self.runs.insert(run_id, id.to_owned());
        Ok(run)
    }

    /// A run by id; runs of trashed processes are hidden with them.
    pub(crate) fn get_run(&self, run_id: &str) -> Option<ProcessRun> {
        let process = self.get(self.runs.get(run_id)?)?;
        match &process.process.run {
            Some(run) if run.id.as_deref() == Some(run_id) => Some(run.clone()),
            _ => self.past_runs.get(run_id).cloned(),
        }
    }

    /// The current run of a live process, for changing it.
    fn current_run_mut(&mut self, run_id: &str) -> Option<&mut ProcessRun> {
        let process_id = self.runs.get(run_id)?.clone();
        let run = self.get_mut(&process_id)?.process.run.as_mut()?;
        (run.id.as_deref() == Some(run_id)).then_some(run)
    }

    /// Marks a running run complete, so that its process can run again.
    pub(crate) fn complete_run(&mut self, run_id: &str, now: DateTime<Utc>) -> bool {
        let Some(run) = self.current_run_mut(run_id) else {
            return false;
        };
        if run.status != Some(RunStatus::Running) {
            return false;
        }
        run.status = Some(RunStatus::Complete);
        run.active = Some(false);
        run.eligible_to_start = Some(false);
        run.children_eligible_to_start_count = Some(0);
        let mut children = freeforms_to_values(&run.children);
        for child in &mut children {
            set_status_deep(child, "complete");
        }
        run.children = values_to_freeforms(children);
        run.revision = Some(run.revision.unwrap_or(0) + 1);
        if let Some(modified) = &mut run.modified {
            modified.date_time = Some(now);
        }
        update_status_counts(run);
        true
    }

    /// Adds job runs to a running run; returns them as added.
    pub(crate) fn create_job_runs(
        &mut self,
        run_id: &str,
        jobs: &[types::JobRunCreate],
        placement: &Placement<'_>,
        user: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Value>, ApiError> {
        let ids: Vec<String> = jobs.iter().map(|_| self.new_id()).collect();
        let run = self.current_run_mut(run_id).ok_or_else(|| {
            ApiError::not_found(format!("Could not find process run id {run_id}"))
        })?;
        if run.status != Some(RunStatus::Running) {
            return Err(ApiError::conflict(format!(
                "Process run {run_id} is not running."
            )));
        }
        let mut root = Value::Array(freeforms_to_values(&run.children));
        let parent_id = placement.parent_group_id.unwrap_or(run_id).to_owned();
        let siblings: &mut Vec<Value> = if parent_id == run_id {
            root.as_array_mut().expect("an array")
        } else {
            find_run_group_children(&mut root, &parent_id).ok_or_else(|| {
                ApiError::invalid(
                    "parentGroupId",
                    format!("Process run {run_id} has no group with id {parent_id}."),
                )
            })?
        };
        let at = match placement.relative_sibling_id {
            Some(sibling) => {
                let pos = siblings.iter().position(|c| c.get("id").and_then(Value::as_str) == Some(sibling)).ok_or_else(
                    || {
                        ApiError::invalid(
                            "relativeSiblingId",
                            format!("Group {parent_id} of process run {run_id} has no child with id {sibling}."),
                        )
                    },
                )?;
                if placement.before { pos } else { pos + 1 }
            }
            None => siblings.len(),
        };
        let added: Vec<Value> = jobs
            .iter()
            .zip(ids)
            .map(|(job, id)| {
                let mut node = Map::new();
                node.insert("type".into(), json!("job"));
                node.insert("id".into(), json!(id));
                let name = job
                    .action
                    .clone()
                    .or_else(|| job.arguments.as_ref().map(|a| a.type_.to_string()))
                    .unwrap_or_else(|| "Job".to_owned());
                node.insert("name".into(), json!(name));
                if let Some(action) = &job.action {
                    node.insert("action".into(), json!(action));
                }
                if let Some(arguments) = &job.arguments {
                    node.insert(
                        "arguments".into(),
                        serde_json::to_value(arguments).unwrap_or(Value::Null),
                    );
                }
                let trigger = job
                    .trigger_type
                    .clone()
                    .unwrap_or(TriggerType::WhenEligible);
                node.insert("triggerType".into(), json!(trigger.to_string()));
                node.insert("status".into(), json!("waiting"));
                node.insert("eligibleToStart".into(), json!(false));
                node.insert("parent".into(), json!(parent_id));
                node.insert(
                    "created".into(),
                    json!({"dateTime": now, "user": {"id": user}}),
                );
                Value::Object(node)
            })
            .collect();
        siblings.splice(at..at, added.iter().cloned());
        for (i, child) in siblings.iter_mut().enumerate() {
            if let Some(obj) = child.as_object_mut() {
                obj.insert("ordinal".into(), json!(i));
            }
        }
        run.children = values_to_freeforms(root.as_array().cloned().unwrap_or_default());
        run.revision = Some(run.revision.unwrap_or(0) + 1);
        run.modified = Some(stamp(user, now));
        update_status_counts(run);
        // The process embeds its run; the stored copy is the one changed above.
        Ok(added)
    }

    /// Adds a few demo processes with realistic names; the first has a
    /// started run.
    pub(crate) fn seed_demo_data(&mut self, now: DateTime<Utc>) {
        let user = "demo";
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let weekdays = vec![
            DayOfWeek::Monday,
            DayOfWeek::Tuesday,
            DayOfWeek::Wednesday,
            DayOfWeek::Thursday,
            DayOfWeek::Friday,
        ];
        let close = Process {
            name: Some("FY2025 10-K Close".into()),
            due_date: date(2026, 2, 27),
            business_start_date: date(2026, 1, 5),
            business_days_of_week: weekdays.clone(),
            auto_close: Some(false),
            cert_auto_approve: Some(false),
            relative_dates: Some(false),
            root: Some(group(
                "FY2025 10-K Close",
                false,
                vec![
                    ProcessChild {
                        type_: Some(ChildType::Group),
                        group: Some(group(
                            "Prepare financial statements",
                            true,
                            vec![
                                job(
                                    "Send draft balance sheet to the controller",
                                    ActionType::SendTask,
                                ),
                                job("Collect segment disclosures", ActionType::ContentRequest),
                            ],
                        )),
                        job: None,
                    },
                    job("CFO sub-certification", ActionType::Certification),
                ],
            )),
            ..Default::default()
        };
        let quarter = Process {
            name: Some("Q1 2026 10-Q Review".into()),
            due_date: date(2026, 5, 8),
            business_start_date: date(2026, 4, 1),
            business_days_of_week: weekdays.clone(),
            auto_close: Some(true),
            root: Some(group(
                "Q1 2026 10-Q Review",
                false,
                vec![
                    job(
                        "Request MD&A updates from business units",
                        ActionType::ContentRequest,
                    ),
                    job("Review tie-outs", ActionType::SendTask),
                ],
            )),
            ..Default::default()
        };
        let sox = Process {
            name: Some("SOX 404 Quarterly Control Certification".into()),
            due_date: date(2026, 4, 15),
            cert_auto_approve: Some(true),
            root: Some(group(
                "SOX 404 Quarterly Control Certification",
                false,
                vec![
                    job("Control owner certification", ActionType::Certification),
                    job(
                        "Approver sign-off",
                        ActionType::CertificationApproverGenerated,
                    ),
                ],
            )),
            ..Default::default()
        };
        let esg = Process {
            name: Some("2025 Sustainability Report Data Collection".into()),
            due_date: date(2026, 6, 30),
            relative_dates: Some(true),
            business_days_of_week: weekdays,
            root: Some(group(
                "2025 Sustainability Report Data Collection",
                true,
                vec![
                    job(
                        "Collect Scope 1 and 2 emissions data",
                        ActionType::ContentRequest,
                    ),
                    job(
                        "Collect workforce diversity metrics",
                        ActionType::ContentRequest,
                    ),
                ],
            )),
            ..Default::default()
        };
        let processes = [close, quarter, sox, esg];
        let count = processes.len() as i64;
        let mut first = None;
        for (i, p) in processes.into_iter().enumerate() {
            let created = now - TimeDelta::days(30 - i as i64 * (30 / count));
            let id = self.create(p, user, created).id.unwrap_or_default();
            first.get_or_insert(id);
        }
        if let Some(id) = first {
            // Cannot fail: the process was just created and has no run.
            let _ = self.run(&id, user, now - TimeDelta::days(2));
        }
    }
}

fn group(name: &str, parallel: bool, children: Vec<ProcessChild>) -> ProcessGroup {
    ProcessGroup {
        name: Some(name.into()),
        parallel: Some(parallel),
        read_only: Some(false),
        trigger_type: Some(TriggerType::WhenEligible),
        children,
        ..Default::default()
    }
}

fn job(name: &str, action: ActionType) -> ProcessChild {
    let args = FreeForm(Map::from_iter([("description".to_owned(), json!(name))]));
    let mut arguments = ActionArguments {
        cert_approver_args: None,
        cert_phase_finalizer_args: None,
        cert_signer_args: None,
        certification_args: None,
        content_request_args: None,
        send_task_args: None,
        type_: action.clone(),
    };
    match action {
        ActionType::SendTask => arguments.send_task_args = Some(args),
        ActionType::ContentRequest => arguments.content_request_args = Some(args),
        ActionType::CertificationApproverGenerated
        | ActionType::CertificationConditionalApproverGenerated => {
            arguments.cert_approver_args = Some(args)
        }
        ActionType::CertificationSignerGenerated => arguments.cert_signer_args = Some(args),
        ActionType::CertificationPhaseFinalizerGenerated => {
            arguments.cert_phase_finalizer_args = Some(args)
        }
        _ => arguments.certification_args = Some(args),
    }
    ProcessChild {
        type_: Some(ChildType::Job),
        job: Some(Job {
            action: Some(action.to_string()),
            arguments: Some(arguments),
            id: None,
            name: Some(name.into()),
            trigger_type: Some(TriggerType::WhenEligible),
        }),
        group: None,
    }
}

pub(crate) fn not_found_process(id: &str) -> ApiError {
    ApiError::not_found(format!("Could not find process id {id}"))
}

pub(crate) fn stamp(user: &str, at: DateTime<Utc>) -> Stamp {
    Stamp {
        date_time: Some(at),
        user: Some(FreeForm(Map::from_iter([("id".to_owned(), json!(user))]))),
    }
}

fn find_job<'a>(group: &'a mut ProcessGroup, id: &str) -> Option<&'a mut Job> {
    for child in &mut group.children {
        if let Some(job) = &mut child.job {
            if job.id.as_deref() == Some(id) {
                return Some(job);
            }
        }
        if let Some(found) = child.group.as_mut().and_then(|g| find_job(g, id)) {
            return Some(found);
        }
    }
    None
}

fn find_group<'a>(group: &'a mut ProcessGroup, id: &str) -> Option<&'a mut ProcessGroup> {
    if group.id.as_deref() == Some(id) {
        return Some(group);
    }
    group
        .children
        .iter_mut()
        .filter_map(|c| c.group.as_mut())
        .find_map(|g| find_group(g, id))
}

/// Whether a job is one Workiva generates (its action type ends in
/// `Generated`), which `excludeGeneratedJobs` leaves out.
fn is_generated(arguments_type: Option<&str>) -> bool {
    arguments_type.is_some_and(|t| t.ends_with("Generated"))
}

/// Removes generated jobs from a process's tree.
pub(crate) fn exclude_generated_jobs(group: &mut ProcessGroup) {
    group.children.retain(|c| {
        !is_generated(
            c.job
                .as_ref()
                .and_then(|j| j.arguments.as_ref())
                .map(|a| a.type_.to_string())
                .as_deref(),
        )
    });
    for g in group.children.iter_mut().filter_map(|c| c.group.as_mut()) {
        exclude_generated_jobs(g);
    }
}

/// Removes generated job runs from a run's tree.
pub(crate) fn exclude_generated_job_runs(run: &mut ProcessRun) {
    let mut children = Value::Array(freeforms_to_values(&run.children));
    prune_generated(&mut children);
    run.children = values_to_freeforms(children.as_array().cloned().unwrap_or_default());
}

fn prune_generated(children: &mut Value) {
    if let Some(list) = children.as_array_mut() {
        list.retain(|c| !is_generated(c.pointer("/arguments/type").and_then(Value::as_str)));
        for c in list.iter_mut() {
            if let Some(nested) = c.get_mut("children") {
                prune_generated(nested);
            }
        }
    }
}

/// The run's view of a group's children: each job and group with its status.
/// In an eligible group every child of a parallel group may start, and only
/// the first of a sequential one.
fn run_children(group: &ProcessGroup, eligible: bool, parent: &str) -> Vec<Value> {
    let parallel = group.parallel.unwrap_or(false);
    group
        .children
        .iter()
        .enumerate()
        .map(|(i, child)| {
            let starts = eligible && (parallel || i == 0);
            let status = if starts { "running" } else { "waiting" };
            let mut node = Map::new();
            node.insert("ordinal".into(), json!(i));
            node.insert("parent".into(), json!(parent));
            node.insert("status".into(), json!(status));
            node.insert("eligibleToStart".into(), json!(starts));
            if let Some(job) = &child.job {
                node.insert("type".into(), json!("job"));
                if let Ok(Value::Object(fields)) = serde_json::to_value(job) {
                    node.extend(fields);
                }
            } else if let Some(g) = &child.group {
                let id = g.id.clone().unwrap_or_default();
                node.insert("type".into(), json!("group"));
                node.insert("id".into(), json!(id));
                node.insert("name".into(), json!(g.name));
                node.insert("parallel".into(), json!(g.parallel.unwrap_or(false)));
                node.insert("readOnly".into(), json!(g.read_only.unwrap_or(false)));
                node.insert(
                    "children".into(),
                    Value::Array(run_children(g, starts, &id)),
                );
            } else if let Some(t) = &child.type_ {
                node.insert("type".into(), json!(t.to_string()));
            }
            Value::Object(node)
        })
        .collect()
}

fn freeforms_to_values(children: &[FreeForm]) -> Vec<Value> {
    children
        .iter()
        .map(|c| Value::Object(c.0.clone()))
        .collect()
}

fn values_to_freeforms(children: Vec<Value>) -> Vec<FreeForm> {
    children
        .into_iter()
        .filter_map(|c| match c {
            Value::Object(map) => Some(FreeForm(map)),
            _ => None,
        })
        .collect()
}

fn rename_run_node(children: &mut [Value], id: &str, name: &str) {
    for c in children {
        if c.get("id").and_then(Value::as_str) == Some(id) {
            c["name"] = json!(name);
        }
        if let Some(nested) = c.get_mut("children").and_then(Value::as_array_mut) {
            rename_run_node(nested, id, name);
        }
    }
}

fn set_status_deep(node: &mut Value, status: &str) {
    if let Some(obj) = node.as_object_mut() {
        obj.insert("status".into(), json!(status));
        obj.insert("eligibleToStart".into(), json!(false));
        if let Some(nested) = obj.get_mut("children").and_then(Value::as_array_mut) {
            for c in nested {
                set_status_deep(c, status);
            }
        }
    }
}

/// The `children` array of the run group with this id, anywhere in the tree.
fn find_run_group_children<'a>(children: &'a mut Value, id: &str) -> Option<&'a mut Vec<Value>> {
    // Find the path first, then walk it mutably: returning a mutable borrow
    // from inside a search loop does not pass the borrow checker.
    fn path_to(children: &Value, id: &str, path: &mut Vec<usize>) -> bool {
        let Some(list) = children.as_array() else {
            return false;
        };
        for (i, c) in list.iter().enumerate() {
            path.push(i);
            let is_group = c.get("type").and_then(Value::as_str) == Some("group");
            if is_group && c.get("id").and_then(Value::as_str) == Some(id) {
                return true;
            }
            if c.get("children")
                .is_some_and(|nested| path_to(nested, id, path))
            {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = Vec::new();
    if !path_to(children, id, &mut path) {
        return None;
    }
    let mut node = children;
    for i in path {
        node = node.get_mut(i)?;
        node = node
            .as_object_mut()?
            .entry("children")
            .or_insert_with(|| json!([]));
    }
    node.as_array_mut()
}

/// Counts the statuses of every job and group below the run, plus the run's.
fn update_status_counts(run: &mut ProcessRun) {
    fn count(children: &[Value], counts: &mut HashMap<String, i64>) {
        for c in children {
            if let Some(status) = c.get("status").and_then(Value::as_str) {
                *counts.entry(status.to_owned()).or_default() += 1;
            }
            if let Some(nested) = c.get("children").and_then(Value::as_array) {
                count(nested, counts);
            }
        }
    }
    let mut counts = HashMap::new();
    if let Some(status) = &run.status {
        counts.insert(status.to_string(), 1);
    }
    count(&freeforms_to_values(&run.children), &mut counts);
    run.status_counts = counts;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_demo() -> Store {
        let mut s = Store::new(1);
        s.seed_demo_data(Utc::now());
        s
    }

    #[test]
    fn demo_data_has_one_running_process() {
        let s = store_with_demo();
        assert_eq!(s.live().count(), 4);
        let running: Vec<_> = s.live().filter(|e| e.process.run.is_some()).collect();
        assert_eq!(running.len(), 1);
        let run = running[0].process.run.as_ref().unwrap();
        assert_eq!(run.status, Some(RunStatus::Running));
        assert_eq!(s.get_run(run.id.as_ref().unwrap()).unwrap().id, run.id);
    }

    #[test]
    fn job_runs_go_where_placed() {
        let mut s = store_with_demo();
        let run = s.live().find_map(|e| e.process.run.clone()).unwrap();
        let run_id = run.id.clone().unwrap();
        let group_id = run.children[0]["id"].as_str().unwrap().to_owned();
        let first_in_group = run.children[0]["children"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let job = types::JobRunCreate {
            action: Some("sendTask".into()),
            ..Default::default()
        };
        let placement = Placement {
            parent_group_id: Some(&group_id),
            relative_sibling_id: Some(&first_in_group),
            before: false,
        };
        let added = s
            .create_job_runs(&run_id, &[job], &placement, "u", Utc::now())
            .unwrap();
        let run = s.get_run(&run_id).unwrap();
        let in_group = run.children[0]["children"].as_array().unwrap();
        assert_eq!(in_group.len(), 3);
        assert_eq!(in_group[1]["id"], added[0]["id"]);
        assert_eq!(in_group[1]["ordinal"], json!(1));
        assert_eq!(run.revision, Some(2));
    }

    #[test]
    fn generated_jobs_can_be_left_out() {
        let s = store_with_demo();
        let sox = s
            .live()
            .find(|e| e.process.name.as_deref().unwrap().starts_with("SOX"))
            .unwrap();
        let mut root = sox.process.root.clone().unwrap();
        assert_eq!(root.children.len(), 2);
        exclude_generated_jobs(&mut root);
        assert_eq!(root.children.len(), 1);
    }
}
