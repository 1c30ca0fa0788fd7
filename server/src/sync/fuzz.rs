//! Fuzzing the sync decoder (issue 15, item 7). cargo-fuzz needs a nightly toolchain, which
//! these machines cannot install (one stable toolchain, docs/sync.md "Fuzzing"), so these are
//! property tests: arbitrary bytes as a push body, and arbitrary operation-shaped JSON (known
//! and unknown kinds, random payloads, random strings with control characters) through the
//! reader every operation takes. Nothing may panic; every failure must name a field.
//! `PROPTEST_CASES` sets how many inputs each tries (256 by default, in `make test`).

use super::apply::read_operation;
use super::http::read_json;
use domain::sync::{OpBody, PushRequest, Rejection};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Any JSON value, a few levels deep, with strings that may hold any character.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An operation's envelope around any payload, under a real kind most of the time.
fn operation() -> impl Strategy<Value = Value> {
    let kinds: Vec<&'static str> = [
        "record_dispute",
        "entrust",
        "weekly_sweep",
        "settle_duplicate",
    ]
    .into_iter()
    .chain(domain::procedure::Action::ALL.map(OpBody::action_kind))
    .collect();
    (
        prop::sample::select(kinds),
        any::<String>(),
        any_json(),
        any::<i64>(),
        any::<bool>(),
    )
        .prop_map(|(kind, odd_kind, payload, client_time, real)| {
            json!({
                "id": uuid::Uuid::now_v7().to_string(),
                "case_id": uuid::Uuid::now_v7().to_string(),
                "client_time": client_time,
                "kind": if real { kind.to_owned() } else { odd_kind },
                "payload": payload,
            })
        })
}

proptest! {
    #[test]
    fn any_bytes_as_a_push_body_are_read_or_refused_naming_why(body in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(error) = read_json::<PushRequest>(&body) {
            prop_assert_eq!(error.status, axum::http::StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn any_json_as_an_operation_is_read_or_refused_naming_a_field(op in prop_oneof![operation(), any_json()]) {
        let control = domain::text::control_in_operation(&op);
        match read_operation(&op) {
            Ok(read) => prop_assert!(domain::sync::DEVICE_TIMES.contains(&read.client_time)),
            Err(Rejection::Malformed { field, .. }) | Err(Rejection::BadDate { field }) => {
                prop_assert!(!field.is_empty() || control.is_some());
            }
            Err(other) => prop_assert!(false, "unexpected refusal {other:?}"),
        }
    }
}
