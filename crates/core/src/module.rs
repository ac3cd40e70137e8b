//! How a module declares itself: its mutations and its records, in one
//! place in its own folder (`members/mod.rs`, `canteen/mod.rs`, …).
//!
//! ```ignore
//! declare_module! {
//!     /// The canteen's mutations.
//!     module "canteen" as CanteenMutation;
//!     records: RECORD_KINDS;
//!     mutations {
//!         UpsertDish(Dish) = "upsertDish" {
//!             who: MayRun::Holders(&CANTEEN_STAFF),
//!             run: mutations::upsert_dish,
//!             example: {"id": "tofu", "nameZh": "家常豆腐", …},
//!         }
//!     }
//! }
//! ```
//!
//! Each mutation names its wire name, its arguments' type, who may try it
//! ([`MayRun`](crate::role::MayRun)), the function that applies it (every
//! one `async fn(tx, actor, args, now) -> Result<(), ApplyError>`) and an
//! example of its arguments. The example cannot be left out, so the
//! round-trip test, the server's role matrix and its fuzzing reach every
//! mutation; `crate::mutation` gathers the modules into
//! [`Mutation`](crate::mutation::Mutation), and a test holds
//! docs/PROTOCOL.md's tables to the declarations.

/// Declares a module's mutation enum and its record kinds; see the module
/// documentation above.
macro_rules! declare_module {
    (
        $(#[$meta:meta])*
        module $module:literal as $enum:ident;
        records: $records:expr;
        mutations {
            $(
                $variant:ident($args:ty) = $name:literal {
                    who: $who:expr,
                    run: $run:path,
                    example: $example:tt $(,)?
                }
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
        #[serde(tag = "name", content = "args")]
        pub enum $enum {
            $(#[serde(rename = $name)] $variant($args),)*
        }

        impl $enum {
            /// The module's name, as the audit log files its mutations.
            pub const MODULE: &'static str = $module;
            /// The wire names of the module's mutations.
            pub const NAMES: &'static [&'static str] = &[$($name),*];
            /// The kinds of record the module keeps, each with its readers.
            pub const RECORD_KINDS: &'static [$crate::keys::RecordKind] = $records;

            /// Reads the module's mutation named `name`; `None` when the
            /// module has none of that name.
            pub fn parse(
                name: &str,
                args: &serde_json::Value,
            ) -> Option<Result<Self, serde_json::Error>> {
                match name {
                    $($name => Some(<$args as serde::Deserialize>::deserialize(args).map(Self::$variant)),)*
                    _ => None,
                }
            }

            /// The wire name.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => $name,)*
                }
            }

            /// Who may try the mutation at all.
            pub fn may_run(&self) -> $crate::role::MayRun {
                match self {
                    $(Self::$variant(_) => $who,)*
                }
            }

            /// Who may try the mutation named `name`, for a table or a test.
            pub fn may_run_by_name(name: &str) -> Option<$crate::role::MayRun> {
                match name {
                    $($name => Some($who),)*
                    _ => None,
                }
            }

            /// The example arguments of each mutation, by wire name.
            pub fn examples() -> Vec<(&'static str, serde_json::Value)> {
                vec![$(($name, serde_json::json!($example)),)*]
            }

            pub(crate) async fn run(
                &self,
                tx: &mut impl $crate::tx::Tx,
                actor: &$crate::role::Actor,
                now: $crate::time::Timestamp,
            ) -> Result<(), $crate::rejection::ApplyError> {
                match self {
                    $(Self::$variant(args) => $run(tx, actor, args, now).await,)*
                }
            }
        }
    };
}
