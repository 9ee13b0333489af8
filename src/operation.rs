//! What the spec says about each operation, read from the generated table.

/// One operation of the spec: the generated table (`OPERATIONS`) holds one per
/// operation, so nothing here is typed by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The spec's operationId, e.g. `trashProcess`.
    pub operation_id: &'static str,
    /// The client method, e.g. `trash_process`.
    pub method_name: &'static str,
    /// HTTP method in upper case.
    pub method: &'static str,
    /// Path template, e.g. `/processes/{processId}`.
    pub path: &'static str,
    /// OAuth scopes the operation requires (its `security` requirement).
    pub scopes: &'static [&'static str],
    /// Documented 2xx statuses.
    pub success_statuses: &'static [u16],
    /// Documented error statuses.
    pub error_statuses: &'static [u16],
    /// Path parameters (API names), in template order.
    pub path_parameters: &'static [&'static str],
}

impl Operation {
    /// Whether repeating the request has the same effect as sending it once
    /// (RFC 9110: GET, HEAD, PUT, DELETE, OPTIONS, TRACE).
    pub fn is_idempotent(&self) -> bool {
        matches!(
            self.method,
            "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "TRACE"
        )
    }

    /// Looks an operation up by operationId (`trashProcess`) or method name
    /// (`trash_process`).
    pub fn find(name: &str) -> Option<&'static Operation> {
        crate::OPERATIONS
            .iter()
            .find(|o| o.operation_id == name || o.method_name == name)
    }
}
