//! A titled group of checkboxes choosing any number of values (the parties told, the parties
//! consenting, the units joining, a mediator's specialties).

use leptos::prelude::*;

#[component]
pub fn CheckList<T>(
    legend: &'static str,
    /// Each value with the words shown beside its box.
    options: Vec<(T, String)>,
    /// The values ticked, in the order they were ticked.
    chosen: RwSignal<Vec<T>>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {options.into_iter().map(|(value, label)| {
                let shown = value.clone();
                view! {
                    <label class="check"><input type="checkbox"
                        prop:checked=move || chosen.with(|c| c.contains(&shown))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                c.retain(|x| x != &value);
                                if on {
                                    c.push(value.clone());
                                }
                            });
                        }/>{label}</label>
                }
            }).collect_view()}
        </fieldset>
    }
}
