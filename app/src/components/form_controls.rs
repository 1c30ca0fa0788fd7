//! Small pieces the forms share: a text field bound to a signal, a labelled select.

use leptos::prelude::*;

/// Binds a text input or textarea to a signal.
pub fn bind(signal: RwSignal<String>) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev| signal.set(event_target_value(&ev))
}

/// One answer out of a few, as a labelled select (a native picker under a thumb).
pub fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    id: impl Into<String>,
    label: &'static str,
    options: Vec<(T, &'static str)>,
    value: RwSignal<T>,
) -> impl IntoView {
    let id: String = id.into();
    let values: Vec<T> = options.iter().map(|(v, _)| *v).collect();
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id on:change=move |ev| {
            if let Some(v) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| values.get(i)) {
                value.set(*v);
            }
        }>
            {options.into_iter().enumerate().map(|(i, (v, text))| view! {
                <option value=i.to_string() selected=move || value.get() == v>{text}</option>
            }).collect_view()}
        </select>
    }
}
