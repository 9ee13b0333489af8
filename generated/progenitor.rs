// @generated from openapi/processes.yaml by `cargo xtask regenerate` (workiva-processes-codegen). Do not edit.

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    /**Arguments of a job's action: `type` names the action and only the
matching `*Args` field is set. The argument objects are free-form
because the documentation disagrees on their shape (for example
`assigneeUser` against `assignee: {id, type}`).
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct ActionArguments {
        #[serde(
            rename = "certApproverArgs",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cert_approver_args: ::std::option::Option<FreeForm>,
        #[serde(
            rename = "certPhaseFinalizerArgs",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cert_phase_finalizer_args: ::std::option::Option<FreeForm>,
        #[serde(
            rename = "certSignerArgs",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cert_signer_args: ::std::option::Option<FreeForm>,
        #[serde(
            rename = "certificationArgs",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub certification_args: ::std::option::Option<FreeForm>,
        #[serde(
            rename = "contentRequestArgs",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub content_request_args: ::std::option::Option<FreeForm>,
        #[serde(
            rename = "sendTaskArgs",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub send_task_args: ::std::option::Option<FreeForm>,
        #[serde(rename = "type")]
        pub type_: ActionType,
    }
    ///`ActionType`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum ActionType {
        #[serde(rename = "sendTask")]
        SendTask,
        #[serde(rename = "contentRequest")]
        ContentRequest,
        #[serde(rename = "certification")]
        Certification,
        #[serde(rename = "certificationApproverGenerated")]
        CertificationApproverGenerated,
        #[serde(rename = "certificationSignerGenerated")]
        CertificationSignerGenerated,
        #[serde(rename = "certificationConditionalApproverGenerated")]
        CertificationConditionalApproverGenerated,
        #[serde(rename = "certificationPhaseFinalizerGenerated")]
        CertificationPhaseFinalizerGenerated,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for ActionType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::SendTask => f.write_str("sendTask"),
                Self::ContentRequest => f.write_str("contentRequest"),
                Self::Certification => f.write_str("certification"),
                Self::CertificationApproverGenerated => {
                    f.write_str("certificationApproverGenerated")
                }
                Self::CertificationSignerGenerated => {
                    f.write_str("certificationSignerGenerated")
                }
                Self::CertificationConditionalApproverGenerated => {
                    f.write_str("certificationConditionalApproverGenerated")
                }
                Self::CertificationPhaseFinalizerGenerated => {
                    f.write_str("certificationPhaseFinalizerGenerated")
                }
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for ActionType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "sendTask" => Ok(Self::SendTask),
                "contentRequest" => Ok(Self::ContentRequest),
                "certification" => Ok(Self::Certification),
                "certificationApproverGenerated" => {
                    Ok(Self::CertificationApproverGenerated)
                }
                "certificationSignerGenerated" => Ok(Self::CertificationSignerGenerated),
                "certificationConditionalApproverGenerated" => {
                    Ok(Self::CertificationConditionalApproverGenerated)
                }
                "certificationPhaseFinalizerGenerated" => {
                    Ok(Self::CertificationPhaseFinalizerGenerated)
                }
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ActionType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ActionType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Up to 3000 renames of jobs and groups.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct BatchUpdate {
        pub data: ::std::vec::Vec<BatchUpdateItem>,
    }
    /**One rename. The documentation shows it both flat (`id`, `newName`) and
nested (`jobNameUpdate` or `groupNameUpdate`); both are accepted.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct BatchUpdateItem {
        #[serde(
            rename = "groupNameUpdate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub group_name_update: ::std::option::Option<NameUpdate>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "jobNameUpdate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub job_name_update: ::std::option::Option<NameUpdate>,
        #[serde(
            rename = "newName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub new_name: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type")]
        pub type_: BatchUpdateType,
    }
    ///`BatchUpdateType`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum BatchUpdateType {
        #[serde(rename = "jobName")]
        JobName,
        #[serde(rename = "groupName")]
        GroupName,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for BatchUpdateType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::JobName => f.write_str("jobName"),
                Self::GroupName => f.write_str("groupName"),
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for BatchUpdateType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "jobName" => Ok(Self::JobName),
                "groupName" => Ok(Self::GroupName),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for BatchUpdateType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for BatchUpdateType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`ChildType`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum ChildType {
        #[serde(rename = "job")]
        Job,
        #[serde(rename = "group")]
        Group,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for ChildType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Job => f.write_str("job"),
                Self::Group => f.write_str("group"),
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for ChildType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "job" => Ok(Self::Job),
                "group" => Ok(Self::Group),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ChildType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ChildType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`CreateJobRunsBefore`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum CreateJobRunsBefore {
        #[serde(rename = "true")]
        True,
        #[serde(rename = "false")]
        False,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for CreateJobRunsBefore {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::True => f.write_str("true"),
                Self::False => f.write_str("false"),
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for CreateJobRunsBefore {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "true" => Ok(Self::True),
                "false" => Ok(Self::False),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateJobRunsBefore {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CreateJobRunsBefore {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A weekday name.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum DayOfWeek {
        #[serde(rename = "MONDAY")]
        Monday,
        #[serde(rename = "TUESDAY")]
        Tuesday,
        #[serde(rename = "WEDNESDAY")]
        Wednesday,
        #[serde(rename = "THURSDAY")]
        Thursday,
        #[serde(rename = "FRIDAY")]
        Friday,
        #[serde(rename = "SATURDAY")]
        Saturday,
        #[serde(rename = "SUNDAY")]
        Sunday,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for DayOfWeek {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Monday => f.write_str("MONDAY"),
                Self::Tuesday => f.write_str("TUESDAY"),
                Self::Wednesday => f.write_str("WEDNESDAY"),
                Self::Thursday => f.write_str("THURSDAY"),
                Self::Friday => f.write_str("FRIDAY"),
                Self::Saturday => f.write_str("SATURDAY"),
                Self::Sunday => f.write_str("SUNDAY"),
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for DayOfWeek {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "MONDAY" => Ok(Self::Monday),
                "TUESDAY" => Ok(Self::Tuesday),
                "WEDNESDAY" => Ok(Self::Wednesday),
                "THURSDAY" => Ok(Self::Thursday),
                "FRIDAY" => Ok(Self::Friday),
                "SATURDAY" => Ok(Self::Saturday),
                "SUNDAY" => Ok(Self::Sunday),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for DayOfWeek {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for DayOfWeek {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**Standard error response returned by the API when a request fails.
Provides detailed information about what went wrong including error
codes, human-readable messages, and additional context to help diagnose
and fix the issue.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct Error {
        ///One of a server-defined set of error codes.
        pub code: ::std::string::String,
        ///Further errors that led to this one.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub details: ::std::option::Option<::std::vec::Vec<ErrorDetail>>,
        ///Link to documentation relevant to the error.
        #[serde(
            rename = "documentationUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub documentation_url: ::std::option::Option<::std::string::String>,
        ///A human-readable representation of the error.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
        ///Free-form context of the error.
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub meta: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ///The target of the error.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub target: ::std::option::Option<::std::string::String>,
        ///The API version in use when the error occurred.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub version: ::std::option::Option<::std::string::String>,
    }
    ///One further error behind an error response.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct ErrorDetail {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub target: ::std::option::Option<::std::string::String>,
    }
    ///A free-form object.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(transparent)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct FreeForm(
        pub ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    );
    impl ::std::ops::Deref for FreeForm {
        type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
        fn deref(
            &self,
        ) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
            &self.0
        }
    }
    impl ::std::convert::From<FreeForm>
    for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
        fn from(value: FreeForm) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for FreeForm {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self(value)
        }
    }
    ///A job of a process.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct Job {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub action: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub arguments: ::std::option::Option<ActionArguments>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "triggerType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub trigger_type: ::std::option::Option<TriggerType>,
    }
    ///One job to add to a running process.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct JobRunCreate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub action: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub arguments: ::std::option::Option<ActionArguments>,
        #[serde(
            rename = "triggerType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub trigger_type: ::std::option::Option<TriggerType>,
    }
    ///`JobRunCreateList`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(transparent)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct JobRunCreateList(pub ::std::vec::Vec<JobRunCreate>);
    impl ::std::ops::Deref for JobRunCreateList {
        type Target = ::std::vec::Vec<JobRunCreate>;
        fn deref(&self) -> &::std::vec::Vec<JobRunCreate> {
            &self.0
        }
    }
    impl ::std::convert::From<JobRunCreateList> for ::std::vec::Vec<JobRunCreate> {
        fn from(value: JobRunCreateList) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::vec::Vec<JobRunCreate>> for JobRunCreateList {
        fn from(value: ::std::vec::Vec<JobRunCreate>) -> Self {
            Self(value)
        }
    }
    ///Not documented; kept free-form.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(transparent)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct JobRunsCreated(
        pub ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    );
    impl ::std::ops::Deref for JobRunsCreated {
        type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
        fn deref(
            &self,
        ) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
            &self.0
        }
    }
    impl ::std::convert::From<JobRunsCreated>
    for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
        fn from(value: JobRunsCreated) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for JobRunsCreated {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self(value)
        }
    }
    ///`NameUpdate`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct NameUpdate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "newName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub new_name: ::std::option::Option<::std::string::String>,
    }
    /**A process: its build-time definition and, once started, its run. The
documentation is cut off, so extra properties are allowed and only the
fields shown are typed.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct Process {
        #[serde(
            rename = "autoClose",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub auto_close: ::std::option::Option<bool>,
        #[serde(
            rename = "businessDaysOfWeek",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub business_days_of_week: ::std::vec::Vec<DayOfWeek>,
        #[serde(
            rename = "businessStartDate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_start_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        #[serde(
            rename = "certAutoApprove",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cert_auto_approve: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub created: ::std::option::Option<Stamp>,
        #[serde(
            rename = "dueDate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub due_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        ///Set by the server.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub modified: ::std::option::Option<Stamp>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "relativeDates",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub relative_dates: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub revision: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub root: ::std::option::Option<ProcessGroup>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub run: ::std::option::Option<ProcessRun>,
    }
    ///One child of a group; `type` says whether `job` or `group` is set.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct ProcessChild {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub group: ::std::option::Option<ProcessGroup>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub job: ::std::option::Option<Job>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<ChildType>,
    }
    ///A group of jobs and groups, run in order or in parallel.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct ProcessGroup {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub children: ::std::vec::Vec<ProcessChild>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parallel: ::std::option::Option<bool>,
        #[serde(
            rename = "readOnly",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub read_only: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<RunStatus>,
        #[serde(
            rename = "triggerType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub trigger_type: ::std::option::Option<TriggerType>,
    }
    ///A page of processes.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct ProcessListResult {
        pub data: ::std::vec::Vec<Process>,
        ///URL of the next page; absent on the last page.
        #[serde(
            rename = "@nextLink",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub next_link: ::std::option::Option<::std::string::String>,
    }
    /**A run of a process (its root group run). The documentation is cut off,
so extra properties are allowed.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct ProcessRun {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub active: ::std::option::Option<bool>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub children: ::std::vec::Vec<FreeForm>,
        #[serde(
            rename = "childrenEligibleToStartCount",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub children_eligible_to_start_count: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub created: ::std::option::Option<Stamp>,
        #[serde(
            rename = "eligibleToStart",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub eligible_to_start: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub modified: ::std::option::Option<Stamp>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub ordinal: ::std::option::Option<i64>,
        pub parallel: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parent: ::std::option::Option<::std::string::String>,
        #[serde(rename = "readOnly")]
        pub read_only: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub revision: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<RunStatus>,
        #[serde(
            rename = "statusCounts",
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty"
        )]
        pub status_counts: ::std::collections::HashMap<::std::string::String, i64>,
        #[serde(
            rename = "triggerType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub trigger_type: ::std::option::Option<TriggerType>,
    }
    ///`RunProcessOptions`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct RunProcessOptions {
        #[serde(
            rename = "sendProcessCompleteEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub send_process_complete_email: ::std::option::Option<bool>,
    }
    /**Status of a run. The documentation lists seven values but shows only
these four.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum RunStatus {
        #[serde(rename = "waiting")]
        Waiting,
        #[serde(rename = "running")]
        Running,
        #[serde(rename = "cancelling")]
        Cancelling,
        #[serde(rename = "complete")]
        Complete,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for RunStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Waiting => f.write_str("waiting"),
                Self::Running => f.write_str("running"),
                Self::Cancelling => f.write_str("cancelling"),
                Self::Complete => f.write_str("complete"),
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for RunStatus {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "waiting" => Ok(Self::Waiting),
                "running" => Ok(Self::Running),
                "cancelling" => Ok(Self::Cancelling),
                "complete" => Ok(Self::Complete),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for RunStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for RunStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///When and by whom something happened.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub struct Stamp {
        #[serde(
            rename = "dateTime",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_time: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub user: ::std::option::Option<FreeForm>,
    }
    ///When a job or group starts. Only `whenEligible` is documented.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum TriggerType {
        #[serde(rename = "whenEligible")]
        WhenEligible,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for TriggerType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::WhenEligible => f.write_str("whenEligible"),
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for TriggerType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "whenEligible" => Ok(Self::WhenEligible),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for TriggerType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TriggerType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Version of the API.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub enum XVersion {
        #[serde(rename = "2026-04-01.processes.preview")]
        X20260401ProcessesPreview,
        /// A value this revision of the spec does not know.
        #[serde(untagged)]
        Unknown(::std::string::String),
    }
    impl ::std::fmt::Display for XVersion {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::X20260401ProcessesPreview => {
                    f.write_str("2026-04-01.processes.preview")
                }
                Self::Unknown(ref value) => f.write_str(value),
            }
        }
    }
    impl ::std::str::FromStr for XVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "2026-04-01.processes.preview" => Ok(Self::X20260401ProcessesPreview),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for XVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for XVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for Workiva Processes API

Processes preview of the Workiva platform API. Written by this project from
Workiva's public documentation (Workiva publishes no OpenAPI file for this
preview). Where the documentation is cut off or contradicts itself the
schemas are permissive: extra properties are allowed and no required field
is guessed. The preview may change before general availability.


Version: 2026-04-01.processes.preview*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::transport::CallContext,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::transport::CallContext) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::transport::CallContext,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::transport::CallContext> for Client {
    fn api_version() -> &'static str {
        "2026-04-01.processes.preview"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::transport::CallContext {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::transport::CallContext>,
    {}
};
#[allow(clippy::all)]
impl Client {
    /**List processes

Returns a page of processes. Each process embeds its run when it has
been started. Follow `@nextLink` (or pass its `$next` cursor) for the
next page; `@nextLink` is absent on the last page.


Sends a `GET` request to `/processes`

Arguments:
- `filter`: Only `name contains '...'` is supported.
- `maxpagesize`: The most items a page holds.
- `next`: Opaque cursor of the next page, taken from `@nextLink`.
- `order_by`: `name`, `dueDate` or `run.created.dateTime`, each optionally followed by
`asc` or `desc`. Defaults to `run.created.dateTime desc`.

*/
    pub async fn list_processes<'a>(
        &'a self,
        filter: Option<&'a str>,
        maxpagesize: Option<::std::num::NonZeroU32>,
        next: Option<&'a str>,
        order_by: Option<&'a str>,
    ) -> Result<ResponseValue<types::ProcessListResult>, Error<()>> {
        let url = format!("{}/processes", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("$filter", &filter))
            .query(&progenitor_client::QueryParam::new("$maxpagesize", &maxpagesize))
            .query(&progenitor_client::QueryParam::new("$next", &next))
            .query(&progenitor_client::QueryParam::new("$orderBy", &order_by))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "list_processes",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create a process

Creates a process from its build-time definition. The documentation
does not show the success status, so both 200 and 201 are accepted.


Sends a `POST` request to `/processes`

*/
    pub async fn create_process<'a>(
        &'a self,
        body: &'a types::Process,
    ) -> Result<ResponseValue<types::Process>, Error<()>> {
        let url = format!("{}/processes", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "create_process",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            201u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get a process

Retrieves a process by its id.

Sends a `GET` request to `/processes/{processId}`

Arguments:
- `process_id`: The process id
- `exclude_generated_jobs`: Leave generated jobs out of the response.
*/
    pub async fn get_process<'a>(
        &'a self,
        process_id: &'a str,
        exclude_generated_jobs: Option<bool>,
    ) -> Result<ResponseValue<types::Process>, Error<()>> {
        let url = format!(
            "{}/processes/{}", self.baseurl, crate ::input::encode_path_segment(&
            process_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(
                &progenitor_client::QueryParam::new(
                    "excludeGeneratedJobs",
                    &exclude_generated_jobs,
                ),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_process",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete a Process

Move a Process to trash by its id. The Process can be restored later.

Sends a `DELETE` request to `/processes/{processId}`

Arguments:
- `process_id`: The process id
*/
    pub async fn trash_process<'a>(
        &'a self,
        process_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<()>> {
        let url = format!(
            "{}/processes/{}", self.baseurl, crate ::input::encode_path_segment(&
            process_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self.client.delete(url).headers(header_map).build()?;
        let info = OperationInfo {
            operation_id: "trash_process",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(ResponseValue::empty(response)),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Batch update a process

Applies up to 3000 updates (job and group renames) to a process.

Sends a `POST` request to `/processes/{processId}/batchUpdates`

Arguments:
- `process_id`: The process id
- `body`
*/
    pub async fn batch_update_process<'a>(
        &'a self,
        process_id: &'a str,
        body: &'a types::BatchUpdate,
    ) -> Result<ResponseValue<types::Process>, Error<()>> {
        let url = format!(
            "{}/processes/{}/batchUpdates", self.baseurl, crate
            ::input::encode_path_segment(& process_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "batch_update_process",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Run a process

Starts a run of the process.

Sends a `POST` request to `/processes/{processId}/run`

Arguments:
- `process_id`: The process id
- `body`
*/
    pub async fn run_process<'a>(
        &'a self,
        process_id: &'a str,
        body: &'a types::RunProcessOptions,
    ) -> Result<ResponseValue<types::ProcessRun>, Error<()>> {
        let url = format!(
            "{}/processes/{}/run", self.baseurl, crate ::input::encode_path_segment(&
            process_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "run_process",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get a process run

Retrieves a process run by its id.

Sends a `GET` request to `/processRuns/{processRunId}`

Arguments:
- `process_run_id`: The process run id
- `exclude_generated_jobs`: Leave generated jobs out of the response.
*/
    pub async fn get_process_run<'a>(
        &'a self,
        process_run_id: &'a str,
        exclude_generated_jobs: Option<bool>,
    ) -> Result<ResponseValue<types::ProcessRun>, Error<()>> {
        let url = format!(
            "{}/processRuns/{}", self.baseurl, crate ::input::encode_path_segment(&
            process_run_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(
                &progenitor_client::QueryParam::new(
                    "excludeGeneratedJobs",
                    &exclude_generated_jobs,
                ),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_process_run",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Add job runs to a process run

Adds jobs to a running process. The documentation does not show the
success status or body, so 200 and 201 are accepted with a
free-form body.


Sends a `POST` request to `/processRuns/{processRunId}/jobRuns`

Arguments:
- `process_run_id`: The process run id
- `before`: Place the new jobs before the relative sibling (documented as a
string, "defaults to true").

- `parent_group_id`: The group that receives the new jobs.
- `relative_sibling_id`: The job or group the new jobs are placed next to.
- `body`
*/
    pub async fn create_job_runs<'a>(
        &'a self,
        process_run_id: &'a str,
        before: Option<types::CreateJobRunsBefore>,
        parent_group_id: Option<&'a str>,
        relative_sibling_id: Option<&'a str>,
        body: &'a types::JobRunCreateList,
    ) -> Result<ResponseValue<types::JobRunsCreated>, Error<()>> {
        let url = format!(
            "{}/processRuns/{}/jobRuns", self.baseurl, crate
            ::input::encode_path_segment(& process_run_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("x-version"),
                ::reqwest::header::HeaderValue::from_static(Self::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .query(&progenitor_client::QueryParam::new("before", &before))
            .query(
                &progenitor_client::QueryParam::new("parentGroupId", &parent_group_id),
            )
            .query(
                &progenitor_client::QueryParam::new(
                    "relativeSiblingId",
                    &relative_sibling_id,
                ),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "create_job_runs",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            201u16 => ResponseValue::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    #[allow(unused_imports)]
    pub use super::Client;
}
