//! Text a person can have typed. Control characters are not: a NUL is refused by PostgreSQL in
//! any text column (failing the whole transaction it came in), and the others show as nothing
//! or break a line in a report. Checked once, where an operation is first read, so no backend
//! ever sees one and one bad record never blocks the others.

use serde_json::Value;

/// Whether `c` may not appear in any field: the C0 controls and DEL, except tab, line feed and
/// carriage return, which a person types into long text.
pub fn is_control(c: char) -> bool {
    (c.is_ascii_control()) && !matches!(c, '\t' | '\n' | '\r')
}

pub fn has_control(text: &str) -> bool {
    text.chars().any(is_control)
}

/// The field of a sync operation that holds a control character, if one does, named as the
/// dispute checks name fields: the envelope's own (`id`, `kind`, …) by name, the payload's from
/// its root (`summary`, `parties[1].name`).
pub fn control_in_operation(op: &Value) -> Option<String> {
    let Value::Object(fields) = op else {
        return control_at(op, String::new());
    };
    fields.iter().find_map(|(key, value)| {
        if has_control(key) {
            return Some(key.clone());
        }
        let root = if key == "payload" {
            String::new()
        } else {
            key.clone()
        };
        control_at(value, root)
    })
}

/// The path of the first string (or object key) under `value` holding a control character.
fn control_at(value: &Value, path: String) -> Option<String> {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(text) => has_control(text).then_some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| control_at(item, format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, value)| {
            if has_control(key) {
                Some(join(key))
            } else {
                control_at(value, join(key))
            }
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tabs_and_line_breaks_are_text_other_controls_are_not() {
        assert!(!has_control("第一行\n第二行\r\n\t缩进"));
        for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{1f}', '\u{7f}'] {
            assert!(has_control(&format!("a{c}b")), "{:?}", c);
        }
        assert!(!has_control("全角空格　与 emoji 🙂"));
    }

    #[test]
    fn the_field_is_named_as_the_dispute_checks_name_it() {
        let op = json!({
            "id": "x", "kind": "record_dispute", "client_time": 1,
            "payload": { "summary": "好", "parties": [{ "name": "张三" }, { "name": "李\u{0}四" }] }
        });
        assert_eq!(
            control_in_operation(&op).as_deref(),
            Some("parties[1].name")
        );
        let op = json!({ "id": "x\u{0}", "payload": {} });
        assert_eq!(control_in_operation(&op).as_deref(), Some("id"));
        let op = json!({ "payload": { "summary": "a\u{1}" } });
        assert_eq!(control_in_operation(&op).as_deref(), Some("summary"));
        let op = json!({ "payload": { "odd\u{0}key": 1 } });
        assert_eq!(control_in_operation(&op).as_deref(), Some("odd\u{0}key"));
        assert_eq!(
            control_in_operation(&json!({ "payload": { "n": [1, 2] } })),
            None
        );
    }
}
